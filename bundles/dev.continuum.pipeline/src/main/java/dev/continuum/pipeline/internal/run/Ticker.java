package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One thread per pipeline that ticks the chains headed by its sources every {@link ComponentFactory#TICK_MILLIS}:
 * a source emits from its driver's threads and takes no input, so its chain needs no thread of its own (a
 * pipeline with a source per tag would otherwise carry a sleeping thread per tag). The thread starts with
 * the first source and stops with the pipeline. It also hands on what waits in those chains' queues, also
 * while the pipeline stops (after its sources stopped): the stopping thread never calls a component.
 */
final class Ticker implements AutoCloseable {

    private final String pipeline;
    private final List<Chain> chains = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    /** The pipeline is stopping: rounds tick no component, they only hand on what waits in queues. */
    private volatile boolean sourcesStopped;

    Ticker(String pipeline) {
        this.pipeline = pipeline;
    }

    synchronized void add(Chain sourced) {
        chains.add(sourced);
        if (executor == null) {
            sourcesStopped = false;
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "pipeline-" + pipeline + "-sources");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::round, ComponentFactory.TICK_MILLIS, ComponentFactory.TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void round() {
        for (Chain chain : chains) {
            chain.tickSourced(!sourcesStopped);
        }
    }

    void remove(Chain sourced) {
        chains.remove(sourced);
    }

    /**
     * The sources stop: later rounds only hand on what waits in the chains' queues (the stop's drain). A round
     * in progress, which may be ticking a source about to be closed, ends first (up to a second).
     */
    synchronized void stopTickingSources() {
        sourcesStopped = true;
        if (executor == null) {
            return;
        }
        try {
            executor.submit(() -> { }).get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a round waiting in a component (back-pressure): it ticks no source after that
        }
    }

    /**
     * Stops the thread. A round in progress is not interrupted: it may be handing on records, and a component
     * whose wait for room is interrupted loses them (inference counts the window as failed). It ends first
     * (up to a second), or later on its own.
     */
    @Override
    public synchronized void close() {
        chains.clear();
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
