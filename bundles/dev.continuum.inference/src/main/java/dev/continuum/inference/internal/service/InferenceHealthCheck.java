package dev.continuum.inference.internal.service;

import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.inference.DriftReport;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import java.util.Map;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * UP while every model serves without drift; DEGRADED (a warning) while a model's inputs or scores
 * drift from its reference; DOWN (critical) when a stored model failed to load.
 */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=Inference",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class InferenceHealthCheck implements HealthCheck {

    private final InferenceService service;
    private final ModelHost host;

    @Activate
    public InferenceHealthCheck(@Reference InferenceService service, @Reference ModelHost host) {
        this.service = service;
        this.host = host;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        if (host.loading()) {
            log.info("loading the model store");
        }
        for (Map.Entry<String, String> failure : host.loadFailures().entrySet()) {
            log.critical("model {} not serving: {}", failure.getKey(), failure.getValue());
        }
        for (ModelStatus model : service.models()) {
            try {
                DriftReport drift = service.drift(model.name());
                if (drift.isDrifting()) {
                    log.warn("model {} {} drifting: {} (PSI {} >= {})", model.name(), model.activeVersion(),
                            drift.drifting(), drift.psi(), drift.threshold());
                } else {
                    log.info("model {} {} on {}, {} windows scored", model.name(), model.activeVersion(),
                            model.provider(), model.scored());
                }
            } catch (InferenceException e) {
                log.info("model {}: {}", model.name(), e.getMessage());
            }
        }
        return new Result(log);
    }
}
