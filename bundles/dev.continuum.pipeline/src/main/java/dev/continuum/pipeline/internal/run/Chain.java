package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Record;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that runs a linear run of stages (operator chaining): it takes records from the head's queue
 * and hands each to the head, whose emitter calls the next stage directly, and so on; it ticks every stage
 * in order. A chain of one is a component on its own thread.
 *
 * <p>A chain headed by a source has no thread: the source emits from its driver's threads, which call the
 * stages after it ({@link RunsOnSourceThreads}) one at a time under the chain's lock, and the pipeline's
 * {@link Ticker} ticks it.
 */
final class Chain {

    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    final List<Stage> stages;
    private final String pipeline;
    /** Null for a chain headed by a source: it runs on the source's threads, and the runner's ticker ticks it. */
    private final Thread thread;
    private final Ticker ticker;
    /**
     * A chain without a thread: one source thread at a time calls its stages (and the ticker ticks them). It is
     * the lock of the stage that ends the chain, so a later chain of that stage (on the source's threads or on
     * a thread of its own) does not call it while a source's thread of this one is still inside it (stuck in
     * back-pressure past {@link #stop}'s 5 s).
     */
    private final ReentrantLock calls;
    private volatile boolean running = true;
    private long lastTick = System.nanoTime();

    /** A chain on a thread of its own. */
    Chain(String pipeline, List<Stage> stages) {
        this(pipeline, stages, null);
    }

    /**
     * @param ticker for a chain headed by a source (no input): no thread, the ticker ticks it; null for a
     *     chain with a thread of its own
     */
    Chain(String pipeline, List<Stage> stages, Ticker ticker) {
        this.pipeline = pipeline;
        this.stages = List.copyOf(stages);
        this.ticker = ticker;
        this.calls = stages.get(stages.size() - 1).callLock;
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

    /** Whether this chain runs on its source's threads (it has none of its own). */
    boolean sourced() {
        return thread == null;
    }

    void start() {
        // Downstream first: a source's thread that sees this chain on the source finds it on every stage after it.
        for (int i = stages.size() - 1; i >= 0; i--) {
            stages.get(i).attach(this);
        }
        if (thread != null) {
            thread.start();
        } else {
            ticker.add(this);
        }
    }

    /**
     * On a source's thread, in a chain without a thread: {@code from} hands {@code record} to {@code to}, one
     * source thread at a time, after what the stages after the source got in their queues while they were
     * not chained. False when the chain has stopped or no longer has {@code from} call {@code to} (the caller
     * read the wiring before a graph change): the caller forwards the record again with the new wiring.
     */
    boolean call(Stage from, Stage to, Record record) {
        if (!lockWhileRunning()) {
            return false;
        }
        try {
            if (!running || !stages.contains(to) || !from.calls(to)) {
                return false;
            }
            leftovers();
            if (!running) {
                return false; // stopped while handing on what waited (past the stop's 5 s): that goes first
            }
            from.handOn(to, record);
            return true;
        } finally {
            calls.unlock();
        }
    }

    /**
     * Takes the chain's lock, unless the chain stops meanwhile (false): the lock is the last stage's, which a
     * later chain of that stage may hold for long, e.g. waiting for its factory to come back.
     */
    private boolean lockWhileRunning() {
        // An interrupted driver's thread still hands its record on, as a back-pressured one does, and still gives
        // up when the chain stops (a thread that keeps its interrupt would otherwise wait without a bound, each
        // call): the interrupt is kept for its caller, not acted on here.
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (calls.tryLock(ComponentFactory.TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (!running) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The ticker's call for a chain without a thread. The source is ticked without the chain's lock: it takes
     * no input, and its drivers' threads emit through it at any time anyway (under the lock, a driver's thread
     * held in the chain by back-pressure would stop its ticks, and a tick that emits before the source is wired
     * would wait for the source's held records while holding the lock). Then what the source held before the
     * graph was wired, unless its threads passed that on already; then, unless a source's
     * thread is in the chain (it hands them on itself), what waits in the queues of the stages after the source,
     * and their ticks. With {@code tick} false (the pipeline stops), only what waits.
     */
    void tickSourced(boolean tick) {
        if (!running) {
            return;
        }
        if (tick) {
            stages.get(0).tick();
        }
        stages.get(0).releaseIfAsked(); // what the source emitted before the graph was wired, unless its threads did
        if (stages.size() == 1 || !calls.tryLock()) {
            return;
        }
        try {
            if (running) {
                leftovers();
                if (tick) {
                    stages.subList(1, stages.size()).forEach(Stage::tick);
                }
            }
        } finally {
            calls.unlock();
        }
    }

    /** Downstream first: what a stage got before it joined this chain is older than what its upstream sends it now. */
    private void leftovers() {
        for (int i = stages.size() - 1; i > 0 && running; i--) {
            stages.get(i).runLeftovers();
        }
    }

    private void run() {
        Stage head = stages.get(0);
        try {
            while (running) {
                if (!lockStages()) {
                    continue;
                }
                try {
                    for (Stage stage : stages) {
                        stage.releaseIfAsked();
                    }
                    leftovers();
                    head.runBatch();
                    tick();
                } finally {
                    unlockStages(stages.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A chain with a thread holds its stages' locks while it calls them (uncontended, once per batch): a stage
     * that ran on a source's threads may still have a source's thread inside it from the chain it left.
     */
    private boolean lockStages() throws InterruptedException {
        for (int i = 0; i < stages.size(); i++) {
            boolean locked;
            try {
                locked = stages.get(i).callLock.tryLock(ComponentFactory.TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                unlockStages(i); // the thread ends: it must not leave the stages before locked
                throw e;
            }
            if (!locked) {
                unlockStages(i);
                return false;
            }
        }
        return true;
    }

    private void unlockStages(int locked) {
        for (int i = locked - 1; i >= 0; i--) {
            stages.get(i).callLock.unlock();
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
        if (thread == null) {
            stopSourced();
            return;
        }
        running = false;
        stages.forEach(Stage::wake);
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

    /**
     * A chain without a thread stops after the call in progress (up to 5 s). It hands nothing on: the stopping
     * thread holds the runner, and a component may wait on back-pressure without end. What waits in its stages'
     * queues stays there; the next chain of those stages hands it on before anything newer.
     */
    private void stopSourced() {
        ticker.remove(this);
        try {
            if (calls.tryLock(5, TimeUnit.SECONDS)) {
                running = false;
                calls.unlock();
                return;
            }
            running = false;
            stages.forEach(Stage::wake);
            LOG.warn("pipeline {}: a source's thread did not finish its record in 5 s in chain {}", pipeline,
                    stages.stream().map(Stage::name).toList());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }
}
