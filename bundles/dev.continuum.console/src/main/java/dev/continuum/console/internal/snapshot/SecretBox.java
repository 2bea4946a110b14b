package dev.continuum.console.internal.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secret values of snapshots (AES-256-GCM) with a key of the gateway's own, generated at
 * first use into {@code DATA/security/snapshot.key} (owner-only): a copied snapshot file reveals no
 * password, and a restore still brings the password back.
 */
final class SecretBox {

    /** Property names whose values are secrets. */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|token|credential|passphrase"
            + "|private.?key).*");
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    static boolean secret(String property) {
        return SECRET.matcher(property).matches();
    }

    /** The box with the key in {@code file}, created (32 random bytes, owner-only) when missing. */
    static SecretBox open(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path temp = Files.createTempFile(file.getParent(), "snapshot", ".key", PosixFilePermissions.asFileAttribute(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            Files.write(temp, Base64.getEncoder().encode(fresh));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (key.length != 32) {
            throw new IOException(file + " must hold a base64 AES-256 key (32 bytes), it has " + key.length);
        }
        return new SecretBox(key);
    }

    String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plain text; an {@link IllegalArgumentException} when the value was sealed with another key or altered. */
    String open(String sealed) {
        byte[] in = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a secret of this snapshot cannot be decrypted with this gateway's"
                    + " key (security/snapshot.key was replaced, or the snapshot was altered)", e);
        }
    }
}
