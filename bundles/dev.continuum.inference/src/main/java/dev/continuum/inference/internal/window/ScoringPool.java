package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.StageConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The threads that score the windows of every open stage: a fixed number (by default one per core) instead
 * of a thread per stage, so a gateway with hundreds of stages (one per tag) does not carry hundreds of
 * threads. Stages that score with the same model (and the same batch settings) share one {@link Batcher},
 * whose batches take windows from all of them: one ONNX Runtime run scores the windows of many tags.
 */
public final class ScoringPool implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    /**
     * Hands results to the stages' consumers, one task per stage at a time: as many threads as score, and one
     * more for each consumer that blocks (it holds a delivery thread, never a scoring thread).
     */
    private final DeliveryPool delivery;
    private final Map<Key, Batcher> batchers = new ConcurrentHashMap<>();

    /** @param threads the scoring threads (at least 1) */
    public ScoringPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the scoring pool needs at least one thread, got " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread thread = new Thread(r, "continuum-inference-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        delivery = new DeliveryPool(threads, executor);
    }

    /**
     * Opens a stage whose windows are batched with those of the other stages of the same {@code sharing}
     * key (e.g. the model) and the same batch settings.
     *
     * @param sharing stages with an equal key (and equal {@code maxBatch} and {@code maxWaitMillis}) share
     *     batches, and {@code scorer} must then score the same way for all of them
     */
    public Stage open(Object sharing, StageConfig config, Windower windower, double[] means, Scorer scorer,
            Consumer<InferenceResult> results, Runnable onClose) {
        Key key = new Key(sharing, config.maxBatch(), config.maxWaitMillis());
        Stage[] stage = new Stage[1];
        batchers.compute(key, (k, batcher) -> {
            Batcher target = batcher != null ? batcher : new Batcher(config.model(), scorer, config.maxBatch(),
                    TimeUnit.MILLISECONDS.toNanos(config.maxWaitMillis()), executor);
            stage[0] = new Stage(config, windower, means, target, delivery, results, () -> {
                release(key);
                onClose.run();
            });
            target.add(stage[0]);
            return target;
        });
        return stage[0];
    }

    /** A stage with batches of its own (a scorer no other stage shares). */
    public Stage open(StageConfig config, Windower windower, double[] means, Scorer scorer,
            Consumer<InferenceResult> results, Runnable onClose) {
        return open(new Object(), config, windower, means, scorer, results, onClose);
    }

    private void release(Key key) {
        batchers.computeIfPresent(key, (k, batcher) -> batcher.isEmpty() ? null : batcher);
    }

    /** Stops the threads; stages still open should be closed first (their queued windows are then scored). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        delivery.close();
    }

    private record Key(Object sharing, int maxBatch, long maxWaitMillis) {
    }
}
