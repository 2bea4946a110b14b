package dev.continuum.console.internal.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the Felix Web Console with the management plane's accounts: admins only, by the
 * console's session cookie or HTTP Basic, throttled and audited like every login.
 *
 * <p>The console feature sets the framework property {@code felix.webconsole.security.providers} to
 * {@value #ID}, so the Felix console serves nothing until this provider is registered and its built-in
 * admin/admin never applies. An account that still has to change its password gets 403 until it did.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {

    static final String ID = "continuum";
    static final String REALM = "Continuum gateway";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    private final SecurityService security;

    @Activate
    public ConsoleSecurityProvider(@Reference SecurityService security) {
        this.security = security;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String address = request.getRemoteAddr();
        Optional<Principal> principal = sessionOf(request);
        String header = request.getHeader("Authorization");
        try {
            if (principal.isEmpty() && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                principal = Optional.of(security.basic(header, address));
            }
        } catch (LoginDenied denied) {
            if (denied.status() == 429) {
                response.setHeader("Retry-After", Long.toString(denied.retryAfterSeconds()));
                send(response, 429, denied.getMessage());
                return null;
            }
        }
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return null;
        }
        Principal user = principal.get();
        if (user.mustChangePassword()) {
            send(response, 403, "the one-time password must be changed first: log in at /console/");
            return null;
        }
        if (user.role() != Role.ADMIN) {
            send(response, 403, "the Felix Web Console is for administrators");
            return null;
        }
        return user.user();
    }

    private Optional<Principal> sessionOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SecurityService.COOKIE.equals(cookie.getName())) {
                    return security.session(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static void send(HttpServletResponse response, int status, String message) {
        try {
            response.sendError(status, message);
        } catch (IOException e) {
            LOG.debug("console refusal not sent", e);
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        sessionOf(request).map(Principal::session).ifPresent(s -> security.logout(s, request.getRemoteAddr()));
    }
}
