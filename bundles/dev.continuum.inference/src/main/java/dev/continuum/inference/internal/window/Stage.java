package dev.continuum.inference.internal.window;

import dev.continuum.api.data.Sample;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.MissingValuePolicy;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InferenceStage}: windows built on the caller's thread and queued (the caller waits when
 * {@value #QUEUE} are queued), scored in batches by its {@link Batcher} on the {@link ScoringPool}; results
 * are handed to the consumer in window order, on a pool thread.
 */
public final class Stage implements InferenceStage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    private static final int QUEUE = 4096;
    private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final StageConfig config;
    private final Windower windower;
    private final SampleRows rows;
    private final Batcher batcher;
    private final Consumer<InferenceResult> results;
    private final Runnable onClose;
    private final BlockingQueue<Window> queue = new ArrayBlockingQueue<>(QUEUE);
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

    Stage(StageConfig config, Windower windower, double[] means, Batcher batcher, Consumer<InferenceResult> results,
            Runnable onClose) {
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
            try {
                queue.put(toScore);
            } catch (InterruptedException e) {
                pending.decrementAndGet();
                Thread.currentThread().interrupt();
                return;
            }
            batcher.kick();
        }
    }

    /** Moves up to {@code max} queued windows to {@code into}; returns how many. */
    int drainTo(List<Window> into, int max) {
        return queue.drainTo(into, max);
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    boolean closing() {
        return closing;
    }

    /** Some of this stage's windows were in a scoring run. */
    void batched() {
        batches.incrementAndGet();
    }

    void deliver(InferenceResult result) {
        try {
            results.accept(result);
            delivered.incrementAndGet();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.error("{}: the consumer of a result failed: {}", config.model(), e.toString());
        } finally {
            pending.decrementAndGet();
        }
    }

    void failed() {
        failures.incrementAndGet();
        pending.decrementAndGet();
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
        onClose.run();
    }
}
