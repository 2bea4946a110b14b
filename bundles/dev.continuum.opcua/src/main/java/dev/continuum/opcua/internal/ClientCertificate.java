package dev.continuum.opcua.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The gateway's OPC UA application instance certificate: generated on first start into
 * {@code <pki>/own/gateway.p12} and reused, and exported as {@code <pki>/own/gateway.der} for servers'
 * trust lists. Shared by every driver instance of the gateway.
 */
record ClientCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

    private static final String ALIAS = "gateway";
    // Protects the key on the gateway's own disk; the data directory's permissions are the real guard.
    private static final char[] PASSWORD = "continuum".toCharArray();

    static synchronized ClientCertificate loadOrCreate(Path pki) throws IOException, GeneralSecurityException {
        Path own = Files.createDirectories(pki.resolve("own"));
        Path store = own.resolve("gateway.p12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        if (Files.exists(store)) {
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
        } else {
            keyStore.load(null, PASSWORD);
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {create(keyPair)});
            Path temp = own.resolve("gateway.p12.tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                keyStore.store(out, PASSWORD);
            }
            Files.move(temp, store, StandardCopyOption.ATOMIC_MOVE);
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
        PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, PASSWORD);
        Files.write(own.resolve("gateway.der"), certificate.getEncoded());
        String uri = org.eclipse.milo.opcua.stack.core.util.CertificateUtil.getSanUri(certificate)
                .orElseThrow(() -> new GeneralSecurityException(store + " holds a certificate without application URI"));
        return new ClientCertificate(new KeyPair(certificate.getPublicKey(), key), certificate, uri);
    }

    private static X509Certificate create(KeyPair keyPair) throws GeneralSecurityException {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Continuum gateway " + host)
                    .setOrganization("Continuum")
                    .setApplicationUri("urn:continuum:gateway:" + host)
                    .addDnsName(host)
                    .build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the gateway's OPC UA certificate: " + e.getMessage(), e);
        }
    }
}
