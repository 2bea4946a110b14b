package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One thread per pipeline that ticks the chains headed by its sources every {@link ComponentFactory#TICK_MILLIS}:
 * a source emits from its driver's threads and takes no input, so its chain needs no thread of its own (a
 * pipeline with a source per tag would otherwise carry a sleeping thread per tag). The thread starts with
 * the first source and stops with the pipeline.
 */
final class Ticker implements AutoCloseable {

    private final String pipeline;
    private final List<Chain> chains = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;

    Ticker(String pipeline) {
        this.pipeline = pipeline;
    }

    synchronized void add(Chain sourced) {
        chains.add(sourced);
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "pipeline-" + pipeline + "-sources");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(() -> chains.forEach(Chain::tickSourced), ComponentFactory.TICK_MILLIS,
                    ComponentFactory.TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void remove(Chain sourced) {
        chains.remove(sourced);
    }

    /** Stops ticking; a tick in progress ends first (up to a second), so a source closed next is not ticked. */
    @Override
    public synchronized void close() {
        chains.clear();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
