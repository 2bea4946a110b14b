package dev.continuum.inference.internal.window;

import dev.continuum.api.data.Sample;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.MissingValuePolicy;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InferenceStage}: windows built on the caller's thread and queued (the caller waits when
 * {@value #QUEUE} are queued), scored in batches by its {@link Batcher} on the {@link ScoringPool}. Results
 * are handed to the consumer in window order by a delivery task of this stage, never on a scoring thread: a
 * consumer that blocks (a full downstream queue) holds only its own stage, whose results then wait (at most
 * {@value #QUEUE}) and whose windows are no longer taken for scoring until they move again.
 */
public final class Stage implements InferenceStage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    /**
     * Windows queued, and results waiting, per stage: 2.5 s of a 100 Hz tag, four full batches
     * ({@link dev.continuum.api.inference.StageConfig#count}'s 64). It bounds what a stalled consumer holds on
     * the heap before the caller waits: 256 windows and 256 results of ~370 bytes together (16 x 2 values),
     * ~95 KB a stage, ~10 MB at 100 tags (4,096 held up to ~150 MB there, more than the simulator's whole heap).
     */
    static final int QUEUE = 256;
    private static final long ENQUEUE_CHECK_MILLIS = 100;
    private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final StageConfig config;
    private final Windower windower;
    private final SampleRows rows;
    private final Batcher batcher;
    private final Consumer<InferenceResult> results;
    private final Runnable onClose;
    private final BlockingQueue<Window> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Scored results (or null for a window whose scoring failed) waiting for the consumer. */
    private final BlockingQueue<Optional<InferenceResult>> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final Executor delivery;
    private final float[] row;
    /** Windows queued or being scored. */
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean closing;
    /** The batcher let go of this stage at its close: a window queued now is never scored. */
    private volatile boolean released;

    Stage(StageConfig config, Windower windower, double[] means, Batcher batcher, Executor delivery,
            Consumer<InferenceResult> results, Runnable onClose) {
        this.delivery = delivery;
        this.config = config;
        this.windower = windower;
        this.rows = new SampleRows(config.channelIds(), means);
        this.batcher = batcher;
        this.results = results;
        this.onClose = onClose;
        this.row = new float[config.channelIds().size()];
    }

    @Override
    public void accept(Sample sample) {
        int channel = rows.channel(sample);
        if (closing || channel < 0) {
            return;
        }
        samples.incrementAndGet();
        if (!rows.record(channel, sample)) {
            return;
        }
        boolean replaced = rows.step(row);
        for (Window window : windower.add(row, sample.sourceTime(), replaced)) {
            windows.incrementAndGet();
            if (window.imputed() && config.missing() == MissingValuePolicy.SKIP) {
                skipped.incrementAndGet();
                continue;
            }
            Window toScore = window.imputed() && config.missing() == MissingValuePolicy.IMPUTE
                    ? new Window(window.start(), window.end(), window.values(), false)
                    : window;
            pending.incrementAndGet();
            if (!enqueue(toScore)) {
                return;
            }
            batcher.kick();
        }
    }

    /**
     * Waits for room in the windows queue (back-pressure on the caller's thread), but gives up once the stage
     * closes (nothing scores its windows then): such a window is counted as failed, as is one queued after
     * the close emptied the queue (the caller was windowing a sample as the stage closed).
     */
    private boolean enqueue(Window window) {
        try {
            while (!queue.offer(window, ENQUEUE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closing) {
                    notScored(1);
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notScored(1);
            return false;
        }
        if (released && queue.remove(window)) { // else the close took it and counted it
            notScored(1);
            return false;
        }
        return true;
    }

    private void notScored(int count) {
        failures.addAndGet(count);
        pending.addAndGet(-count);
    }

    /**
     * Moves up to {@code max} queued windows to {@code into}, no more than its results queue has room for
     * (so that handing over the results never waits); returns how many.
     */
    int drainTo(List<Window> into, int max) {
        return queue.drainTo(into, Math.min(max, outgoing.remainingCapacity()));
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Windows queued and room for their results. */
    boolean ready() {
        return !queue.isEmpty() && outgoing.remainingCapacity() > 0;
    }

    boolean closing() {
        return closing;
    }

    /** Some of this stage's windows were in a scoring run. */
    void batched() {
        batches.incrementAndGet();
    }

    /** A result of a scoring run: queued for this stage's delivery task (room was checked when taken). */
    void deliver(InferenceResult result) {
        hand(Optional.of(result));
    }

    /** A window whose scoring failed (counted when its turn comes, in order). */
    void failed() {
        hand(Optional.empty());
    }

    private void hand(Optional<InferenceResult> outcome) {
        if (!outgoing.offer(outcome)) {
            // Cannot happen (drainTo reserves room); counted rather than lost silently.
            failures.incrementAndGet();
            pending.decrementAndGet();
            LOG.error("{}: a result found its stage's results queue full; counted as failed", config.model());
        }
    }

    /** Starts this stage's delivery task unless it runs; called after each scoring run that had its windows. */
    void deliverQueued() {
        if (delivering.compareAndSet(false, true)) {
            try {
                delivery.execute(this::deliverAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                delivering.set(false); // shut down: the stage's close stops waiting after its timeout
            }
        }
    }

    private void deliverAll() {
        while (true) {
            Optional<InferenceResult> outcome;
            while ((outcome = outgoing.poll()) != null) {
                if (outcome.isEmpty()) {
                    failures.incrementAndGet();
                } else {
                    try {
                        results.accept(outcome.get());
                        delivered.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        LOG.error("{}: the consumer of a result failed: {}", config.model(), e.toString());
                    }
                }
                pending.decrementAndGet();
            }
            delivering.set(false);
            if (outgoing.isEmpty() || !delivering.compareAndSet(false, true)) {
                break;
            }
        }
        if (hasQueued()) {
            batcher.kick(); // windows left waiting while the results queue was full
        }
    }

    @Override
    public StageCounters counters() {
        return new StageCounters(samples.get(), windows.get(), skipped.get(), rows.replacedValues(), delivered.get(),
                failures.get(), batches.get());
    }

    /** Stops taking samples, waits (at most 10 s) until the queued windows are scored, then leaves the pool. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        batcher.kick();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
        try {
            while (pending.get() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending.get() > 0) {
            LOG.warn("{}: stage closed with {} windows not scored", config.model(), pending.get());
        }
        batcher.remove(this);
        released = true;
        int left = 0;
        while (queue.poll() != null) {
            left++; // each window is counted by whoever takes it out: here, or its caller (enqueue)
        }
        if (left > 0) {
            notScored(left);
            LOG.warn("{}: {} windows left unscored at close; counted as failed", config.model(), left);
        }
        onClose.run();
    }
}
