package dev.continuum.console.internal.rest;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The console's single-page app: static files from the bundle's {@code /ui} folder under
 * {@code /console/}; {@code /} redirects there. Everything it needs is in the bundle (no CDN): it works
 * offline. The page itself holds no data; everything comes from the REST API after login.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/console/*",
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=continuum-console"})
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8", "svg", "image/svg+xml", "json", "application/json",
            "png", "image/png", "ico", "image/x-icon", "txt", "text/plain;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        if (!servletPath.equals("/console")) {
            if (servletPath.isEmpty() && (info == null || info.equals("/")) || servletPath.equals("/")) {
                response.sendRedirect("/console/");
            } else {
                response.sendError(404);
            }
            return;
        }
        if (info == null) {
            response.sendRedirect("/console/");
            return;
        }
        String path = info.equals("/") ? "/index.html" : info;
        if (path.contains("..") || !path.matches("/[A-Za-z0-9._/-]+")) {
            response.sendError(404);
            return;
        }
        URL resource = ConsoleServlet.class.getResource("/ui" + path);
        if (resource == null) {
            response.sendError(404);
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("Cache-Control", path.startsWith("/vendor/") ? "max-age=86400" : "no-cache");
        try (InputStream in = resource.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
