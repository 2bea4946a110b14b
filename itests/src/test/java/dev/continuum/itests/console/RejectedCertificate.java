package dev.continuum.itests.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A server certificate in the OPC UA driver's rejected folder, as the driver leaves one it did not trust
 * (DER, named by subject and SHA-1 thumbprint); the gateway's own HTTPS certificate stands in for a server's.
 *
 * @param file where it lies ({@code DATA/opcua/pki/rejected/...})
 * @param sha1 its thumbprint, upper-case hex
 */
record RejectedCertificate(Path file, String sha1) {

    static RejectedCertificate plant(Path data) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("security/https.p12"))) {
            keys.load(in, Files.readString(data.resolve("security/https.password")).trim().toCharArray());
        }
        byte[] der = keys.getCertificate("continuum").getEncoded();
        String sha1 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        Path file = Files.createDirectories(data.resolve("opcua/pki/rejected")).resolve("CN=plc [" + sha1 + "].der");
        Files.write(file, der);
        return new RejectedCertificate(file, sha1);
    }
}
