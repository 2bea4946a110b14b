package dev.continuum.console.internal.rest;

import dev.continuum.api.management.ManagementApi;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Authenticator;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.DetachedCall;
import dev.continuum.console.internal.http.Json;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.logs.LogTail;
import dev.continuum.console.internal.security.Principal;
import dev.continuum.console.internal.security.Role;
import dev.continuum.console.internal.security.SecurityService;
import dev.continuum.console.internal.snapshot.SnapshotStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import dev.continuum.console.internal.security.HttpsSetup;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/v1}: authenticates every call (except login and the OpenAPI document),
 * refuses everything but the password change while the account must change its password, enforces the
 * route's role, and answers errors as {@code {"code": ..., "message": ...}}.
 */
@Component(service = {Servlet.class, ManagementApi.class}, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=continuum-api",
        // Package and model uploads (POST /packages, /models): the artifacts and their signed manifest as
        // multipart/form-data.
        "osgi.http.whiteboard.servlet.multipart.enabled=true",
        "osgi.http.whiteboard.servlet.multipart.fileSizeThreshold:Integer=1048576",
        "osgi.http.whiteboard.servlet.multipart.maxFileSize:Long=268435456",
        "osgi.http.whiteboard.servlet.multipart.maxRequestSize:Long=269484032"})
public final class ApiServlet extends HttpServlet implements ManagementApi {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient Authenticator authenticator;
    private final transient AuthResource auth;
    /** Builds the routes: on first use, not at activation (see {@link #router()}). */
    private final transient Supplier<Router> routes;
    private final transient Object routesLock = new Object();
    private transient volatile Router router;

    @Activate
    public ApiServlet(org.osgi.framework.BundleContext context, @Reference SecurityService security, @Reference Backends backends,
            @Reference LatestSamples samples, @Reference ModelJobs jobs, @Reference LogTail logs, @Reference HttpsSetup https)
            throws IOException {
        this.authenticator = new Authenticator(security);
        this.auth = new AuthResource(security);
        SnapshotStore snapshotStore = SnapshotStore.open(security.dataDir());
        Path uploads = context.getDataFile("uploads").toPath();
        this.routes = () -> {
            Router built = new Router();
            auth.register(built);
            new StatusResource(backends, security).register(built);
            new AssetsResource(backends, samples, security.audit()).register(built);
            SnapshotsResource snapshots = new SnapshotsResource(backends, snapshotStore, security.audit());
            snapshots.register(built);
            new PipelinesResource(backends, security.audit(), snapshots).register(built);
            new ModelsResource(backends, jobs, security.audit(), uploads).register(built);
            new PackagesResource(backends, security.audit(), uploads, jobs).register(built);
            new ConfigResource(backends, security.audit(), context, snapshots).register(built);
            new UsersResource(security).register(built);
            new LogsResource(logs).register(built);
            new DriversResource(backends, security.audit(), snapshots).register(built);
            new GpioResource(backends, context::getProperty).register(built);
            new PlacementResource(backends, security.audit()).register(built);
            new CertificatesResource(security.dataDir(), security.audit(),
                    new CertificateUploads(security.dataDir(), security.audit(), https)).register(built);
            return built;
        };
    }

    /**
     * The routes, made by the first call. The HTTP whiteboard creates this servlet on the thread that starts
     * Jetty, before the Felix Web Console's servlet: some 90 routes (a regular expression and a lambda each)
     * made there delayed the console's first answer at every start (docs/benchmarks.md, session 9).
     */
    private Router router() {
        Router current = router;
        if (current == null) {
            synchronized (routesLock) {
                current = router;
                if (current == null) {
                    current = routes.get();
                    router = current;
                }
            }
        }
        return current;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            if (path.equals("/openapi.json") && request.getMethod().equals("GET")) {
                sendOpenApi(response);
                return;
            }
            if (path.equals("/auth/login") && request.getMethod().equals("POST")) {
                Authenticator.checkOrigin(request);
                auth.login(request, response);
                return;
            }
            Router.Match match = match(request.getMethod(), path);
            Principal principal = authenticator.authenticate(request);
            Object result = dispatch(match, principal, new Call(principal, request, response, match.params()));
            if (result instanceof Router.Reply reply) {
                Json.send(response, reply.status(), reply.body());
            } else if (!response.isCommitted()) {
                Json.send(response, 200, result);
            }
        } catch (ApiError e) {
            Json.error(response, e.status(), e.code(), e.getMessage(), e.details());
        } catch (IllegalArgumentException e) {
            Json.error(response, 400, "bad_request", e.getMessage());
        } catch (Exception e) {
            LOG.error("{} {} failed", request.getMethod(), path, e);
            Json.error(response, 500, "internal", "the gateway failed on this request (" + e + "); see its log");
        }
    }

    private Router.Match match(String method, String path) {
        return router().match(method, path).orElseThrow(() -> ApiError.notFound("no resource " + path
                + "; GET /api/v1/openapi.json lists them"));
    }

    /** Runs a matched call for an authenticated principal: the password-change and role rules, then the handler. */
    private static Object dispatch(Router.Match match, Principal principal, Call call) throws Exception {
        Router.Route route = match.route();
        if (principal.mustChangePassword() && !route.allowMustChange()) {
            throw new ApiError(403, "password_change_required", "the password of '" + principal.user()
                    + "' must be changed first: POST /api/v1/auth/password with {\"current\": ...,"
                    + " \"password\": ...} (at least 12 characters)");
        }
        if (!principal.role().includes(route.role())) {
            throw new ApiError(403, "forbidden", route.method() + " " + route.template() + " needs the role "
                    + route.role().id() + "; '" + principal.user() + "' is " + principal.role().id());
        }
        return route.handler().handle(call);
    }

    @Override
    public Response call(String method, String path, String jsonBody, String principal) {
        Principal caller = new Principal(principal, Role.ADMIN, false, null);
        try {
            Router.Match match = match(method, path);
            Object result = dispatch(match, caller, DetachedCall.of(caller, method, path, jsonBody, match.params()));
            if (result instanceof Router.Reply reply) {
                return new Response(reply.status(), Json.GSON.toJson(reply.body()));
            }
            return new Response(200, Json.GSON.toJson(result));
        } catch (ApiError e) {
            return new Response(e.status(), Json.GSON.toJson(Map.of("code", e.code(), "message", e.getMessage())));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new Response(400, Json.GSON.toJson(Map.of("code", "bad_request", "message", String.valueOf(
                    e.getMessage()))));
        } catch (Exception e) {
            LOG.error("{} {} for {} failed", method, path, principal, e);
            return new Response(500, Json.GSON.toJson(Map.of("code", "internal", "message",
                    "the gateway failed on this request (" + e + "); see its log")));
        }
    }

    private static void sendOpenApi(HttpServletResponse response) throws IOException {
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = ApiServlet.class.getResourceAsStream("/api/openapi.json")) {
            in.transferTo(response.getOutputStream());
        }
    }
}
