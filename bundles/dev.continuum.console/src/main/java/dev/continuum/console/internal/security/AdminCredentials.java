package dev.continuum.console.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The administrator's credentials in the data directory ({@code security/admin.pbkdf2}).
 *
 * <p>There is no default password: on first start a random one-time password is generated, its hash
 * stored, and the password itself written to {@code security/initial-admin-password} (owner-only) so
 * the launcher can show it. Setting a new password removes that file.
 */
final class AdminCredentials {

    static final String USER = "admin";
    static final String HASH_FILE = "security/admin.pbkdf2";
    static final String INITIAL_PASSWORD_FILE = "security/initial-admin-password";

    private final Path hashFile;
    private final Path initialPasswordFile;
    private volatile String hash;

    private AdminCredentials(Path data) {
        this.hashFile = data.resolve(HASH_FILE);
        this.initialPasswordFile = data.resolve(INITIAL_PASSWORD_FILE);
    }

    /** Loads the stored credentials, creating the one-time password on first start. */
    static AdminCredentials open(Path data) throws IOException {
        AdminCredentials credentials = new AdminCredentials(data);
        Files.createDirectories(credentials.hashFile.getParent());
        if (!Files.exists(credentials.hashFile)) {
            String password = PasswordHash.randomPassword(20);
            writeOwnerOnly(credentials.initialPasswordFile, password + "\n");
            writeOwnerOnly(credentials.hashFile, PasswordHash.hash(password.toCharArray()) + "\n");
        }
        credentials.hash = Files.readString(credentials.hashFile, StandardCharsets.UTF_8).trim();
        return credentials;
    }

    /** True while the one-time password is the password: it must be changed before anything else. */
    boolean mustChange() {
        return Files.exists(initialPasswordFile);
    }

    boolean verify(String user, char[] password) {
        return USER.equals(user) && PasswordHash.verify(password, hash);
    }

    /** Replaces the password; the one-time password stops working and its file is deleted. */
    void setPassword(char[] password) throws IOException {
        PasswordHash.checkStrength(password);
        String newHash = PasswordHash.hash(password);
        writeOwnerOnly(hashFile, newHash + "\n");
        hash = newHash;
        Files.deleteIfExists(initialPasswordFile);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            Files.createFile(temp);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
