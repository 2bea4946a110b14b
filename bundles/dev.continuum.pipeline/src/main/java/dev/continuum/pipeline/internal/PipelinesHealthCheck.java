package dev.continuum.pipeline.internal;

import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.PipelineStatus;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** DOWN for a refused graph, DEGRADED for a waiting component or dropped records, UP otherwise. */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=Pipelines",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class PipelinesHealthCheck implements HealthCheck {

    private final PipelineRegistry registry;

    @Activate
    public PipelinesHealthCheck(@Reference PipelineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int running = 0;
        for (PipelineStatus pipeline : registry.status()) {
            switch (pipeline.state()) {
                case "REJECTED" -> log.critical("pipeline {}: {}", pipeline.name(), pipeline.reason());
                case "WAITING" -> log.warn("pipeline {} waits: {}", pipeline.name(), pipeline.reason());
                default -> running++;
            }
            for (ComponentStatus component : pipeline.components()) {
                if (component.state().equals("WAITING")) {
                    log.warn("pipeline {} component {} waits for its '{}' provider ({} queued)", pipeline.name(),
                            component.name(), component.type(), component.queued());
                }
                if (component.dropped() > 0 || component.failed() > 0) {
                    log.warn("pipeline {} component {}: {} dropped by its overflow policy, {} failed", pipeline.name(),
                            component.name(), component.dropped(), component.failed());
                }
            }
        }
        if (log.iterator().hasNext() == false) {
            log.info("{} pipelines running", running);
        }
        return new Result(log);
    }
}
