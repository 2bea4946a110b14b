package dev.continuum.placement.internal;

import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.PlacementStats;
import dev.continuum.api.placement.WorkloadStatus;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Where each workload runs and why (its last decision), so that the console and remote management show it:
 * UP while every workload's current placement meets its budget; DEGRADED (a warning) while one does not
 * (the controller is waiting out the breach time, or nothing meets it) or windows failed outright.
 */
@Component(service = HealthCheck.class, property = {
    HealthCheck.NAME + "=Placement",
    HealthCheck.TAGS + "=" + GatewayHealth.TAG
})
public final class PlacementHealthCheck implements HealthCheck {

    private final PlacementService placement;

    @Activate
    public PlacementHealthCheck(@Reference PlacementService placement) {
        this.placement = placement;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (WorkloadStatus workload : placement.workloads()) {
            List<PlacementDecision> decisions = placement.decisions(workload.name());
            String why = decisions.isEmpty() ? "" : decisions.get(decisions.size() - 1).reason();
            PlacementStats now = workload.stats().stream().filter(s -> s.placement() == workload.current())
                    .findFirst().orElse(null);
            double budget = workload.requirements().latencyBudgetMillis();
            if (workload.failed() > 0) {
                log.warn("workload {}: {} windows not scored", workload.name(), workload.failed());
            }
            if (now != null && now.samples() > 0 && now.p99Millis() > budget) {
                log.warn("workload {} on {}{}: p99 {} ms > budget {} ms; {}", workload.name(), workload.current(),
                        workload.pinned().isPresent() ? " (pinned)" : "", now.p99Millis(), budget, why);
            } else {
                log.info("workload {} on {}{}, {} windows, {} re-scored locally; {}", workload.name(),
                        workload.current(), workload.pinned().isPresent() ? " (pinned)" : "", workload.windows(),
                        workload.fallbacks(), why);
            }
        }
        return new Result(log);
    }
}
