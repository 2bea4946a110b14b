package dev.continuum.inference.internal.window;

import dev.continuum.api.data.Sample;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.MissingValuePolicy;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link InferenceStage}: windows built on the caller's thread, scored in batches on the stage thread. */
public final class Stage implements InferenceStage {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
    private static final int QUEUE = 4096;

    private final StageConfig config;
    private final Windower windower;
    private final SampleRows rows;
    private final Scorer scorer;
    private final Consumer<InferenceResult> results;
    private final Runnable onClose;
    private final BlockingQueue<Window> queue = new ArrayBlockingQueue<>(QUEUE);
    private final float[] row;
    private final Thread thread;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean closing;

    public Stage(StageConfig config, Windower windower, double[] means, Scorer scorer,
            Consumer<InferenceResult> results, Runnable onClose) {
        this.config = config;
        this.windower = windower;
        this.rows = new SampleRows(config.channelIds(), means);
        this.scorer = scorer;
        this.results = results;
        this.onClose = onClose;
        this.row = new float[config.channelIds().size()];
        this.thread = new Thread(this::dispatch, "continuum-inference-" + config.model());
        thread.setDaemon(true);
        thread.start();
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
            try {
                queue.put(toScore);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void dispatch() {
        List<Window> batch = new ArrayList<>(config.maxBatch());
        while (!(closing && queue.isEmpty())) {
            try {
                Window first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                fill(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                List<InferenceResult> scored = scorer.score(batch);
                batches.incrementAndGet();
                for (InferenceResult result : scored) {
                    results.accept(result);
                    delivered.incrementAndGet();
                }
            } catch (InferenceException | RuntimeException e) {
                failures.addAndGet(batch.size());
                LOG.error("{}: {} windows not scored: {}", config.model(), batch.size(), e.getMessage());
            }
            batch.clear();
        }
    }

    private void fill(List<Window> batch) throws InterruptedException {
        if (config.maxWaitMillis() == 0 || batch.size() >= config.maxBatch()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis());
        while (batch.size() < config.maxBatch()) {
            long left = deadline - System.nanoTime();
            Window next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, config.maxBatch() - batch.size());
        }
    }

    @Override
    public StageCounters counters() {
        return new StageCounters(samples.get(), windows.get(), skipped.get(), rows.replacedValues(), delivered.get(),
                failures.get(), batches.get());
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.run();
    }
}
