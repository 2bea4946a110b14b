package dev.continuum.inference.remote.internal;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import dev.continuum.api.placement.RemoteInference;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores queued requests on one thread, batching the windows of all requests for one model (of any
 * gateway) into model runs of up to {@code maxBatch} windows, and replies to each request with its own
 * windows' scores.
 */
final class Batcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final InferenceService inference;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private volatile boolean closing;

    Batcher(InferenceService inference, int maxBatch, long maxWaitMillis) {
        this.inference = inference;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.thread = new Thread(this::run, "continuum-inference-remote");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Job job) {
        queue.add(job);
    }

    long runs() {
        return runs.get();
    }

    long windows() {
        return windows.get();
    }

    private void run() {
        List<Job> taken = new ArrayList<>();
        while (!closing) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                gather(taken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, List<Job>> byModel = taken.stream()
                    .collect(Collectors.groupingBy(Job::model, LinkedHashMap::new, Collectors.toList()));
            byModel.forEach(this::score);
            taken.clear();
        }
    }

    /** Takes what is queued, waiting up to the batch wait for more while the batch is not full. */
    private void gather(List<Job> taken) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        int count = taken.get(0).windows().size();
        while (count < maxBatch) {
            Job next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
            }
            taken.add(next);
            count += next.windows().size();
        }
    }

    private void score(String model, List<Job> jobs) {
        List<Window> all = new ArrayList<>();
        jobs.forEach(job -> all.addAll(job.windows()));
        List<InferenceResult> results;
        try {
            results = inference.inferBatch(model, all);
        } catch (InferenceException | RuntimeException e) {
            LOG.warn("INFER-V1: {} windows of {} requests for {} not scored: {}", all.size(), jobs.size(), model,
                    e.getMessage());
            jobs.forEach(job -> error(job.responder(), 400, e.getMessage()));
            return;
        }
        runs.incrementAndGet();
        windows.addAndGet(all.size());
        int offset = 0;
        for (Job job : jobs) {
            List<InferenceResult> own = results.subList(offset, offset + job.windows().size());
            offset += job.windows().size();
            double[] scores = own.stream().mapToDouble(InferenceResult::score).toArray();
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put(RemoteInference.VERSION, own.get(0).version());
            metrics.put(RemoteInference.LABELS, own.stream().map(InferenceResult::label)
                    .collect(Collectors.joining(",")));
            job.responder().reply(200, new KuraPayload(System.currentTimeMillis(), metrics,
                    RemoteInference.doubles(scores)));
        }
    }

    static void error(KuraResponder responder, int code, String message) {
        responder.reply(code, new KuraPayload(System.currentTimeMillis(),
                Map.of(KuraResponder.EXCEPTION_MESSAGE, message), null));
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job job = queue.poll(); job != null; job = queue.poll()) {
            error(job.responder(), 500, "the inference service is stopping");
        }
    }
}
