package dev.continuum.federated.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The gateway's Ed25519 signing identity for federated updates: created on first use and kept in the data
 * directory ({@code identity.key}, base64 PKCS#8, owner-only; {@code identity.pub}, base64 X.509, for
 * enrolling the gateway at the coordinator).
 */
public final class GatewayIdentity {

    private final KeyPair pair;

    private GatewayIdentity(KeyPair pair) {
        this.pair = pair;
    }

    public static GatewayIdentity loadOrCreate(Path dir) throws IOException {
        Path privateFile = dir.resolve("identity.key");
        Path publicFile = dir.resolve("identity.pub");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(privateFile)));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(publicFile)));
                return new GatewayIdentity(new KeyPair(publicKey, privateKey));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            write(privateFile, pair.getPrivate().getEncoded(), true);
            write(publicFile, pair.getPublic().getEncoded(), false);
            return new GatewayIdentity(pair);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the federated identity in " + dir + " is unreadable (expected base64 PKCS#8"
                    + " identity.key and X.509 identity.pub): " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    private static void write(Path file, byte[] encoded, boolean secret) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (secret && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(encoded) + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
