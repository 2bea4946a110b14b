package dev.continuum.outbox.internal;

import dev.continuum.outbox.OutboxSettings;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites sparsely filled chunks of the store in small steps on its own thread, so that a queue that is
 * filled and drained again and again does not grow its file. Each step writes at most {@link #STEP_BYTES},
 * which bounds how long the writer thread may wait for the store lock.
 */
final class Compactor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    static final int TARGET_FILL_RATE = 60;
    static final int STEP_BYTES = 1 << 20;

    private final OutboxSettings settings;
    private final Supplier<MVStore> stores;
    private final BooleanSupplier writable;
    private final ScheduledExecutorService executor;

    /**
     * @param stores the outbox's current store (it is replaced when a failed write closed it)
     * @param writable false while the outbox refuses writes (e.g. disk full): compaction writes too
     */
    Compactor(OutboxSettings settings, Supplier<MVStore> stores, BooleanSupplier writable) {
        this.settings = settings;
        this.stores = stores;
        this.writable = writable;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-compactor-" + settings.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        long interval = settings.compactIntervalMillis();
        executor.scheduleWithFixedDelay(this::step, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** One compaction step if the fill rate is below the target; returns whether it rewrote anything. */
    boolean step() {
        MVStore store = stores.get();
        try {
            if (!writable.getAsBoolean() || store.isClosed() || store.getFileStore() == null) {
                return false;
            }
            int before = store.getFillRate();
            if (before >= TARGET_FILL_RATE) {
                return false;
            }
            boolean rewrote = store.compact(TARGET_FILL_RATE, STEP_BYTES);
            LOG.debug("Outbox {}: compaction at fill rate {}% rewrote {}", settings.name(), before, rewrote);
            return rewrote;
        } catch (RuntimeException e) {
            LOG.warn("Outbox {}: compaction step failed; retried in {} ms", settings.name(),
                    settings.compactIntervalMillis(), e);
            return false;
        }
    }

    @Override
    public void close() {
        // shutdown, not shutdownNow: an interrupt would close the store's FileChannel mid-write.
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
