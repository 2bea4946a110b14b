package dev.continuum.cloud.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS socket factory of an endpoint from its trust store and optional client key store. */
public final class Tls {

    private Tls() {
    }

    /**
     * @param trustStore PKCS12 or JKS file with the CAs to trust; empty = the JVM's default trust store
     * @param keyStore PKCS12 or JKS file with the client certificate and key (X.509 client auth); empty = none
     * @return the factory, or {@code null} when neither is set (the JVM default applies)
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static SSLSocketFactory socketFactory(String trustStore, char[] trustPassword, String keyStore,
            char[] keyPassword) {
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (!trustStore.isEmpty()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, trustPassword, "trustStore"));
            }
            KeyManagerFactory keys = null;
            if (!keyStore.isEmpty()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, keyPassword, "keyStore"), keyPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, char[] password, String property) throws GeneralSecurityException {
        Path path = Path.of(file);
        String type = file.endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException(property + " " + path.toAbsolutePath() + " cannot be read as " + type
                    + " (.p12/.pfx = PKCS12, .jks = JKS; check the file and its password): " + e.getMessage(), e);
        }
    }
}
