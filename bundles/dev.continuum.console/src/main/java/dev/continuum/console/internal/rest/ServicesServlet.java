package dev.continuum.console.internal.rest;

import dev.continuum.api.management.ManagementApi.Response;
import dev.continuum.api.management.ServicesResource;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Authenticator;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.security.Principal;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eclipse Kura's REST root, {@code /services/*}: the {@link ServicesResource} trees that gateway apps register
 * ({@code assets/v1} and {@code configuration/v2} from the Kura apps, the same code that answers ASSET-V1 and
 * CONF-V2 over MQTT), behind the REST API's authentication (session cookie + CSRF token, or HTTP Basic, with
 * its throttling), the roles the tree asks for, and the audit log (every call that is not a GET, as
 * {@code services.<root>}). Errors are {@code {"code", "message"}} like under {@code /api/v1}.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/services/*",
        "osgi.http.whiteboard.servlet.name=continuum-services"})
public final class ServicesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ServicesServlet.class);

    private final transient SecurityService security;
    private final transient Authenticator authenticator;
    private final transient Map<String, ServicesResource> trees = new ConcurrentSkipListMap<>();

    @Activate
    public ServicesServlet(@Reference SecurityService security) {
        this.security = security;
        this.authenticator = new Authenticator(security);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTree(ServicesResource tree, Map<String, Object> properties) {
        trees.put(root(properties), tree);
    }

    void removeTree(ServicesResource tree, Map<String, Object> properties) {
        trees.remove(root(properties), tree);
    }

    private static String root(Map<String, Object> properties) {
        return String.valueOf(properties.get(ServicesResource.ROOT)).replaceAll("^/+|/+$", "");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceAll("^/+|/+$", "");
        try {
            Principal principal = authenticator.authenticate(request);
            String root = trees.keySet().stream().filter(r -> path.equals(r) || path.startsWith(r + "/"))
                    .reduce((a, b) -> a.length() >= b.length() ? a : b)
                    .orElseThrow(() -> ApiError.notFound("no resource /services/" + path + "; served here: "
                            + trees.keySet().stream().map(r -> "/services/" + r).toList()));
            ServicesResource tree = trees.get(root);
            if (tree == null) {
                throw ApiError.notFound("/services/" + root + " has just gone away");
            }
            List<String> resources = segments(path.substring(root.length()));
            if (principal.mustChangePassword()) {
                throw new ApiError(403, "password_change_required", "the password of '" + principal.user()
                        + "' must be changed first: POST /api/v1/auth/password");
            }
            Role needed = Role.parse(tree.role(method, resources));
            if (!principal.role().includes(needed)) {
                throw new ApiError(403, "forbidden", method + " /services/" + path + " needs the role " + needed.id()
                        + "; '" + principal.user() + "' is " + principal.role().id());
            }
            Response answer = tree.handle(method, resources, body(request), principal.user());
            if (!method.equals("GET")) {
                security.audit().record(principal.user(), request.getRemoteAddr(), "services." + root,
                        method + " /services/" + path + " -> " + answer.status());
            }
            response.setStatus(answer.status());
            response.setContentType("application/json;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(answer.json());
        } catch (ApiError e) {
            Json.error(response, e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} /services/{} failed", method, path, e);
            Json.error(response, 500, "internal", "the gateway failed on this request (" + e + "); see its log");
        }
    }

    private static List<String> segments(String rest) {
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The JSON body as text, null without one; 415 for another media type, 413 above 4 MiB. */
    private static String body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiError(413, "too_large", "a JSON body may have at most " + MAX_BODY + " bytes");
            }
            if (bytes.length == 0) {
                return null;
            }
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
