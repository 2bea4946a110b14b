package dev.continuum.update.internal.manifest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Ed25519 keys in their standard encodings (X.509 SubjectPublicKeyInfo, PKCS#8), as base64 text. */
public final class Keys {

    public static final String ALGORITHM = "Ed25519";

    private Keys() {
    }

    /** The key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Parses a base64 X.509 Ed25519 public key; {@code IllegalArgumentException} naming the problem. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key: '" + abbreviate(base64)
                    + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Parses a base64 PKCS#8 Ed25519 private key. */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Reads a key file: base64 text, lines starting with {@code #} ignored. */
    public static String keyText(byte[] file) {
        StringBuilder text = new StringBuilder();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            if (!line.strip().startsWith("#")) {
                text.append(line.strip());
            }
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
