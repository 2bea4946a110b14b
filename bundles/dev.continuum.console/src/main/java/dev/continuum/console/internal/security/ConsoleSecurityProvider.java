package dev.continuum.console.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the Felix Web Console against the gateway's administrator credentials.
 *
 * <p>The console feature sets the framework property {@code felix.webconsole.security.providers} to
 * {@value #ID}, so the console serves nothing until this provider is registered and its built-in
 * admin/admin never applies. Failed logins are throttled per client address.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {

    static final String ID = "continuum";
    static final String REALM = "Continuum gateway";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);
    /** Verified Authorization headers (by hash), so PBKDF2 runs once per login rather than per request. */
    private static final long SESSION_MILLIS = 5 * 60_000;

    private final AdminCredentials credentials;
    private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);
    private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();

    @Activate
    public ConsoleSecurityProvider(BundleContext context) throws IOException {
        String data = context.getProperty("continuum.data");
        this.credentials = AdminCredentials.open(Path.of(data == null ? "data" : data));
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String address = request.getRemoteAddr();
        long wait = throttle.lockedFor(address);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString((wait + 999) / 1000));
            response.setStatus(429);
            return null;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String key = Base64.getEncoder().encodeToString(PasswordHash.sha256(header));
            Long until = verified.get(key);
            if (until != null && until > System.currentTimeMillis()) {
                return AdminCredentials.USER;
            }
            String user = check(header.substring(6).trim());
            if (user != null) {
                throttle.succeeded(address);
                verified.put(key, System.currentTimeMillis() + SESSION_MILLIS);
                return user;
            }
            throttle.failed(address);
            LOG.warn("failed console login from {}", address);
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return null;
    }

    private String check(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return credentials.verify(user, decoded.substring(colon + 1).toCharArray()) ? user : null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return AdminCredentials.USER.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            verified.remove(Base64.getEncoder().encodeToString(PasswordHash.sha256(header)));
        }
    }
}
