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
import java.net.URI;
import java.net.URISyntaxException;
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

    private final ModelJobs jobs;

    /** {@code POST /packages/url}: where the signed manifest is; the agent fetches it and the .dp beside it. */
    record FromUrl(String url, boolean forceDowngrade) {
    }

    PackagesResource(Backends backends, AuditLog audit, Path uploads, ModelJobs jobs) {
        this.backends = backends;
        this.audit = audit;
        this.uploads = uploads;
        this.jobs = jobs;
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
        router.add("POST", "/packages/url", Role.ADMIN, this::installFromUrl);
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

    /**
     * Installs or updates a package from a URL, like DEPLOY-V2: the agent fetches the signed manifest and the
     * .dp it pins (resumable, size-bounded), verifies, installs and health-gates. Answers 202 with the job at
     * once; {@code GET /jobs/{id}} shows the download's bytes and percent, then the verdict with its reason.
     */
    private Object installFromUrl(Call call) throws Exception {
        UpdateAgent agent = backends.updateAgent();
        FromUrl body = call.body(FromUrl.class);
        URI manifest = manifestUrl(body == null ? null : body.url());
        ModelJobs.Job job = jobs.start("package.install", manifest.toString(), "fetching the signed manifest");
        CompletableFuture<UpdateResult> update = agent.apply(new UpdateRequest(manifest, body.forceDowngrade(), false,
                call.user()), progress -> jobs.progress(job.id(), progress));
        update.whenComplete((result, failure) -> {
            jobs.finish(job.id(), failure, result == null ? "" : "installed " + result.name() + " " + result.version()
                    + result.previousVersion().map(previous -> " (was " + previous + ")").orElse(""));
            ModelJobs.Job done = jobs.get(job.id());
            audit.record(call.user(), call.address(), failure == null ? "package.install" : "package.rejected",
                    failure == null ? result.name() + " " + result.version() + " from " + manifest
                            : done.reason() + ": " + done.message());
        });
        return new Router.Reply(202, jobs.get(job.id()));
    }

    /** An http(s) URL of a signed {@code .dp.update.json}; anything else is a 400 that says what is accepted. */
    static URI manifestUrl(String url) {
        String how = "send {\"url\": \"https://host/path/NAME-VERSION.dp.update.json\"}: the signed update manifest,"
                + " with the .dp it pins beside it";
        if (url == null || url.isBlank()) {
            throw ApiError.badRequest("'url' is missing; " + how);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("'url' is not a URL (" + e.getMessage() + "); " + how);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiError.badRequest("'url' must be an http or https URL with a host, got '" + url + "'; " + how);
        }
        return uri;
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
