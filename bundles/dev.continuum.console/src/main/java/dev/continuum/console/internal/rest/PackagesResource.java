package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.api.update.UpdateResult;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * {@code /packages}: installed deployment packages; install or update (admin) from an uploaded .dp with its
 * signed update manifest, verified and health-gated by the update agent like every remote update; uninstall.
 */
final class PackagesResource {

    static final long MAX_PACKAGE = 256L * 1024 * 1024;
    static final String HOW = "send multipart/form-data with the part 'manifest' (the signed NAME-VERSION.dp.update.json"
            + " that UpdateTool or the dp-packages build writes) and the part 'package' (the .dp it pins); packages"
            + " are installed only through the update agent, so a .dp without its signed manifest is refused";
    private static final long WAIT_SECONDS = 300;
    private final Backends backends;
    private final AuditLog audit;
    private final Path uploads;

    PackagesResource(Backends backends, AuditLog audit, Path uploads) {
        this.backends = backends;
        this.audit = audit;
        this.uploads = uploads;
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

    /**
     * Installs or updates a package exactly as a remote update: through the update agent (signed manifest,
     * artifact digest, target, version, health gate, automatic rollback). Waits for the agent's verdict.
     */
    private Object install(Call call) throws Exception {
        UpdateAgent agent = backends.updateAgent();
        if (call.request().getContentLengthLong() > MAX_PACKAGE) {
            throw new ApiError(413, "too_large", "a package may have at most " + MAX_PACKAGE + " bytes");
        }
        SignedUpload upload = SignedUpload.receive(call.request(), uploads, MAX_PACKAGE, HOW,
                List.of(new SignedUpload.Artifact("package", ".dp", "package.dp")));
        boolean downgrade = Boolean.parseBoolean(call.query("forceDowngrade", "false"));
        CompletableFuture<UpdateResult> update;
        try {
            update = agent.apply(new UpdateRequest(upload.manifest(), downgrade, false, call.user()), progress -> { });
        } catch (RuntimeException e) {
            upload.close();
            throw e;
        }
        update.whenComplete((result, failure) -> upload.close());
        try {
            UpdateResult result = update.get(WAIT_SECONDS, TimeUnit.SECONDS);
            audit.record(call.user(), call.address(), "package.install", result.name() + " " + result.version()
                    + result.previousVersion().map(previous -> " (was " + previous + ")").orElse(""));
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof UpdateException refused)) {
                throw e;
            }
            audit.record(call.user(), call.address(), "package.rejected", refused.reason() + ": " + refused.getMessage());
            throw refusal(refused);
        } catch (TimeoutException e) {
            return new Router.Reply(202, Map.of("state", "RUNNING", "message", "the update agent is still installing"
                    + " after " + WAIT_SECONDS + " s; GET /api/v1/packages shows the package once it is committed"));
        }
    }

    /** The agent's refusal as an API error that keeps its reason (UNSIGNED, TAMPERED, DIGEST_MISMATCH, ...). */
    static ApiError refusal(UpdateException refused) {
        return refusal(refused, "package");
    }

    /** The agent's refusal of a {@code what} (package, model) as an API error that keeps its reason. */
    static ApiError refusal(UpdateException refused, String what) {
        int status = switch (refused.reason()) {
            case BUSY -> 409;
            case NOT_FOUND -> 404;
            case ROLLBACK_FAILED -> 500;
            default -> 422;
        };
        String code = refused.reason() == UpdateException.Reason.BUSY ? "busy" : what + "_refused";
        return new ApiError(status, code, "the update agent refused the " + what + " (" + refused.reason() + "): "
                + refused.getMessage(), Map.of("reason", refused.reason().name()));
    }

    private Object uninstall(Call call) throws Exception {
        try {
            backends.updateAgent().uninstall(call.param("name"));
        } catch (UpdateException e) {
            throw refusal(e);
        }
        audit.record(call.user(), call.address(), "package.uninstall", call.param("name"));
        return Map.of("uninstalled", call.param("name"));
    }
}
