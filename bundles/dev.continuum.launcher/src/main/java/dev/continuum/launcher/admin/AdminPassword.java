package dev.continuum.launcher.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The administrator's password from outside the running gateway, for {@code continuumctl} and the
 * package's first install: {@code java -cp 'lib/*' dev.continuum.launcher.admin.AdminPassword --data DIR
 * init|set}.
 *
 * <p>Writes the files the console bundle reads at start ({@code dev.continuum.console}'s
 * AdminCredentials): {@code DATA/security/admin.pbkdf2}, owner-only, one line
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (PBKDF2-HMAC-SHA256, 256-bit key, base64), and for
 * {@code init} the one-time password in {@code DATA/security/initial-admin-password}. {@code set} reads
 * the new password from the first line of standard input and removes the one-time password. A running
 * gateway reads the hash when its console starts, so a new password applies after a restart.
 *
 * <p>Exit codes: 0 done, 1 I/O failure, 2 bad arguments or password.
 */
public final class AdminPassword {

    static final String HASH_FILE = "security/admin.pbkdf2";
    static final String INITIAL_PASSWORD_FILE = "security/initial-admin-password";
    static final int MIN_LENGTH = 12;
    private static final String USAGE = "usage: AdminPassword --data DIR init|set  (set reads the password from stdin)";

    private AdminPassword() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[0].equals("--data")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        try {
            switch (args[2]) {
                case "init" -> System.out.println(init(data)
                        ? "created the one-time admin password in " + data.resolve(INITIAL_PASSWORD_FILE)
                        : "the admin password is already set; nothing changed");
                case "set" -> {
                    String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                            .readLine();
                    set(data, password == null ? new char[0] : password.toCharArray());
                    System.out.println("admin password set in " + data.resolve(HASH_FILE)
                            + "; a running gateway uses it after a restart");
                }
                default -> {
                    System.err.println("unknown command '" + args[2] + "'; " + USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("cannot write the admin password under " + data + ": " + e);
            System.exit(1);
        }
    }

    /** Creates a one-time password unless a password hash exists; true when it created one. */
    static boolean init(Path data) throws IOException {
        Path hashFile = data.resolve(HASH_FILE);
        if (Files.exists(hashFile)) {
            return false;
        }
        Files.createDirectories(hashFile.getParent());
        String password = Pbkdf2.randomPassword(20);
        writeOwnerOnly(data.resolve(INITIAL_PASSWORD_FILE), password + "\n");
        writeOwnerOnly(hashFile, Pbkdf2.hash(password.toCharArray()) + "\n");
        return true;
    }

    static void set(Path data, char[] password) throws IOException {
        if (password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters, got "
                    + password.length);
        }
        Path hashFile = data.resolve(HASH_FILE);
        Files.createDirectories(hashFile.getParent());
        writeOwnerOnly(hashFile, Pbkdf2.hash(password) + "\n");
        Files.deleteIfExists(data.resolve(INITIAL_PASSWORD_FILE));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            Files.createFile(temp);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
