package dev.continuum.itests.inference;

import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that score batches of windows with one model without pause, counting windows submitted and
 * results received per version, failures, and the longest gap between two completed batches.
 */
final class Load implements AutoCloseable {

    final AtomicLong submitted = new AtomicLong();
    final AtomicLong scored = new AtomicLong();
    final Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();
    final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong maxGapNanos = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Load(InferenceService service, String model, int threadCount, List<Window> batch) {
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> run(service, model, batch), "itest-load-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(InferenceService service, String model, List<Window> batch) {
        long last = System.nanoTime();
        while (running) {
            submitted.addAndGet(batch.size());
            try {
                List<InferenceResult> results = service.inferBatch(model, batch);
                scored.addAndGet(results.size());
                for (InferenceResult result : results) {
                    byVersion.computeIfAbsent(result.version(), v -> new AtomicLong()).incrementAndGet();
                }
            } catch (Exception | Error e) {
                failures.add(e);
            }
            long now = System.nanoTime();
            maxGapNanos.accumulateAndGet(now - last, Math::max);
            last = now;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
