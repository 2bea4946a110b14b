package dev.continuum.wrap.milo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.wrap.testkit.TestFramework;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Boots Felix with the packaged wrapper plus exactly its runtime bundles (Netty, BouncyCastle; slf4j
 * from the system bundle) and uses Milo through the bundle: client and server SDK classes load and
 * initialise, the shaded Guava, Netty and BouncyCastle are reachable.
 */
class MiloBundleIT {

    @TempDir Path storage;

    @Test
    void resolvesWithItsRuntimeBundlesAndRunsClientServerAndSecurityCode() throws Exception {
        List<Path> bundles = TestFramework.wrapperAndRuntimeBundles();

        try (TestFramework osgi = TestFramework.start(storage)) {
            Bundle milo = osgi.installAndStart(bundles).get(0);

            assertThat(milo.getState()).isEqualTo(Bundle.ACTIVE);
            List<Object> seen = TestFramework.probe(MiloProbe.class, milo);

            assertThat(seen.subList(0, 2))
                    .containsExactly("ns=2;s=continuum/probe", "O=Continuum,CN=continuum-wrapcheck");
            assertThat(seen.subList(2, 5))
                    .extracting(type -> FrameworkUtil.getBundle((Class<?>) type).getSymbolicName())
                    .containsExactly("io.netty.transport", "dev.continuum.wrap.milo", "dev.continuum.wrap.milo");
        }
    }

    /** Runs inside the wrapper's class space (see {@link TestFramework#probe}). */
    public static final class MiloProbe implements Callable<List<Object>> {
        @Override
        public List<Object> call() throws Exception {
            List<Object> seen = new ArrayList<>();
            seen.add(NodeId.parse("ns=2;s=continuum/probe").toParseableString());

            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("continuum-wrapcheck")
                    .setOrganization("Continuum")
                    .setApplicationUri("urn:dev:continuum:wrapcheck")
                    .build();
            seen.add(certificate.getSubjectX500Principal().getName());

            try {
                seen.add(Stack.sharedEventLoop().getClass());
            } finally {
                Stack.releaseSharedResources(5, TimeUnit.SECONDS);
            }
            seen.add(initialised(OpcUaClient.class));
            seen.add(initialised(OpcUaServer.class));
            return seen;
        }

        private static Class<?> initialised(Class<?> type) throws ClassNotFoundException {
            return Class.forName(type.getName(), true, type.getClassLoader());
        }
    }
}
