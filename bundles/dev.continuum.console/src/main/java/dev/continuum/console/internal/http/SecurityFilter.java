package dev.continuum.console.internal.http;

import dev.continuum.console.internal.security.HttpsSetup;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * In front of everything the gateway serves over HTTP (every servlet context, the Felix Web Console
 * included): refuses TRACE/TRACK, sends plain HTTP to HTTPS once HTTPS runs (loopback clients may stay
 * on HTTP when configured), and sets the security headers. The gateway's own pages get a CSP without
 * inline scripts; the Felix Web Console, which needs its inline scripts, keeps framing and sniffing off.
 * The Felix Web Console may not install or update bundles: that would bypass the signed update path.
 */
@Component(service = Filter.class, property = {
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=continuum-security",
        "osgi.http.whiteboard.filter.asyncSupported=true",
        "osgi.http.whiteboard.context.select=(|(osgi.http.whiteboard.context.name=*)"
                + "(osgi.http.whiteboard.context.httpservice=*))",
        "service.ranking:Integer=1000"})
public final class SecurityFilter implements Filter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    static final String FELIX_CONSOLE = "/system/console";
    static final String UNSIGNED_INSTALL_REFUSED = "Installing or updating bundles through the Felix Web Console is"
            + " disabled on this gateway: code is installed only as a signed update verified by the update agent."
            + " Upload the deployment package with its signed manifest on the console's Packages page"
            + " (/console/#/packages) or POST /api/v1/packages (multipart: 'manifest', 'package'), or send it"
            + " with DEPLOY-V2; see docs/updates.md.\n";
    private static final Set<String> REFUSED_ACTIONS = Set.of("install", "update", "upload");

    private final HttpsSetup https;

    @Activate
    public SecurityFilter(@Reference HttpsSetup https) {
        this.https = https;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if (method.equals("TRACE") || method.equals("TRACK")) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, method + " is disabled");
            return;
        }
        int securePort = https.securePort();
        if (!request.isSecure() && securePort > 0 && !(https.loopbackHttp() && loopback(request))) {
            String query = request.getQueryString();
            response.setHeader("Location", "https://" + request.getServerName() + ":" + securePort
                    + request.getRequestURI() + (query == null ? "" : "?" + query));
            response.setStatus(method.equals("GET") || method.equals("HEAD") ? 301 : 308);
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getRequestURI();
        boolean felixConsole = path.startsWith(FELIX_CONSOLE);
        response.setHeader("Content-Security-Policy", felixConsole
                ? "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" : CSP);
        if (felixConsole && unsignedInstall(request)) {
            response.setContentType("text/plain;charset=UTF-8");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.getWriter().write(UNSIGNED_INSTALL_REFUSED);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether a Felix Web Console request would install or update a bundle: any upload (multipart POST, the
     * way its Bundles page sends a bundle file) and any {@code action=install} or {@code action=update}
     * (update from a location or repository). Start, stop, refresh and uninstall stay available to admins.
     */
    static boolean unsignedInstall(HttpServletRequest request) {
        if (!request.getMethod().equals("POST")) {
            return false;
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return true;
        }
        String action = request.getParameter("action");
        return action != null && REFUSED_ACTIONS.contains(action.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean loopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
