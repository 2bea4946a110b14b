package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.io.InputStream;
import java.util.Map;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/** {@code /packages}: installed deployment packages; install or update from a .dp body, uninstall (admin). */
final class PackagesResource {

    private static final long MAX_PACKAGE = 256L * 1024 * 1024;
    private final Backends backends;
    private final AuditLog audit;

    PackagesResource(Backends backends, AuditLog audit) {
        this.backends = backends;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/packages", Role.VIEWER, call -> {
            JsonArray list = new JsonArray();
            for (DeploymentPackage dp : backends.deploymentAdmin().listDeploymentPackages()) {
                list.add(describe(dp));
            }
            return list;
        });
        router.add("POST", "/packages", Role.ADMIN, this::install);
        router.add("DELETE", "/packages/{name}", Role.ADMIN, this::uninstall);
    }

    private static JsonObject describe(DeploymentPackage dp) {
        JsonObject p = new JsonObject();
        p.addProperty("name", dp.getName());
        p.addProperty("version", dp.getVersion().toString());
        p.addProperty("stale", dp.isStale());
        JsonArray bundles = new JsonArray();
        for (BundleInfo info : dp.getBundleInfos()) {
            bundles.add(info.getSymbolicName() + " " + info.getVersion());
        }
        p.add("bundles", bundles);
        return p;
    }

    private Object install(Call call) throws Exception {
        String type = call.request().getContentType();
        if (type == null || !type.startsWith("application/octet-stream")
                && !type.startsWith("application/vnd.osgi.dp")) {
            throw new ApiError(415, "unsupported_media_type", "send the .dp file as the body with Content-Type"
                    + " application/vnd.osgi.dp or application/octet-stream");
        }
        if (call.request().getContentLengthLong() > MAX_PACKAGE) {
            throw new ApiError(413, "too_large", "a package may have at most " + MAX_PACKAGE + " bytes");
        }
        try (InputStream in = call.request().getInputStream()) {
            DeploymentPackage dp = backends.deploymentAdmin().installDeploymentPackage(in);
            audit.record(call.user(), call.address(), "package.install", dp.getName() + " " + dp.getVersion());
            return describe(dp);
        } catch (DeploymentException e) {
            audit.record(call.user(), call.address(), "package.rejected", String.valueOf(e.getMessage()));
            throw new ApiError(422, "package_refused", "Deployment Admin refused the package (code " + e.getCode()
                    + "): " + e.getMessage());
        }
    }

    private Object uninstall(Call call) throws Exception {
        DeploymentPackage dp = backends.deploymentAdmin().getDeploymentPackage(call.param("name"));
        if (dp == null) {
            throw ApiError.notFound("no deployment package '" + call.param("name") + "'");
        }
        try {
            dp.uninstall();
        } catch (DeploymentException e) {
            throw new ApiError(409, "package_refused", "cannot uninstall: " + e.getMessage());
        }
        audit.record(call.user(), call.address(), "package.uninstall", call.param("name"));
        return Map.of("uninstalled", call.param("name"));
    }
}
