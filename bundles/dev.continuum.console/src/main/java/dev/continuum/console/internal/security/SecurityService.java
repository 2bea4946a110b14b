package dev.continuum.console.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of the management plane, shared by the REST API, the console and the Felix Web
 * Console: accounts, sessions, brute-force throttling per account and per client address, and the
 * audit log. Thread-safe.
 */
@Component(service = SecurityService.class, configurationPid = SecurityConfig.PID)
@Designate(ocd = SecurityConfig.class)
public final class SecurityService {

    public static final String COOKIE = "continuum_session";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long BASIC_CACHE_MILLIS = 60_000;

    private final Path dataDir;
    private final UserStore users;
    private final AuditLog audit;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();
    /** Verified Authorization headers (by SHA-256) with their expiry, so PBKDF2 runs once a minute. */
    private final ConcurrentHashMap<String, Long> basicCache = new ConcurrentHashMap<>();
    private volatile LoginThrottle throttle;
    private volatile long sessionMillis;

    @Activate
    public SecurityService(BundleContext context, SecurityConfig config) throws IOException {
        String data = context.getProperty("continuum.data");
        Path dir = Path.of(data == null ? "data" : data);
        this.dataDir = dir;
        this.users = UserStore.open(dir);
        this.audit = new AuditLog(dir);
        modified(config);
        if (users.find(AdminCredentials.USER).orElseThrow().mustChangePassword()) {
            LOG.info("the admin account has its one-time password (in {}); it must be changed at first login",
                    dir.resolve(AdminCredentials.INITIAL_PASSWORD_FILE));
        }
    }

    @Modified
    void modified(SecurityConfig config) {
        throttle = new LoginThrottle(System::currentTimeMillis, config.maxFailures(),
                config.lockSeconds() * 1000L, Math.max(config.lockSeconds(), config.maxLockSeconds()) * 1000L);
        sessionMillis = config.sessionMinutes() * 60_000L;
    }

    @Deactivate
    void deactivate() throws IOException {
        sessions.clear();
        audit.close();
    }

    /** The gateway's data directory (framework property {@code continuum.data}). */
    public Path dataDir() {
        return dataDir;
    }

    public UserStore users() {
        return users;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Checks a password, throttled; a new session on success. */
    public Session login(String user, char[] password, String address) throws LoginDenied {
        Principal principal = verify(user, password, address);
        expireSessions();
        Session session = new Session(token(), principal.user(), token(), address, System.currentTimeMillis());
        sessions.put(session.id(), session);
        lastSeen.put(session.id(), System.currentTimeMillis());
        audit.record(user, address, "login", "session");
        return session;
    }

    /** The principal of a live session, renewing its idle timeout; empty when unknown or expired. */
    public Optional<Principal> session(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        Long seen = lastSeen.get(id);
        if (seen == null || now - seen > sessionMillis) {
            sessions.remove(id);
            lastSeen.remove(id);
            return Optional.empty();
        }
        lastSeen.put(id, now);
        return users.find(session.user())
                .map(u -> new Principal(u.name(), u.role(), u.mustChangePassword(), session));
    }

    /** Whether a session is live, without renewing it (for long-lived streams). */
    public boolean alive(Session session) {
        Long seen = lastSeen.get(session.id());
        return seen != null && System.currentTimeMillis() - seen <= sessionMillis;
    }

    public void logout(Session session, String address) {
        sessions.remove(session.id());
        lastSeen.remove(session.id());
        audit.record(session.user(), address, "logout", "session");
    }

    /** Authenticates an {@code Authorization: Basic} header, throttled like a login. */
    public Principal basic(String header, String address) throws LoginDenied {
        String key = Base64.getEncoder().encodeToString(PasswordHash.sha256(header));
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LoginDenied(401, "bad_credentials", "the Basic credentials are not valid base64", 0);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new LoginDenied(401, "bad_credentials", "Basic credentials need the form user:password", 0);
        }
        String user = decoded.substring(0, colon);
        Long until = basicCache.get(key);
        if (until != null && until > System.currentTimeMillis()) {
            Optional<UserStore.User> known = users.find(user);
            if (known.isPresent()) {
                return new Principal(user, known.get().role(), known.get().mustChangePassword(), null);
            }
        }
        Principal principal = verify(user, decoded.substring(colon + 1).toCharArray(), address);
        basicCache.put(key, System.currentTimeMillis() + BASIC_CACHE_MILLIS);
        return principal;
    }

    /** Sets the caller's own password; other sessions of the account end, cached credentials are dropped. */
    public void changePassword(Principal principal, char[] current, char[] replacement, String address)
            throws LoginDenied, IOException {
        verify(principal.user(), current, address);
        if (java.util.Arrays.equals(current, replacement)) {
            throw new IllegalArgumentException("the new password must differ from the current one");
        }
        users.changePassword(principal.user(), replacement);
        basicCache.clear();
        sessions.values().removeIf(s -> s.user().equals(principal.user())
                && (principal.session() == null || !s.id().equals(principal.session().id())));
        audit.record(principal.user(), address, "password.change", "own password");
    }

    /** Ends every session and cached credential of an account (after it was changed or removed). */
    public void forget(String user) {
        basicCache.clear();
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    public List<UserStore.User> listUsers() {
        return users.list();
    }

    private Principal verify(String user, char[] password, String address) throws LoginDenied {
        LoginThrottle current = throttle;
        String addressKey = "address " + address;
        String userKey = "user " + user;
        long wait = Math.max(current.lockedFor(addressKey), current.lockedFor(userKey));
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            throw new LoginDenied(429, "locked_out", "too many failed logins for this account or from this"
                    + " address; try again in " + seconds + " s", seconds);
        }
        Optional<UserStore.User> found = users.verify(user, password);
        if (found.isEmpty()) {
            boolean addressLocked = current.failed(addressKey);
            boolean userLocked = current.failed(userKey);
            audit.record(user, address, "login.failed", "wrong user name or password");
            if (addressLocked || userLocked) {
                long seconds = (Math.max(current.lockedFor(addressKey), current.lockedFor(userKey)) + 999) / 1000;
                audit.record(user, address, "lockout", (userLocked ? "account " + user : "")
                        + (userLocked && addressLocked ? " and " : "") + (addressLocked ? "address " + address : "")
                        + " locked for " + seconds + " s");
                LOG.warn("login lock-out: account {} / address {} for {} s", user, address, seconds);
            }
            throw new LoginDenied(401, "bad_credentials", "wrong user name or password", 0);
        }
        current.succeeded(addressKey);
        current.succeeded(userKey);
        UserStore.User u = found.get();
        return new Principal(u.name(), u.role(), u.mustChangePassword(), null);
    }

    private void expireSessions() {
        long now = System.currentTimeMillis();
        lastSeen.entrySet().removeIf(e -> {
            boolean expired = now - e.getValue() > sessionMillis;
            if (expired) {
                sessions.remove(e.getKey());
            }
            return expired;
        });
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
