package dev.continuum.kura.internal.model;

import static dev.continuum.kura.internal.Replies.error;
import static dev.continuum.kura.internal.Replies.metrics;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.inference.ShadowReport;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code MODEL-V1}, our own app with Kura's request/response conventions: {@code GET/models} (metrics
 * {@code <model>.active}, {@code .previous}, {@code .shadow}), {@code EXEC/download} (metrics
 * {@code model.manifest.uri}, {@code job.id}, optional {@code model.shadow}) through the update agent with
 * NOTIFY {@code install} progress, {@code EXEC/promote/{model}}, {@code EXEC/rollback/{model}},
 * {@code GET/shadow/{model}}. State-changing requests are logged with their requester.
 */
@Component(service = KuraRequestHandler.class, property = KuraRequestHandler.APP_ID + "=" + ModelApp.APP_ID)
public final class ModelApp implements KuraRequestHandler {

    static final String APP_ID = "MODEL-V1";
    private static final Logger LOG = LoggerFactory.getLogger(ModelApp.class);

    private final UpdateAgent agent;
    private final InferenceService inference;

    @Activate
    public ModelApp(@Reference UpdateAgent agent, @Reference InferenceService inference) {
        this.agent = agent;
        this.inference = inference;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        List<String> resources = request.resources();
        String resource = resources.isEmpty() ? "" : resources.get(0);
        String model = resources.size() > 1 ? resources.get(1) : null;
        try {
            switch (request.method() + " " + resource) {
                case "GET models" -> responder.reply(200, models());
                case "EXEC download" -> download(request, responder);
                case "EXEC promote" -> responder.reply(200, status(inference.promote(required(model)), "promoted", request));
                case "EXEC rollback" -> responder.reply(200, status(inference.rollback(required(model)), "rolled back",
                        request));
                case "GET shadow" -> responder.reply(200, shadow(inference.shadowReport(required(model))));
                default -> responder.reply(404, error("MODEL-V1 has no " + request.path() + "; accepted: GET/models,"
                        + " EXEC/download, EXEC/promote/{model}, EXEC/rollback/{model}, GET/shadow/{model}"));
            }
        } catch (InferenceException e) {
            responder.reply(400, error(e.getMessage()));
        }
    }

    private KuraPayload models() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (ModelStatus status : inference.models()) {
            metrics.put(status.name() + ".active", status.activeVersion());
            status.previousVersion().ifPresent(v -> metrics.put(status.name() + ".previous", v));
            status.shadowVersion().ifPresent(v -> metrics.put(status.name() + ".shadow", v));
        }
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    private void download(KuraRequest request, KuraResponder responder) {
        String manifest = request.text("model.manifest.uri");
        Object job = request.payload().metrics().get("job.id");
        if (manifest == null || job == null) {
            responder.reply(400, error("EXEC/download needs the metrics model.manifest.uri and job.id"));
            return;
        }
        boolean shadow = "true".equalsIgnoreCase(request.text("model.shadow"));
        LOG.info("MODEL-V1 job {}: install {} (shadow {}) requested by {}", job, manifest, shadow,
                request.requesterClientId());
        responder.reply(200, metrics("job.id", job));
        agent.apply(new UpdateRequest(URI.create(manifest), false, shadow, request.requesterClientId()), step -> { })
                .whenComplete((result, error) -> {
                    Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
                    responder.notify("install", metrics("job.id", job, "model.install.status",
                            error == null ? "COMPLETED" : "FAILED", "model.name", result == null ? null : result.name(),
                            "model.version", result == null ? null : result.version(), "model.install.error.message",
                            cause == null ? null : cause.getMessage(), "dp.update.reason",
                            cause instanceof dev.continuum.api.update.UpdateException u ? u.reason().name() : null));
                });
    }

    private static KuraPayload status(ModelStatus status, String what, KuraRequest request) {
        LOG.info("MODEL-V1: model {} {} to {} by {}", status.name(), what, status.activeVersion(),
                request.requesterClientId());
        return metrics("model.name", status.name(), "model.active", status.activeVersion());
    }

    private static KuraPayload shadow(Optional<ShadowReport> report) {
        return report.map(r -> metrics("shadow.version", r.candidateVersion(), "shadow.windows", r.windows(),
                "shadow.agreement", r.agreement(), "shadow.mean.abs.score.delta", r.meanAbsScoreDelta()))
                .orElseGet(() -> metrics("shadow.version", ""));
    }

    private static String required(String model) throws InferenceException {
        if (model == null) {
            throw new InferenceException("the model name is missing; expected .../{model}");
        }
        return model;
    }
}
