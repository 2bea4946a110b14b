package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the queued windows of a set of stages in shared batches, on the scoring pool, one batch at a time:
 * it takes windows from the stages in turn (each stage's in order) up to {@code maxBatch}, scores them in one
 * run and hands each result to its stage. One run at a time keeps every stage's results in order; after each
 * batch it gives the thread back to the pool, so batchers of other models take turns.
 */
final class Batcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final String model;
    private final Scorer scorer;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ScheduledExecutorService executor;
    private final List<Stage> stages = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Confined to the run in progress (one at a time).
    private final List<Window> batch = new ArrayList<>();
    private final List<Stage> owners = new ArrayList<>();
    private int next;
    private long waitingSince;

    Batcher(String model, Scorer scorer, int maxBatch, long maxWaitNanos, ScheduledExecutorService executor) {
        this.model = model;
        this.scorer = scorer;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
        this.executor = executor;
    }

    void add(Stage stage) {
        stages.add(stage);
    }

    /** Removes a stage once it has nothing queued. */
    void remove(Stage stage) {
        stages.remove(stage);
    }

    boolean isEmpty() {
        return stages.isEmpty();
    }

    /** Makes sure a run will take the windows queued so far. */
    void kick() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // the pool is shut down: closing stages stop waiting after their timeout
            }
        }
    }

    @Override
    public void run() {
        boolean waiting = false;
        try {
            collect();
            if (batch.isEmpty()) {
                return;
            }
            if (batch.size() < maxBatch && maxWaitNanos > 0 && stages.stream().noneMatch(Stage::closing)) {
                long now = System.nanoTime();
                if (waitingSince == 0) {
                    waitingSince = now;
                }
                long left = waitingSince + maxWaitNanos - now;
                if (left > 0) {
                    // Still scheduled: the batch fills meanwhile, and waits at most maxWait.
                    executor.schedule(this, left, TimeUnit.NANOSECONDS);
                    waiting = true;
                    return;
                }
            }
            waitingSince = 0;
            score();
        } catch (RuntimeException e) {
            LOG.error("{}: scoring run failed", model, e);
        } finally {
            if (!waiting) {
                batch.clear();
                owners.clear();
                done();
            }
        }
    }

    /**
     * Ends this run; starts another when windows were queued in the meantime (of stages whose results can
     * move: a stage with a full results queue is started again by its delivery task).
     */
    private void done() {
        scheduled.set(false);
        for (Stage stage : stages) {
            if (stage.ready()) {
                kick();
                return;
            }
        }
    }

    /** Takes windows from the stages in turn, starting one further each run, up to a full batch. */
    private void collect() {
        Object[] snapshot = stages.toArray();
        int n = snapshot.length;
        for (int i = 0; i < n && batch.size() < maxBatch; i++) {
            Stage stage = (Stage) snapshot[(next + i) % n];
            int taken = stage.drainTo(batch, maxBatch - batch.size());
            for (int k = 0; k < taken; k++) {
                owners.add(stage);
            }
        }
        next = n == 0 ? 0 : (next + 1) % n;
    }

    private void score() {
        List<InferenceResult> scored = null;
        String failure = null;
        try {
            scored = scorer.score(batch);
            if (scored.size() != batch.size()) {
                failure = "the scorer returned " + scored.size() + " results for " + batch.size() + " windows";
            }
        } catch (InferenceException | RuntimeException e) {
            failure = e.getMessage();
        }
        if (failure != null) {
            LOG.error("{}: {} windows not scored: {}", model, batch.size(), failure);
        }
        Stage previous = null;
        for (int i = 0; i < batch.size(); i++) {
            Stage owner = owners.get(i);
            if (owner != previous) {
                owner.batched();
                if (previous != null) {
                    previous.deliverQueued();
                }
                previous = owner;
            }
            if (failure == null) {
                owner.deliver(scored.get(i));
            } else {
                owner.failed();
            }
        }
        if (previous != null) {
            previous.deliverQueued();
        }
    }
}
