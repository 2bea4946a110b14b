package dev.continuum.console.internal.rest;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.api.update.UpdateResult;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /models}: status of every model; upload of a signed model update (verified by the update agent,
 * validated in the background, progress at {@code /jobs/{id}}), promote the shadow, discard it, roll back; drift
 * and the recent score distribution.
 */
final class ModelsResource {

    static final long MAX_MODEL = 256L * 1024 * 1024;
    static final String HOW = "send multipart/form-data with the part 'manifest' (the signed NAME-VERSION.update.json"
            + " that 'UpdateTool model' writes), the part 'model' (the .onnx it pins) and the part 'modelManifest'"
            + " (the model's .json manifest it pins); add ?shadow=true to run it in shadow first. Models are installed"
            + " only through the update agent, so a model without its signed manifest is refused";
    private static final long VERIFY_WAIT_SECONDS = 60;

    private final Backends backends;
    private final ModelJobs jobs;
    private final AuditLog audit;
    private final Path uploads;

    ModelsResource(Backends backends, ModelJobs jobs, AuditLog audit, Path uploads) {
        this.backends = backends;
        this.jobs = jobs;
        this.audit = audit;
        this.uploads = uploads;
    }

    void register(Router router) {
        router.add("GET", "/models", Role.VIEWER, call -> backends.inference().models());
        router.add("GET", "/models/{name}", Role.VIEWER, call -> backends.inference().status(call.param("name"))
                .orElseThrow(() -> ApiError.notFound("no model '" + call.param("name") + "'")));
        router.add("GET", "/models/{name}/drift", Role.VIEWER, call -> inference(
                () -> backends.inference().drift(call.param("name"))));
        router.add("GET", "/models/{name}/scores", Role.VIEWER, call -> {
            String name = call.param("name");
            return backends.inference().scoreDistribution(name)
                    .map(d -> LiveModels.distribution(d, backends.inference().manifest(name)))
                    .orElseThrow(() -> ApiError.notFound("no model '" + name + "' with an active version"));
        });
        router.add("POST", "/models", Role.OPERATOR, this::upload);
        router.add("POST", "/models/{name}/promote", Role.OPERATOR, call -> change(call, "model.promote",
                () -> backends.inference().promote(call.param("name"))));
        router.add("POST", "/models/{name}/rollback", Role.OPERATOR, call -> change(call, "model.rollback",
                () -> backends.inference().rollback(call.param("name"))));
        router.add("POST", "/models/{name}/discard-shadow", Role.OPERATOR, call -> change(call, "model.discard",
                () -> backends.inference().discardShadow(call.param("name"))));
        router.add("GET", "/jobs/{id}", Role.VIEWER, call -> {
            ModelJobs.Job job = jobs.get(call.param("id"));
            if (job == null) {
                throw ApiError.notFound("no job '" + call.param("id") + "' (finished jobs are kept 10 minutes)");
            }
            return job;
        });
    }

    /**
     * Installs a model exactly as a remote MODEL-V1 update: through the update agent (signed manifest,
     * artifact digests, expiry, target, version), then the inference service's validation and, unless it runs
     * in shadow, the health gate. Answers once the agent has verified the upload: 422 with the agent's reason
     * when it refused it (nothing installed), else 202 with the job that shows the validation's progress.
     */
    private Object upload(Call call) throws Exception {
        UpdateAgent agent = backends.updateAgent();
        if (call.request().getContentLengthLong() > MAX_MODEL) {
            throw new ApiError(413, "too_large", "a model upload may have at most " + MAX_MODEL + " bytes");
        }
        SignedUpload upload = SignedUpload.receive(call.request(), uploads, MAX_MODEL, HOW, List.of(
                new SignedUpload.Artifact("model", ".onnx", "model.onnx"),
                new SignedUpload.Artifact("modelManifest", ".json", "model.json")));
        boolean shadow = Boolean.parseBoolean(call.query("shadow", "false"));
        boolean downgrade = Boolean.parseBoolean(call.query("forceDowngrade", "false"));
        String subject = shadow ? "shadow" : "active";
        ModelJobs.Job job = jobs.start("model.install", subject, "verifying the signed manifest");
        CompletableFuture<Void> verified = new CompletableFuture<>();
        CompletableFuture<UpdateResult> update;
        try {
            update = agent.apply(new UpdateRequest(upload.manifest(), downgrade, shadow, call.user()), progress -> {
                jobs.progress(job.id(), progress);
                if (progress.phase() == Phase.INSTALLING) {
                    verified.complete(null);
                }
            });
        } catch (RuntimeException e) {
            upload.close();
            jobs.finish(job.id(), e, "");
            throw e;
        }
        update.whenComplete((result, failure) -> {
            upload.close();
            jobs.finish(job.id(), failure, shadow ? "running in shadow" : "active");
            audit.record(call.user(), call.address(), failure == null ? "model.install" : "model.rejected",
                    failure == null ? result.name() + " " + result.version() + " (" + subject + ")"
                            + result.previousVersion().map(previous -> ", was " + previous).orElse("")
                            : jobs.get(job.id()).reason() + ": " + jobs.get(job.id()).message());
            verified.complete(null);
        });
        try {
            verified.get(VERIFY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stillVerifying) {
            // Large artifacts: the job shows the digest check's progress.
        }
        if (update.isCompletedExceptionally()) {
            try {
                update.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UpdateException refused) {
                    throw PackagesResource.refusal(refused, "model");
                }
                throw e;
            }
        }
        return new Router.Reply(202, jobs.get(job.id()));
    }

    private interface InferenceCall {
        Object run() throws InferenceException;
    }

    private Object change(Call call, String action, InferenceCall change) {
        Object result = inference(change);
        audit.record(call.user(), call.address(), action, call.param("name"));
        return result;
    }

    private static Object inference(InferenceCall change) {
        try {
            return change.run();
        } catch (InferenceException e) {
            throw new ApiError(409, "model_refused", e.getMessage());
        }
    }
}
