package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.OutboxSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's writer thread: takes appended records in order, writes them in batches (one per fsync,
 * shaped by the durability policy), then completes their futures. After each batch it applies the acknowledgements
 * made meanwhile (their removals go out with the next commit), and when idle it applies and commits them every sync
 * interval (at least 20 ms).
 */
final class BatchWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long MIN_IDLE_MILLIS = 20;
    private static final long FILL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Writes one batch durably (per policy) or throws. */
    interface Sink {
        void write(List<Pending> batch);

        /** Applies the acknowledgements made meanwhile; a batch's write commits them. */
        void applyAcknowledgements();

        /** Applies the acknowledgements made meanwhile and commits them (without an fsync). */
        void persistAcknowledgements();

        void failed(List<Pending> batch, RuntimeException e);
    }

    private final OutboxSettings settings;
    private final Sink sink;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Consumer<List<Pending>> confirm;
    private volatile boolean running = true;
    /** {@link System#nanoTime()} when the last batch began to be written. */
    private long lastWriteStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    BatchWriter(OutboxSettings settings, Sink sink, Consumer<List<Pending>> confirm) {
        this.settings = settings;
        this.sink = sink;
        this.confirm = confirm;
        this.thread = new Thread(this, "outbox-writer-" + settings.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void enqueue(Pending pending) {
        queue.add(pending);
    }

    /** What is queued and not yet taken into a batch (a copy). */
    List<Pending> queued() {
        return new ArrayList<>(queue);
    }

    /** Writes everything queued, then stops the thread. */
    void stop() {
        // No interrupt: it would close the store's FileChannel (ClosedByInterruptException).
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long idle = Math.max(MIN_IDLE_MILLIS, settings.syncIntervalMillis());
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = running ? queue.poll(idle, TimeUnit.MILLISECONDS) : queue.poll();
                if (first == null) {
                    sink.persistAcknowledgements();
                    continue;
                }
                batch.add(first);
                fill(batch);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.error("Outbox {}: writer failed", settings.name(), e);
            }
            batch.clear();
        }
        failRemaining();
    }

    private void fill(List<Pending> batch) {
        if (settings.policy() == DurabilityPolicy.SYNC_EACH) {
            return;
        }
        queue.drainTo(batch, settings.maxBatch() - batch.size());
        if (settings.policy() != DurabilityPolicy.GROUP_COMMIT) {
            return;
        }
        // The interval runs from the start of the previous write: an fsync that took longer than the interval is
        // followed at once by the next (everything that queued during it), and a shorter one only by the rest of
        // the interval, so a record waits at most the interval or one fsync, not both.
        // Sleep to the batch's deadline in slices instead of waiting on the queue: a wait on the queue is woken
        // by every append that finds it empty, a thread switch per message at moderate rates.
        long deadline = lastWriteStart + TimeUnit.MILLISECONDS.toNanos(settings.syncIntervalMillis());
        long wait = deadline - System.nanoTime();
        while (running && wait > 0 && batch.size() < settings.maxBatch()) {
            LockSupport.parkNanos(Math.min(wait, FILL_SLICE_NANOS));
            queue.drainTo(batch, settings.maxBatch() - batch.size());
            wait = deadline - System.nanoTime();
        }
    }

    private void writeBatch(List<Pending> batch) {
        lastWriteStart = System.nanoTime();
        try {
            sink.write(batch);
        } catch (RuntimeException e) {
            sink.failed(batch, e);
            return;
        }
        confirm.accept(batch);
        // After the confirmations, while the next batch gathers: the acknowledgements do not hold this one up.
        sink.applyAcknowledgements();
    }

    private void failRemaining() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.future().completeExceptionally(new CloudException(CloudException.Reason.CLOSED,
                    "outbox " + settings.name() + " closed before the message was stored"));
        }
    }
}
