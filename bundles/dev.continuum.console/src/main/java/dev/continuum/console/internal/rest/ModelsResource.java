package dev.continuum.console.internal.rest;

import com.google.gson.JsonElement;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Call;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.AuditLog;
import dev.continuum.console.internal.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /models}: status of every model; upload (validated in the background, progress at
 * {@code /jobs/{id}}), promote the shadow, discard it, roll back; drift.
 */
final class ModelsResource {

    /** An upload: the ONNX file in base64, the manifest (object or text), and whether to run it in shadow. */
    record Upload(String model, JsonElement manifest, boolean shadow) {
    }

    private final Backends backends;
    private final ModelJobs jobs;
    private final AuditLog audit;

    ModelsResource(Backends backends, ModelJobs jobs, AuditLog audit) {
        this.backends = backends;
        this.jobs = jobs;
        this.audit = audit;
    }

    void register(Router router) {
        router.add("GET", "/models", Role.VIEWER, call -> backends.inference().models());
        router.add("GET", "/models/{name}", Role.VIEWER, call -> backends.inference().status(call.param("name"))
                .orElseThrow(() -> ApiError.notFound("no model '" + call.param("name") + "'")));
        router.add("GET", "/models/{name}/drift", Role.VIEWER, call -> inference(
                () -> backends.inference().drift(call.param("name"))));
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

    private Object upload(Call call) throws Exception {
        Upload upload = call.body(Upload.class);
        if (upload.model() == null || upload.manifest() == null) {
            throw ApiError.badRequest("send {\"model\": the .onnx file in base64, \"manifest\": the manifest"
                    + " (object or JSON text), \"shadow\": false}");
        }
        byte[] model;
        try {
            model = Base64.getDecoder().decode(upload.model());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'model' must be the .onnx file in base64: " + e.getMessage());
        }
        String manifestText = upload.manifest().isJsonPrimitive() ? upload.manifest().getAsString()
                : upload.manifest().toString();
        byte[] manifest = manifestText.getBytes(StandardCharsets.UTF_8);
        InferenceService inference = backends.inference();
        CompletableFuture<ModelStatus> work = upload.shadow() ? inference.installShadow(model, manifest)
                : inference.install(model, manifest);
        String subject = upload.shadow() ? "shadow" : "active";
        work.whenComplete((status, failure) -> audit.record(call.user(), call.address(),
                failure == null ? "model.install" : "model.rejected", failure == null
                        ? status.name() + " " + (upload.shadow() ? status.shadowVersion().orElse("?")
                                : status.activeVersion()) + " (" + subject + ")"
                        : String.valueOf(failure.getMessage())));
        return new Router.Reply(202, jobs.start("model.install", subject, "validating", work));
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
