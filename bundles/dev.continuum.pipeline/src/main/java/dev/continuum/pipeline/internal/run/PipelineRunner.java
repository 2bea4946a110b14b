package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.pipeline.internal.graph.ChainPlan;
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
 * keeps its state and queue; a changed one is replaced but keeps its queued records when its queue's shape
 * is unchanged; a removed one is stopped and whatever it still held is reported as lost. Linear runs of
 * components share a thread ({@link ChainPlan}); only the threads whose run of components changes are
 * restarted.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final String name;
    private final FactoryLookup factories;
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    /** The running threads, upstream ones first. */
    private List<Chain> chains = List.of();
    /** Ticks the sources, which need no threads of their own. */
    private final Ticker ticker;
    private GraphSpec graph;

    public PipelineRunner(String name, FactoryLookup factories) {
        this.name = name;
        this.ticker = new Ticker(name);
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
        List<List<Stage>> plan = plan(next, result);
        stopChainsNotIn(plan);
        for (Map.Entry<String, Stage> entry : stages.entrySet()) {
            Stage old = entry.getValue();
            Stage replacement = result.get(entry.getKey());
            if (replacement != old) {
                old.close();
                if (replacement != null && replacement.inbox == old.inbox) {
                    replacement.adoptBatch(old);
                } else {
                    old.inbox.close();
                    report(old);
                }
            }
        }
        created.forEach((component, stage) -> stage.begin(components.get(component)));
        stages.clear();
        stages.putAll(result);
        graph = next;
        run(plan);
        created.values().forEach(Stage::release);
        LOG.info("pipeline {} running: {} components ({} new or changed) on {} threads {}, {} wires", name,
                result.size(), created.size(), chains.size(), chains(), next.wires().size());
    }

    /** The stages of {@code graph} as chains, upstream first (see {@link ChainPlan}). */
    private List<List<Stage>> plan(GraphSpec next, Map<String, Stage> by) {
        List<List<Stage>> plan = new ArrayList<>();
        for (List<String> names : ChainPlan.plan(next, component -> alone(by.get(component)),
                component -> input(by.get(component)) == PortType.NONE,
                component -> followsSource(by.get(component)))) {
            plan.add(names.stream().map(by::get).toList());
        }
        return plan;
    }

    private boolean alone(Stage stage) {
        ComponentFactory factory = factories.factory(stage.spec.type());
        return stage.awaitingFactory || factory == null || factory.ownThread() || factory instanceof RunsOnSourceThreads;
    }

    /** Whether the stage may run on the threads of a source before it (then it ends the source's chain). */
    private boolean followsSource(Stage stage) {
        return !stage.awaitingFactory && factories.factory(stage.spec.type()) instanceof RunsOnSourceThreads;
    }

    /** How long a stopping pipeline lets queued records move on after its sources stopped. */
    static final long DRAIN_MILLIS = 2000;
    private static final long DRAIN_CHECK_MILLIS = 20;
    /** Checks in a row with nothing pending (100 ms): results of asynchronous stages have arrived too. */
    private static final int DRAIN_QUIET_CHECKS = 5;

    private PortType input(Stage stage) {
        ComponentFactory factory = factories.factory(stage.spec.type());
        return factory == null ? PortType.NONE : factory.input();
    }

    /** Stops, upstream first (so that none waits on a stopped queue), the threads that the plan changes. */
    private void stopChainsNotIn(List<List<Stage>> plan) {
        for (Chain chain : chains) {
            if (!plan.contains(chain.stages)) {
                chain.stop();
            }
        }
    }

    /** Wires the stages as planned, then starts the threads that are not running yet. */
    private void run(List<List<Stage>> plan) {
        for (List<Stage> chain : plan) {
            for (int i = 0; i < chain.size(); i++) {
                Stage stage = chain.get(i);
                if (i + 1 < chain.size()) {
                    stage.wire(new Stage.Wiring(chain.get(i + 1), new Inbox[0]));
                } else {
                    stage.wire(new Stage.Wiring(null, receivers(stage)));
                }
            }
        }
        List<Chain> running = new ArrayList<>();
        List<Chain> started = new ArrayList<>();
        for (List<Stage> members : plan) {
            Chain chain = chains.stream().filter(c -> c.stages.equals(members)).findFirst().orElse(null);
            if (chain == null) {
                chain = input(members.get(0)) == PortType.NONE ? new Chain(name, members, ticker) : new Chain(name, members);
                started.add(chain);
            }
            running.add(chain);
        }
        chains = List.copyOf(running);
        started.forEach(Chain::start);
    }

    private Inbox[] receivers(Stage stage) {
        List<Inbox> receivers = new ArrayList<>();
        for (WireSpec wire : graph.wires()) {
            if (wire.emitter().equals(stage.name())) {
                receivers.add(stages.get(wire.receiver()).inbox);
            }
        }
        return receivers.toArray(Inbox[]::new);
    }

    /** Re-plans the running graph after a stage started or stopped waiting for its factory. */
    private void replan() {
        List<List<Stage>> plan = plan(graph, stages);
        stopChainsNotIn(plan);
        run(plan);
        LOG.info("pipeline {} now runs on {} threads {}", name, chains.size(), chains());
    }

    /** The components of each thread, upstream threads first, each head first. */
    public synchronized List<List<String>> chains() {
        return chains.stream().map(chain -> chain.stages.stream().map(Stage::name).toList()).toList();
    }

    private void report(Stage removed) {
        long lost = removed.inbox.takeLostOnClose() + removed.unhandled();
        if (lost > 0) {
            LOG.error("pipeline {}: component {} was removed with {} records still queued; they are lost", name,
                    removed.spec.name(), lost);
        }
    }

    /**
     * A factory of {@code type} went away: its components wait, their queues keep buffering. A waiting
     * component heads a chain of its own, so its upstream fills its queue: the threads are re-planned
     * before the component is closed.
     */
    public synchronized void factoryRemoved(String type) {
        List<Stage> suspended = new ArrayList<>();
        for (Stage stage : stages.values()) {
            if (stage.spec.type().equals(type) && !stage.isWaiting()) {
                LOG.warn("pipeline {}: component {} waits for a '{}' provider; its queue keeps buffering", name,
                        stage.spec.name(), type);
                stage.awaitingFactory = true;
                suspended.add(stage);
            }
        }
        if (!suspended.isEmpty()) {
            replan();
            suspended.forEach(Stage::suspend);
        }
    }

    /** A factory of {@code type} arrived: waiting components of that type resume. */
    public synchronized void factoryAdded(String type) {
        ComponentFactory factory = factories.factory(type);
        boolean resumed = false;
        for (Stage stage : stages.values()) {
            if (stage.spec.type().equals(type) && stage.isWaiting() && factory != null) {
                try {
                    stage.resume(factory.create(new Context(name, stage.spec.name(), stage.spec.config(),
                            stage.emitter())));
                    resumed = true;
                    LOG.info("pipeline {}: component {} resumed", name, stage.spec.name());
                } catch (PipelineException | RuntimeException e) {
                    LOG.error("pipeline {}: component {} cannot resume: {}", name, stage.spec.name(), e.getMessage());
                }
            }
        }
        if (resumed) {
            replan();
        }
    }

    /**
     * The sources stop; the other components run until nothing is pending for a while or the time is up.
     *
     * @return the deadline of the drain ({@link System#nanoTime()})
     */
    private long drainBeforeClose() {
        long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        // The ticker's thread goes on handing on what waits behind the sources (this thread calls no component).
        ticker.stopTickingSources();
        boolean sinks = false;
        for (Stage stage : stages.values()) {
            if (input(stage) == PortType.NONE) {
                stage.close();
            } else {
                sinks = true;
            }
        }
        if (!sinks) {
            return deadline;
        }
        int quietChecks = 0;
        while (quietChecks < DRAIN_QUIET_CHECKS && System.nanoTime() < deadline) {
            quietChecks = idle() ? quietChecks + 1 : 0;
            if (!pause(DRAIN_CHECK_MILLIS)) {
                return deadline;
            }
        }
        if (quietChecks < DRAIN_QUIET_CHECKS) {
            LOG.warn("pipeline {}: records still pending after {} ms of draining at stop", name, DRAIN_MILLIS);
        }
        return deadline;
    }

    /**
     * Whether no component has a record queued or in hand (components waiting for a provider aside), and no
     * source (closed by now at a stop) still holds records it emitted before its graph was wired: the ticker
     * passes those on.
     */
    private boolean idle() {
        return stages.values().stream()
                .allMatch(stage -> stage.held() == 0 && (stage.isWaiting() || stage.pending() == 0));
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    /**
     * Stops the pipeline: its sources first, then what is queued moves on for up to {@value #DRAIN_MILLIS} ms
     * (a gateway's stop loses no record a source had already emitted, while the components downstream, which
     * stop later, still take them), then the threads stop, upstream first, each after what the one before
     * handed on is through (within the same time), and the components close.
     */
    public synchronized void close() {
        long deadline = drainBeforeClose();
        // Upstream threads first: what a thread emits until it stops (a component's own tick, e.g. an
        // aggregate's interval ending) still reaches the threads downstream, which run until it is through.
        for (Chain chain : chains) {
            chain.stop();
            while (!idle() && System.nanoTime() < deadline && pause(DRAIN_CHECK_MILLIS / 4)) {
                // wait for the records the stopped thread handed on
            }
        }
        chains = List.of();
        ticker.close();
        for (Stage stage : stages.values()) {
            stage.close();
            stage.inbox.close();
            report(stage);
        }
        stages.clear();
        graph = null;
    }
}
