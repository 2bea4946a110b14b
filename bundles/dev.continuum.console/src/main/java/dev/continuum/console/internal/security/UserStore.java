package dev.continuum.console.internal.security;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The management plane's accounts: {@code admin} in {@link AdminCredentials} (which the launcher's local
 * password command also writes), every other account in {@code security/users.json} (owner-only, PBKDF2
 * hashes). An account created or reset by an administrator must change its password at first login, as
 * the administrator must change the one-time password. Thread-safe (writes are serialised).
 */
public final class UserStore {

    static final String USERS_FILE = "security/users.json";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

    /**
     * Made on first use: a gateway with the administrator alone has no users file, and making a Gson costs
     * ~10 ms on the start's critical path (the Felix Web Console's security provider opens this store).
     */
    private static final class Codec {
        static final Gson GSON = new Gson();
    }

    /** One stored account. */
    record Account(String role, String hash, boolean mustChange) {
    }

    /** What callers may see of an account. */
    public record User(String name, Role role, boolean mustChangePassword) {
    }

    private final AdminCredentials admin;
    private final Path usersFile;
    private Map<String, Account> accounts;

    private UserStore(AdminCredentials admin, Path usersFile, Map<String, Account> accounts) {
        this.admin = admin;
        this.usersFile = usersFile;
        this.accounts = accounts;
    }

    public static UserStore open(Path data) throws IOException {
        Path file = data.resolve(USERS_FILE);
        Map<String, Account> accounts = new TreeMap<>();
        if (Files.exists(file)) {
            Map<String, Account> read = Codec.GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<Map<String, Account>>() { }.getType());
            if (read != null) {
                accounts.putAll(read);
            }
        }
        return new UserStore(AdminCredentials.open(data), file, accounts);
    }

    /** The user if the password is right, else empty. */
    public synchronized Optional<User> verify(String name, char[] password) {
        if (AdminCredentials.USER.equals(name)) {
            return admin.verify(name, password) ? Optional.of(adminUser()) : Optional.empty();
        }
        Account account = accounts.get(name);
        if (account == null || !PasswordHash.verify(password, account.hash())) {
            return Optional.empty();
        }
        return Optional.of(new User(name, Role.parse(account.role()), account.mustChange()));
    }

    public synchronized Optional<User> find(String name) {
        if (AdminCredentials.USER.equals(name)) {
            return Optional.of(adminUser());
        }
        Account account = accounts.get(name);
        return account == null ? Optional.empty()
                : Optional.of(new User(name, Role.parse(account.role()), account.mustChange()));
    }

    public synchronized List<User> list() {
        List<User> users = new ArrayList<>();
        users.add(adminUser());
        accounts.forEach((name, account) ->
                users.add(new User(name, Role.parse(account.role()), account.mustChange())));
        return users;
    }

    /** The user's own new password; clears the must-change flag. */
    public synchronized void changePassword(String name, char[] password) throws IOException {
        PasswordHash.checkStrength(password);
        if (AdminCredentials.USER.equals(name)) {
            admin.setPassword(password);
            return;
        }
        Account account = require(name);
        store(name, new Account(account.role(), PasswordHash.hash(password), false));
    }

    /** Creates or replaces an account with an initial password that must be changed at first login. */
    public synchronized void put(String name, Role role, char[] initialPassword) throws IOException {
        if (AdminCredentials.USER.equals(name)) {
            throw new IllegalArgumentException("the built-in account 'admin' cannot be replaced; change its"
                    + " password through /api/v1/auth/password");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 2 to 32 characters a-z, 0-9, '.', '_' or '-',"
                    + " starting with a letter; got '" + name + "'");
        }
        PasswordHash.checkStrength(initialPassword);
        store(name, new Account(role.id(), PasswordHash.hash(initialPassword), true));
    }

    public synchronized boolean remove(String name) throws IOException {
        if (AdminCredentials.USER.equals(name)) {
            throw new IllegalArgumentException("the built-in account 'admin' cannot be removed");
        }
        if (!accounts.containsKey(name)) {
            return false;
        }
        Map<String, Account> copy = new TreeMap<>(accounts);
        copy.remove(name);
        save(copy);
        return true;
    }

    private User adminUser() {
        return new User(AdminCredentials.USER, Role.ADMIN, admin.mustChange());
    }

    private Account require(String name) {
        Account account = accounts.get(name);
        if (account == null) {
            throw new IllegalArgumentException("no user '" + name + "'");
        }
        return account;
    }

    private void store(String name, Account account) throws IOException {
        Map<String, Account> copy = new TreeMap<>(accounts);
        copy.put(name, account);
        save(copy);
    }

    private void save(Map<String, Account> copy) throws IOException {
        AdminCredentials.writeOwnerOnly(usersFile, Codec.GSON.toJson(copy));
        accounts = copy;
    }
}
