package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that runs a linear run of stages (operator chaining): it takes records from the head's queue
 * and hands each to the head, whose emitter calls the next stage directly, and so on; it ticks every stage
 * in order. A chain of one is a component on its own thread.
 */
final class Chain {

    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    final List<Stage> stages;
    private final String pipeline;
    /** Null for a source on its own: it emits from its driver's threads, and the runner's ticker ticks it. */
    private final Thread thread;
    private final Ticker ticker;
    private volatile boolean running = true;
    private long lastTick = System.nanoTime();

    /** A chain on a thread of its own. */
    Chain(String pipeline, List<Stage> stages) {
        this(pipeline, stages, null);
    }

    /**
     * @param ticker for a source alone (no input, nothing chained): no thread, the ticker ticks it; null for a
     *     chain with a thread of its own
     */
    Chain(String pipeline, List<Stage> stages, Ticker ticker) {
        this.pipeline = pipeline;
        this.stages = List.copyOf(stages);
        this.ticker = ticker;
        if (ticker != null && stages.size() != 1) {
            throw new IllegalArgumentException("only a source on its own runs without a thread");
        }
        Stage tail = stages.get(stages.size() - 1);
        this.thread = ticker != null ? null : new Thread(this::run, "pipeline-" + pipeline + "-" + stages.get(0).name()
                + (stages.size() > 1 ? ".." + tail.name() : ""));
        if (thread != null) {
            thread.setDaemon(true);
        }
    }

    Thread thread() {
        return thread;
    }

    boolean isRunning() {
        return running;
    }

    void start() {
        stages.forEach(stage -> stage.attach(this));
        if (thread != null) {
            thread.start();
        } else {
            ticker.add(stages.get(0));
        }
    }

    private void run() {
        Stage head = stages.get(0);
        try {
            while (running) {
                for (Stage stage : stages) {
                    stage.releaseIfAsked();
                }
                // Downstream first: what a stage got before it joined this chain is older than what its
                // upstream sends it now.
                for (int i = stages.size() - 1; i > 0 && running; i--) {
                    stages.get(i).runLeftovers();
                }
                head.runBatch();
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastTick < ComponentFactory.TICK_MILLIS * 1_000_000L) {
            return;
        }
        lastTick = now;
        for (Stage stage : stages) {
            stage.tick();
        }
    }

    /**
     * Stops the thread once the record in hand is through the chain; records the head took from its queue
     * and did not hand on yet stay with the head for the next chain it runs on.
     */
    void stop() {
        running = false;
        stages.forEach(Stage::wake);
        if (thread == null) {
            ticker.remove(stages.get(0));
            return;
        }
        try {
            thread.join(5000);
            if (thread.isAlive()) {
                LOG.warn("pipeline {} thread {} did not finish its record in 5 s; interrupting it", pipeline,
                        thread.getName());
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
