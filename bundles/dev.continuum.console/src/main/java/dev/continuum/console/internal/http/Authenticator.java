package dev.continuum.console.internal.http;

import dev.continuum.console.internal.security.LoginDenied;
import dev.continuum.console.internal.security.Principal;
import dev.continuum.console.internal.security.SecurityService;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Who makes an API request, and whether it may change state: a session cookie with its CSRF token on
 * every state change, or HTTP Basic; cross-origin state changes are refused either way (browsers send
 * {@code Origin} on them, and a cached Basic password must not be usable from another site).
 */
public final class Authenticator {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final SecurityService security;

    public Authenticator(SecurityService security) {
        this.security = security;
    }

    /** The principal, or an {@link ApiError} 401/403/429 that says how to authenticate. */
    public Principal authenticate(HttpServletRequest request) {
        String sessionId = cookie(request);
        Principal principal = null;
        if (sessionId != null) {
            principal = security.session(sessionId).orElse(null);
        }
        String header = request.getHeader("Authorization");
        if (principal == null && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                principal = security.basic(header, request.getRemoteAddr());
            } catch (LoginDenied denied) {
                throw new ApiError(denied.status(), denied.code(), denied.getMessage());
            }
        }
        if (principal == null) {
            throw new ApiError(401, sessionId == null ? "unauthenticated" : "session_expired",
                    (sessionId == null ? "" : "the session has ended; ")
                            + "log in with POST /api/v1/auth/login or send HTTP Basic credentials");
        }
        if (!SAFE.contains(request.getMethod())) {
            checkOrigin(request);
            if (principal.session() != null && !tokenMatches(request.getHeader(CSRF_HEADER), principal.session().csrf())) {
                throw new ApiError(403, "csrf", "a change made with a session cookie needs the session's CSRF"
                        + " token in the " + CSRF_HEADER + " header (from the login or GET /api/v1/auth/session)");
            }
        }
        return principal;
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SecurityService.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** Refuses a request whose Origin is another site. */
    public static void checkOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getServerName();
            if (host.equalsIgnoreCase(uri.getHost()) && request.getServerPort() == effectivePort(uri)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // falls through: refused
        }
        throw new ApiError(403, "cross_origin", "changes are accepted only from the gateway's own pages (Origin "
                + origin + " is another site)");
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static boolean tokenMatches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
