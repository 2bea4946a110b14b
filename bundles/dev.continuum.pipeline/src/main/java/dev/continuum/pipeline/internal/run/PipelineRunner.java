package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.pipeline.internal.graph.ComponentSpec;
import dev.continuum.pipeline.internal.graph.GraphCheck;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import dev.continuum.pipeline.internal.graph.WireSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline's graph and applies new graphs as differences: a component whose spec is unchanged
 * keeps its thread, state and queue; a changed one is replaced but keeps its queued records when its
 * queue's shape is unchanged; a removed one is stopped and whatever it still held is reported as lost.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final String name;
    private final FactoryLookup factories;
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private GraphSpec graph;

    public PipelineRunner(String name, FactoryLookup factories) {
        this.name = name;
        this.factories = factories;
    }

    /** Checks {@code graph} completely (creating and closing its components) without running it. */
    public static void validate(String name, GraphSpec graph, FactoryLookup factories) throws PipelineException {
        GraphCheck.structure(graph);
        GraphCheck.types(graph, factories::factory, factories.types());
        for (ComponentSpec spec : graph.components()) {
            Component component = factories.factory(spec.type())
                    .create(new Context(name, spec.name(), spec.config(), record -> { }));
            component.close();
        }
    }

    /**
     * Replaces the running graph by {@code next}. Nothing changes when it fails: the error names the
     * component and the reason, and the previous graph keeps running.
     */
    public synchronized void apply(GraphSpec next) throws PipelineException {
        GraphCheck.structure(next);
        GraphCheck.types(next, factories::factory, factories.types());
        Map<String, Stage> created = new LinkedHashMap<>();
        Map<String, Component> components = new HashMap<>();
        try {
            for (ComponentSpec spec : next.components()) {
                Stage old = stages.get(spec.name());
                if (old != null && old.spec.equals(spec)) {
                    continue;
                }
                Inbox inbox = old != null && old.inbox.sameShape(spec.queue(), spec.overflow())
                        ? old.inbox : new Inbox(spec.queue(), spec.overflow());
                Stage stage = new Stage(name, spec, inbox);
                components.put(spec.name(), factories.factory(spec.type())
                        .create(new Context(name, spec.name(), spec.config(), stage.emitter())));
                created.put(spec.name(), stage);
            }
        } catch (PipelineException | RuntimeException e) {
            components.values().forEach(Component::close);
            throw e instanceof PipelineException pe ? pe
                    : new PipelineException("pipeline '" + name + "': a component failed to start: " + e, e);
        }
        Map<String, Stage> result = new LinkedHashMap<>();
        for (ComponentSpec spec : next.components()) {
            result.put(spec.name(), created.containsKey(spec.name()) ? created.get(spec.name()) : stages.get(spec.name()));
        }
        for (Map.Entry<String, Stage> entry : stages.entrySet()) {
            Stage replacement = result.get(entry.getKey());
            if (replacement != entry.getValue()) {
                entry.getValue().stop();
                if (replacement == null || replacement.inbox != entry.getValue().inbox) {
                    entry.getValue().inbox.close();
                    report(entry.getValue());
                }
            }
        }
        for (Stage stage : result.values()) {
            List<Inbox> receivers = new ArrayList<>();
            for (WireSpec wire : next.wires()) {
                if (wire.emitter().equals(stage.spec.name())) {
                    receivers.add(result.get(wire.receiver()).inbox);
                }
            }
            stage.setDownstream(receivers);
        }
        created.forEach((component, stage) -> stage.start(components.get(component)));
        created.values().forEach(Stage::release);
        stages.clear();
        stages.putAll(result);
        graph = next;
        LOG.info("pipeline {} running: {} components ({} new or changed), {} wires", name, result.size(),
                created.size(), next.wires().size());
    }

    private void report(Stage removed) {
        long lost = removed.inbox.lostOnClose();
        if (lost > 0) {
            LOG.error("pipeline {}: component {} was removed with {} records still queued; they are lost", name,
                    removed.spec.name(), lost);
        }
    }

    /** A factory of {@code type} went away: its components wait, their queues keep buffering. */
    public synchronized void factoryRemoved(String type) {
        for (Stage stage : stages.values()) {
            if (stage.spec.type().equals(type) && !stage.isWaiting()) {
                LOG.warn("pipeline {}: component {} waits for a '{}' provider; its queue keeps buffering", name,
                        stage.spec.name(), type);
                stage.suspend();
            }
        }
    }

    /** A factory of {@code type} arrived: waiting components of that type resume. */
    public synchronized void factoryAdded(String type) {
        ComponentFactory factory = factories.factory(type);
        for (Stage stage : stages.values()) {
            if (stage.spec.type().equals(type) && stage.isWaiting() && factory != null) {
                try {
                    stage.resume(factory.create(new Context(name, stage.spec.name(), stage.spec.config(),
                            stage.emitter())));
                    LOG.info("pipeline {}: component {} resumed", name, stage.spec.name());
                } catch (PipelineException | RuntimeException e) {
                    LOG.error("pipeline {}: component {} cannot resume: {}", name, stage.spec.name(), e.getMessage());
                }
            }
        }
    }

    public synchronized boolean isRunning() {
        return graph != null;
    }

    public synchronized List<ComponentStatus> status() {
        List<ComponentStatus> result = new ArrayList<>();
        stages.values().forEach(stage -> result.add(stage.status()));
        return result;
    }

    public synchronized void close() {
        for (Stage stage : stages.values()) {
            stage.stop();
            stage.inbox.close();
            report(stage);
        }
        stages.clear();
        graph = null;
    }
}
