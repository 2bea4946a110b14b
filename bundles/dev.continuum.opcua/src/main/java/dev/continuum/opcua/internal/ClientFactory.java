package dev.continuum.opcua.internal;

import dev.continuum.opcua.internal.EndpointSelector.ConfigurationException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/** Makes one connected Milo client per connection attempt: discovery, endpoint choice, identity, session. */
final class ClientFactory {

    private final DriverConfig config;
    private final EndpointSelector selector;
    private final java.nio.file.Path pki;
    private ClientCertificate certificate;
    private final TrustStore trust;
    private final MiloThreads threads;
    private final IdentityProvider identity;

    ClientFactory(DriverConfig config, java.nio.file.Path pki, TrustStore trust, MiloThreads threads)
            throws ConfigurationException {
        this.config = config;
        this.selector = new EndpointSelector(config.securityPolicy(), config.securityMode(), config.allowNone());
        this.pki = pki;
        this.trust = trust;
        this.threads = threads;
        this.identity = identity(config);
        if (config.endpointUrl() == null || !config.endpointUrl().startsWith("opc.tcp://")) {
            throw new ConfigurationException("endpointUrl '" + config.endpointUrl() + "' must be opc.tcp://host:port/path");
        }
    }

    private static IdentityProvider identity(DriverConfig config) throws ConfigurationException {
        switch (config.identity().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "anonymous":
                return new AnonymousProvider();
            case "username":
                if (config.username().isBlank()) {
                    throw new ConfigurationException("identity username needs a username");
                }
                return new UsernameProvider(config.username(), config.password());
            case "x509":
                return x509(config);
            default:
                throw new ConfigurationException("identity '" + config.identity() + "' is not anonymous, username or x509");
        }
    }

    private static IdentityProvider x509(DriverConfig config) throws ConfigurationException {
        Path file = Path.of(config.userKeyStore());
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, config.password().toCharArray());
            String alias = store.aliases().nextElement();
            return new X509IdentityProvider((X509Certificate) store.getCertificate(alias),
                    (PrivateKey) store.getKey(alias, config.password().toCharArray()));
        } catch (Exception e) {
            throw new ConfigurationException("identity x509: cannot read the PKCS#12 key store '" + file + "' with the"
                    + " configured password: " + e.getMessage());
        }
    }

    /**
     * Connects a new client (blocking, bounded by the request timeout); the caller owns it.
     *
     * @throws ConfigurationException when the server offers nothing this configuration accepts
     * @throws Exception when the server cannot be reached or refuses the session (retry later)
     */
    Link connect() throws Exception {
        long timeout = config.requestTimeout();
        if (certificate == null) {
            certificate = ClientCertificate.loadOrCreate(pki); // on the connection thread: key generation is slow
        }
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(config.endpointUrl(), this::transport)
                .get(timeout, TimeUnit.MILLISECONDS);
        EndpointDescription endpoint = selector.select(endpoints, config.endpointUrl());
        TrustStore.Validator validator = trust.validator();
        try {
            OpcUaClientConfig clientConfig = OpcUaClientConfig.builder()
                    .setApplicationName(LocalizedText.english("Continuum gateway"))
                    .setApplicationUri(certificate.applicationUri())
                    .setProductUri("urn:continuum:gateway")
                    .setEndpoint(endpoint)
                    .setKeyPair(certificate.keyPair())
                    .setCertificate(certificate.certificate())
                    .setCertificateChain(new X509Certificate[] {certificate.certificate()})
                    .setCertificateValidator(validator)
                    .setIdentityProvider(identity)
                    .setRequestTimeout(uint(timeout))
                    .setKeepAliveInterval(uint(config.keepAliveInterval()))
                    .setKeepAliveFailuresAllowed(uint(1))
                    .setKeepAliveTimeout(uint(Math.max(1000, config.keepAliveInterval())))
                    .build();
            OpcTcpClientTransportConfigBuilder transport = OpcTcpClientTransportConfig.newBuilder();
            transport(transport);
            OpcUaClient client = new OpcUaClient(clientConfig, new OpcTcpClientTransport(transport.build()));
            try {
                client.connectAsync().get(timeout, TimeUnit.MILLISECONDS);
                return new Link(client, validator);
            } catch (Exception e) {
                client.disconnectAsync();
                String rejection = trust.lastRejection();
                if (!rejection.isEmpty()) {
                    throw new UntrustedServerException(rejection);
                }
                throw e;
            }
        } catch (Exception e) {
            validator.close();
            throw e;
        }
    }

    /** A connected client and the trust list its validator reads; {@link #close()} releases both. */
    record Link(OpcUaClient client, TrustStore.Validator validator) implements AutoCloseable {
        @Override
        public void close() {
            client.disconnectAsync().whenComplete((c, e) -> validator.close());
        }
    }

    private void transport(OpcTcpClientTransportConfigBuilder transport) {
        threads.apply(transport);
        transport.setConnectTimeout(uint(Math.min(5000, config.requestTimeout())));
    }

    /** The server's certificate is not trusted; the message says which and where to trust it. */
    static final class UntrustedServerException extends Exception {
        private static final long serialVersionUID = 1L;

        UntrustedServerException(String message) {
            super(message);
        }
    }
}
