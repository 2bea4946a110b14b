package dev.continuum.core.internal.health;

import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthReport;
import dev.continuum.api.health.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the health checks tagged {@value GatewayHealth#TAG} through Felix Health Checks and aggregates them. */
@Component(service = GatewayHealth.class, configurationPid = GatewayHealthService.PID)
@Designate(ocd = GatewayHealthService.Config.class)
public final class GatewayHealthService implements GatewayHealth {

    static final String PID = "dev.continuum.core.health";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHealthService.class);

    @ObjectClassDefinition(name = "Continuum health", description = "How often the gateway's health is checked.")
    public @interface Config {
        int DEFAULT_INTERVAL_SECONDS = 10;

        @AttributeDefinition(name = "Interval (s)", description = "Seconds between background health checks.", min = "1")
        int intervalSeconds() default DEFAULT_INTERVAL_SECONDS;
    }

    private final HealthCheckExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<HealthReport> last = new AtomicReference<>(
            new HealthReport(HealthStatus.DOWN, List.of(new ComponentHealth("Gateway", HealthStatus.DOWN, "starting")),
                    Instant.now()));

    @Activate
    public GatewayHealthService(@Reference HealthCheckExecutor executor, Config config) {
        this.executor = executor;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "continuum-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, config.intervalSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private void refresh() {
        try {
            HealthReport previous = last.get();
            HealthReport now = report();
            if (previous.status() != now.status()) {
                LOG.info("gateway health {} -> {}", previous.status(), now.status());
            }
        } catch (RuntimeException e) {
            LOG.warn("health check run failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public HealthReport report() {
        List<ComponentHealth> components = new ArrayList<>();
        // Felix caches results for two seconds by default; report() promises a fresh run.
        HealthCheckExecutionOptions fresh = new HealthCheckExecutionOptions().setForceInstantExecution(true);
        for (HealthCheckExecutionResult result : executor.execute(HealthCheckSelector.tags(TAG), fresh)) {
            components.add(new ComponentHealth(result.getHealthCheckMetadata().getName(),
                    status(result.getHealthCheckResult().getStatus()), reason(result.getHealthCheckResult())));
        }
        components.sort(Comparator.comparing(ComponentHealth::name));
        HealthStatus overall = components.isEmpty() ? HealthStatus.DOWN : HealthStatus.UP;
        for (ComponentHealth component : components) {
            overall = overall.worst(component.status());
        }
        HealthReport report = new HealthReport(overall, components, Instant.now());
        last.set(report);
        return report;
    }

    @Override
    public HealthReport lastReport() {
        return last.get();
    }

    static HealthStatus status(Result.Status status) {
        return switch (status) {
            case OK -> HealthStatus.UP;
            case WARN -> HealthStatus.DEGRADED;
            default -> HealthStatus.DOWN;
        };
    }

    /** The messages of the result's worst entries, joined. */
    private static String reason(Result result) {
        List<String> messages = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            if (entry.getStatus() == result.getStatus() && !entry.isDebug()) {
                messages.add(entry.getMessage());
            }
        }
        return String.join("; ", messages);
    }
}
