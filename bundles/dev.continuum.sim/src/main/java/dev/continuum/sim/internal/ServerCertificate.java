package dev.continuum.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The simulation server's key pair and self-signed certificate, created once in the PKI directory and
 * reused, so that a client that trusted it once keeps trusting it across server restarts. The
 * certificate is also written as {@code server.der}, ready to be copied into a client's trust list.
 */
record ServerCertificate(KeyPair keyPair, X509Certificate certificate) {

    static final String APPLICATION_URI = "urn:continuum:sim:server";
    private static final String STORE = "server.p12";
    private static final String ALIAS = "server";
    // The store protects a simulation key on the local disk only.
    private static final char[] PASSWORD = "continuum-sim".toCharArray();

    static ServerCertificate loadOrCreate(Path pkiDir, String hostname) throws IOException, GeneralSecurityException {
        Files.createDirectories(pkiDir);
        Path store = pkiDir.resolve(STORE);
        ServerCertificate result = Files.exists(store) ? load(store) : create(store, hostname);
        Files.write(pkiDir.resolve("server.der"), result.certificate().getEncoded());
        return result;
    }

    private static ServerCertificate load(Path store) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
        PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, PASSWORD);
        return new ServerCertificate(new KeyPair(certificate.getPublicKey(), key), certificate);
    }

    private static ServerCertificate create(Path store, String hostname) throws IOException, GeneralSecurityException {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate;
        try {
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Continuum Simulation Server")
                    .setOrganization("Continuum")
                    .setApplicationUri(APPLICATION_URI)
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1");
            if (!"localhost".equals(hostname) && !"127.0.0.1".equals(hostname)) {
                builder.addDnsName(hostname);
            }
            certificate = builder.build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the simulation server's certificate: " + e.getMessage(), e);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, PASSWORD);
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        Path temp = store.resolveSibling(STORE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            keyStore.store(out, PASSWORD);
        }
        Files.move(temp, store, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new ServerCertificate(keyPair, certificate);
    }
}
