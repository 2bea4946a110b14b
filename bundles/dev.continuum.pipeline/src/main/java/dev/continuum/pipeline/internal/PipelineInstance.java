package dev.continuum.pipeline.internal;

import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PipelineStatus;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import dev.continuum.pipeline.internal.run.PipelineRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured pipeline. A graph that cannot run is refused with the reason and the previous graph keeps
 * running; a graph waiting only for a component type is retried when a factory of that type appears.
 */
@Component(service = {}, configurationPid = Pipelines.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PipelineInstance.Config.class, factory = true)
public final class PipelineInstance {

    @ObjectClassDefinition(name = "Continuum pipeline",
            description = "A graph of components joined by wires (Kura WireGraph shape).")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Unique name of the pipeline.")
        String name();

        @AttributeDefinition(name = "Graph", description = "JSON: {\"components\": [...], \"wires\": [...]};"
                + " \"chaining\": false runs every component on its own thread (default: linear runs share one)")
        String graph();
    }

    private static final Logger LOG = LoggerFactory.getLogger(PipelineInstance.class);

    private final PipelineRegistry registry;
    private final String name;
    private final PipelineRunner runner;
    private volatile String state = "WAITING";
    private volatile String reason = "";
    private volatile GraphSpec pending;
    /** Retries a graph that could not start yet (a model still loading, a type not registered yet). */
    private final java.util.concurrent.ScheduledExecutorService retries =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "pipeline-retry");
                thread.setDaemon(true);
                return thread;
            });

    @Activate
    public PipelineInstance(@Reference PipelineRegistry registry, Config config) {
        this.registry = registry;
        this.name = config.name() == null || config.name().isBlank() ? "unnamed" : config.name();
        this.runner = new PipelineRunner(name, registry);
        registry.register(this);
        configure(config);
        retries.scheduleWithFixedDelay(this::retryPending, RETRY_SECONDS, RETRY_SECONDS,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    private static final long RETRY_SECONDS = 2;

    private void retryPending() {
        GraphSpec retry = pending;
        if (retry != null && !runner.isRunning()) {
            apply(retry);
        }
    }

    @Modified
    void modified(Config config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        registry.unregister(this);
        runner.close();
    }

    private synchronized void configure(Config config) {
        GraphSpec graph;
        try {
            graph = GraphSpec.parse(config.graph());
        } catch (PipelineException e) {
            refuse(e.getMessage());
            return;
        }
        apply(graph);
    }

    private synchronized void apply(GraphSpec graph) {
        boolean missingType = graph.components().stream().anyMatch(c -> registry.factory(c.type()) == null);
        try {
            runner.apply(graph);
            pending = null;
            state = "RUNNING";
            reason = "";
        } catch (dev.continuum.pipeline.internal.graph.GraphException e) {
            // Structure and types: retried only when a missing type appears.
            pending = missingType ? graph : null;
            refuse(e.getMessage());
        } catch (PipelineException e) {
            // A component could not start (its model still loading, ...): while no graph runs, it is retried.
            pending = runner.isRunning() ? null : graph;
            refuse(e.getMessage());
        }
    }

    private void refuse(String why) {
        String before = reason;
        state = runner.isRunning() ? "REJECTED" : pending != null ? "WAITING" : "REJECTED";
        reason = why + (runner.isRunning() ? " (the previous graph keeps running)" : "");
        if (reason.equals(before)) {
            return;
        }
        if (state.equals("WAITING")) {
            // Normal while the gateway starts: component types and the resources they use arrive one by one.
            LOG.info("pipeline {} waits to start: {}", name, why);
        } else {
            LOG.error("pipeline {}: graph refused: {}", name, reason);
        }
    }

    void factoryAdded(String type) {
        GraphSpec retry = pending;
        if (retry != null && retry.components().stream().anyMatch(c -> c.type().equals(type))) {
            apply(retry);
        }
        runner.factoryAdded(type);
    }

    void factoryRemoved(String type) {
        runner.factoryRemoved(type);
    }

    PipelineStatus status() {
        return new PipelineStatus(name, state, reason, runner.status());
    }
}
