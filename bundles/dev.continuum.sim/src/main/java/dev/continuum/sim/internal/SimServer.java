package dev.continuum.sim.internal;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_X509;

import java.security.KeyPair;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * The simulation server: an Eclipse Milo {@link OpcUaServer} serving {@link LineNamespace}.
 *
 * <p>Simulation and tests only (Milo's server has published CVEs): it listens on loopback unless told
 * otherwise and accepts every client application certificate.
 */
public final class SimServer implements AutoCloseable {

    private final SimSettings settings;
    private final OpcUaServer server;

    private SimServer(SimSettings settings, OpcUaServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Builds and starts a server; fails if the port is taken or a setting is bad. */
    public static SimServer start(SimSettings settings) throws Exception {
        // Aes256_Sha256_RsaPss needs BouncyCastle; a "BC" from an earlier class loader cannot handle our keys.
        java.security.Provider registered = Security.getProvider("BC");
        if (registered == null || registered.getClass() != BouncyCastleProvider.class) {
            if (registered != null) {
                Security.removeProvider("BC");
            }
            Security.addProvider(new BouncyCastleProvider());
        }
        ServerCertificate identity = ServerCertificate.loadOrCreate(settings.pkiDir(), settings.hostname());
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(ServerCertificate.APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Continuum Simulation Server"))
                .setProductUri("urn:continuum:sim")
                .setEndpoints(endpoints(settings, identity.certificate()))
                .setCertificateManager(certificateManager(identity))
                .setIdentityValidator(identities(settings))
                .setLimits(new Limits())
                .build();
        OpcUaServer server = new OpcUaServer(config, profile -> {
            if (profile != TransportProfile.TCP_UASC_UABINARY) {
                throw new IllegalArgumentException("unsupported transport " + profile);
            }
            return new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
        });
        LineNamespace namespace = new LineNamespace(server, settings.line());
        namespace.startup();
        try {
            server.startup().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            namespace.shutdown();
            server.shutdown();
            throw e;
        }
        return new SimServer(settings, server);
    }

    public String endpointUrl() {
        return settings.endpointUrl();
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(SimServer.class).warn("simulation server did not shut down cleanly", e);
        }
    }

    private static DefaultCertificateManager certificateManager(ServerCertificate identity) throws Exception {
        MemoryCertificateQuarantine quarantine = new MemoryCertificateQuarantine();
        RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
            @Override
            protected KeyPair createRsaSha256KeyPair() {
                return identity.keyPair();
            }

            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
                return new X509Certificate[] {identity.certificate()};
            }
        };
        // Simulation: every client application certificate is accepted.
        DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(new MemoryTrustListManager(),
                new MemoryCertificateStore(), factory, (chain, applicationUri, hostnames) -> { });
        return new DefaultCertificateManager(quarantine, group);
    }

    private static IdentityValidator identities(SimSettings settings) {
        List<IdentityValidator> validators = new ArrayList<>();
        if (settings.anonymous()) {
            validators.add(AnonymousIdentityValidator.INSTANCE);
        }
        if (!settings.users().isEmpty()) {
            validators.add(new UsernameIdentityValidator(challenge ->
                    challenge.getPassword().equals(settings.users().get(challenge.getUsername()))));
        }
        validators.add(new X509IdentityValidator(certificate -> true));
        return new CompositeValidator(validators.toArray(IdentityValidator[]::new));
    }

    private static Set<EndpointConfig> endpoints(SimSettings settings, X509Certificate certificate) {
        EndpointConfig.Builder base = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(settings.bindAddress())
                .setBindPort(settings.port())
                .setHostname(settings.hostname())
                .setPath(SimSettings.PATH)
                .setCertificate(certificate);
        if (settings.anonymous()) {
            base.addTokenPolicy(USER_TOKEN_POLICY_ANONYMOUS);
        }
        if (!settings.users().isEmpty()) {
            base.addTokenPolicy(USER_TOKEN_POLICY_USERNAME);
        }
        base.addTokenPolicy(USER_TOKEN_POLICY_X509);
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        for (String name : settings.policies()) {
            SecurityPolicy policy = policy(name);
            if (policy == SecurityPolicy.None) {
                endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(MessageSecurityMode.None).build());
            } else {
                endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(MessageSecurityMode.Sign).build());
                endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(MessageSecurityMode.SignAndEncrypt)
                        .build());
            }
        }
        if (settings.policies().stream().noneMatch("None"::equalsIgnoreCase)) {
            // Discovery (GetEndpoints) needs an unsecured channel; Milo serves only discovery on it.
            endpoints.add(base.copy().setPath(SimSettings.PATH + "/discovery")
                    .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        }
        return endpoints;
    }

    static SecurityPolicy policy(String name) {
        for (SecurityPolicy policy : SecurityPolicy.values()) {
            if (policy.name().equalsIgnoreCase(name.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown security policy '" + name + "'; accepted: None, Basic256Sha256, "
                + "Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss");
    }

    /** Fast sampling and publishing for simulation and load tests. */
    private static final class Limits implements OpcUaServerConfigLimits {
        @Override
        public Double getMinSupportedSampleRate() {
            return 1.0;
        }

        @Override
        public Double getMinPublishingInterval() {
            return 1.0;
        }

        @Override
        public UInteger getMaxMonitoredItemsPerSession() {
            return UInteger.valueOf(200_000);
        }

        @Override
        public UInteger getMaxMonitoredItems() {
            return UInteger.valueOf(1_000_000);
        }
    }
}
