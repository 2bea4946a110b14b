package dev.continuum.itests.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import dev.continuum.itests.support.TestFramework;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.inject.Inject;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Benchmark harness (not a test: run by itests/benchmarks/inference.sh), in the real runtime: the
 * default model through the service against a bare ONNX Runtime session of the same model in the same
 * run; batched throughput; a stage fed with samples; and 100 hot swaps under a paced 10k windows/s
 * load. Prints its results as markdown table rows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InferenceBench {

    private static final Path DATA = tempDir();
    private static final int HTTP_PORT = Ports.free();
    private static final int BATCH = 64;

    @Inject
    private BundleContext context;

    @Inject
    private InferenceService inference;

    private final List<String> lines = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        return new Option[] {Runtime.features(DATA, HTTP_PORT, "core", "inference")};
    }

    @Test
    public void run() throws Exception {
        Assume.assumeTrue("Felix only", "felix".equals(TestFramework.name()));
        Models.awaitLoaded(inference, Models.DEFAULT);
        ModelManifest manifest = inference.manifest(Models.DEFAULT).orElseThrow();
        Models shipped = Models.shipped(context);
        if (Boolean.getBoolean("bench.swapsOnly")) {
            swapsUnderLoad(shipped);
            System.out.println(String.join("\n", lines));
            return;
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession bare = env.createSession(shipped.model, options)) {
                singleWindowLatency(env, bare, manifest);
                batchedThroughput(env, bare, manifest);
                cpuPerWindow(env, bare, manifest, 1);
                cpuPerWindow(env, bare, manifest, BATCH);
            }
        }
        stageThroughput();
        swapsUnderLoad(shipped);
        System.out.println(String.join("\n", lines));
    }

    private void singleWindowLatency(OrtEnvironment env, OrtSession bare, ModelManifest manifest) throws Exception {
        Window window = new Signals(1).window(false);
        float[] normalised = normalise(window, manifest, 1);
        long[] service = new long[50_000];
        long[] ort = new long[50_000];
        for (int i = 0; i < 20_000; i++) {
            inference.infer(Models.DEFAULT, window);
            bareRun(env, bare, normalised, 1);
        }
        for (int round = 0; round < 10; round++) {
            for (int i = round * 5000; i < (round + 1) * 5000; i++) {
                long start = System.nanoTime();
                bareRun(env, bare, normalised, 1);
                ort[i] = System.nanoTime() - start;
            }
            for (int i = round * 5000; i < (round + 1) * 5000; i++) {
                long start = System.nanoTime();
                inference.infer(Models.DEFAULT, window);
                service[i] = System.nanoTime() - start;
            }
        }
        double serviceP50 = Stats.percentileMicros(service, service.length, 50);
        double ortP50 = Stats.percentileMicros(ort, ort.length, 50);
        lines.add(String.format("| single window (16x2), 1 thread, 50k calls | service `infer` p50 %.1f us, p99 %.1f us"
                + " | bare ORT `run` p50 %.1f us, p99 %.1f us | overhead at p50: %+.0f%% |",
                serviceP50, Stats.percentileMicros(service, service.length, 99), ortP50,
                Stats.percentileMicros(ort, ort.length, 99), 100 * (serviceP50 - ortP50) / ortP50));
    }

    private void batchedThroughput(OrtEnvironment env, OrtSession bare, ModelManifest manifest) throws Exception {
        Signals signals = new Signals(2);
        List<Window> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(signals.window(false));
        }
        float[] normalised = normalise(batch, manifest);
        int rounds = 12;
        double[] serviceRates = new double[rounds];
        double[] ortRates = new double[rounds];
        double[] overheads = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ortRates[round] = rate(2, Duration.ofMillis(500), () -> bareRun(env, bare, normalised, BATCH));
            serviceRates[round] = rate(2, Duration.ofMillis(500), () -> inference.inferBatch(Models.DEFAULT, batch));
            overheads[round] = ortRates[round] / serviceRates[round] - 1;
        }
        lines.add(String.format("| batches of %d windows, 2 threads, %d alternating rounds of 0.5 s, medians |"
                + " service `inferBatch` %.0f windows/s | bare ORT `run` %.0f windows/s | per-window overhead:"
                + " median %+.0f%% (rounds: %+.0f%% .. %+.0f%%) |", BATCH, rounds, median(serviceRates),
                median(ortRates), 100 * median(overheads), 100 * Arrays.stream(overheads).min().orElseThrow(),
                100 * Arrays.stream(overheads).max().orElseThrow()));
    }

    /**
     * CPU time per window (this thread's, ORT runs on the calling thread with one intra-op thread):
     * steadier than wall time on a shared machine. Alternating rounds; medians.
     */
    private void cpuPerWindow(OrtEnvironment env, OrtSession bare, ModelManifest manifest, int batchSize)
            throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Signals signals = new Signals(5);
        List<Window> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            batch.add(signals.window(false));
        }
        float[] normalised = normalise(batch, manifest);
        int runs = Math.max(200, 20_000 / batchSize);
        int rounds = 11;
        double[] service = new double[rounds];
        double[] ort = new double[rounds];
        double[] overhead = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < runs; i++) {
                bareRun(env, bare, normalised, batchSize);
            }
            ort[round] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / runs / batchSize;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < runs; i++) {
                inference.inferBatch(Models.DEFAULT, batch);
            }
            service[round] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / runs / batchSize;
            overhead[round] = service[round] / ort[round] - 1;
        }
        lines.add(String.format("| CPU time per window, batch of %d, 1 thread, %d rounds x %d runs, medians | service"
                + " %.2f us (%.0f windows/s per core) | bare ORT %.2f us (%.0f windows/s per core) | per-window overhead:"
                + " median %+.0f%% |", batchSize, rounds, runs, median(service), 1e6 / median(service), median(ort),
                1e6 / median(ort), 100 * median(overhead)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private void stageThroughput() throws Exception {
        int windows = 10_000;
        Signals signals = new Signals(3);
        List<Sample> samples = new ArrayList<>(windows * 32);
        for (int step = 0; step < windows * 16; step++) {
            java.time.Instant time = signals.time();
            double[] values = signals.next();
            samples.add(Sample.good("b/temperature", TypedValue.ofDouble(values[1]), time));
            samples.add(Sample.good("b/vibration", TypedValue.ofDouble(values[0]), time));
        }
        double best = 0;
        for (int round = 0; round < 3; round++) {
            AtomicLong results = new AtomicLong();
            InferenceStage stage = inference.openStage(StageConfig.count(Models.DEFAULT,
                    List.of("b/vibration", "b/temperature")), r -> results.incrementAndGet());
            long start = System.nanoTime();
            samples.forEach(stage::accept);
            Await.until(Duration.ofSeconds(60), "stage results", () -> results.get() == windows);
            double seconds = (System.nanoTime() - start) / 1e9;
            InferenceStage.StageCounters counters = stage.counters();
            stage.close();
            best = Math.max(best, windows / seconds);
            if (round == 2) {
                lines.add(String.format("| stage: %d samples -> %d windows, 1 feeding thread, max batch 64, best of 3"
                        + " | %.0f windows/s (%.0f samples/s), %d model runs, avg batch %.1f | | |", samples.size(),
                        windows, best, best * 32, counters.batches(), (double) windows / counters.batches()));
            }
        }
    }

    /**
     * Installs + swaps under a paced single-window load. Each measured install is followed by an idle spell
     * three times its length; the middle third is its control interval, of the same length, with no install.
     * Calls overlapping an install are compared with calls in the control intervals of the same run, so that
     * what the machine does to every call (other processes, scheduling) cancels out and what remains is the
     * install's own effect. GC counts and times are taken at each interval's edges.
     */
    private void swapsUnderLoad(Models shipped) throws Exception {
        inference.install(shipped.model, shipped.manifest("bench-swap", "0")).get(30, TimeUnit.SECONDS);
        int rate = Integer.getInteger("bench.swap.rate", 10_000);
        int capacity = rate * 600;
        long[] scheduled = new long[capacity];
        long[] started = new long[capacity];
        long[] ended = new long[capacity];
        // Calls that were the first to run on a newly swapped-in version.
        boolean[] firstOnVersion = new boolean[capacity];
        AtomicLong count = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Signals signals = new Signals(4);
        List<Window> pool = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pool.add(signals.window(false));
        }
        final boolean[] running = {true};
        final String[] versionSeen = {""};
        Thread load = new Thread(() -> {
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            int i = 0;
            while (running[0] && i < capacity) {
                long wait = next - System.nanoTime();
                if (wait > 20_000) {
                    LockSupport.parkNanos(wait - 10_000);
                    continue;
                } else if (wait > 0) {
                    Thread.onSpinWait();
                    continue;
                }
                started[i] = System.nanoTime();
                try {
                    String version = inference.infer("bench-swap", pool.get(i % pool.size())).version();
                    firstOnVersion[i] = !version.equals(versionSeen[0]);
                    versionSeen[0] = version;
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                scheduled[i] = next;
                ended[i] = System.nanoTime();
                i++;
                count.set(i);
                next += period;
            }
        }, "bench-load");
        load.start();
        long loadStart = System.nanoTime();
        Await.until(Duration.ofSeconds(10), "load running", () -> count.get() > rate);
        for (int v = 1; v <= 10; v++) {
            inference.install(shipped.model, shipped.manifest("bench-swap", "w" + v)).get(30, TimeUnit.SECONDS);
        }
        int swapCount = 100;
        int blocks = Integer.getInteger("bench.swap.blocks", 2);
        double[] rss = new double[blocks + 1];
        double[] heap = new double[blocks + 1];
        double[] nmt = new double[blocks + 1];
        System.gc();
        rss[0] = Stats.rssMegabytes();
        heap[0] = Stats.committedHeapMegabytes();
        nmt[0] = Stats.nmtCommittedMegabytes();
        Stats.nmt("baseline");
        long installerBytes = Stats.allocatedBytes("continuum-inference-install");
        long installerCpu = Stats.cpuNanos("continuum-inference-install");
        long loadBytes = Stats.allocatedBytes("bench-load");
        long loadWindows = count.get();
        long[][] swaps = new long[blocks * swapCount][2];
        long[][] controls = new long[blocks * swapCount][2];
        long[][] gcSwaps = new long[blocks * swapCount][];
        long[][] gcControls = new long[blocks * swapCount][];
        for (int v = 1; v <= blocks * swapCount; v++) {
            long[] gcBefore = Stats.gc();
            long start = System.nanoTime();
            inference.install(shipped.model, shipped.manifest("bench-swap", "s" + v)).get(30, TimeUnit.SECONDS);
            long end = System.nanoTime();
            gcSwaps[v - 1] = Stats.minus(Stats.gc(), gcBefore);
            swaps[v - 1] = new long[] {start, end};
            long length = end - start;
            LockSupport.parkNanos(length);
            long controlStart = System.nanoTime();
            gcBefore = Stats.gc();
            LockSupport.parkNanos(length);
            controls[v - 1] = new long[] {controlStart, System.nanoTime()};
            gcControls[v - 1] = Stats.minus(Stats.gc(), gcBefore);
            LockSupport.parkNanos(length);
            if (v == swapCount) {
                installerBytes = Stats.allocatedBytes("continuum-inference-install") - installerBytes;
                installerCpu = Stats.cpuNanos("continuum-inference-install") - installerCpu;
                loadBytes = Stats.allocatedBytes("bench-load") - loadBytes;
                loadWindows = count.get() - loadWindows;
            }
            if (v % swapCount == 0) {
                System.gc();
                rss[v / swapCount] = Stats.rssMegabytes();
                heap[v / swapCount] = Stats.committedHeapMegabytes();
                nmt[v / swapCount] = Stats.nmtCommittedMegabytes();
            }
        }
        running[0] = false;
        load.join();
        int n = (int) count.get();
        double achieved = n / ((ended[n - 1] - loadStart) / 1e9);
        long scored = inference.status("bench-swap").orElseThrow().scored();
        Overlap during = Overlap.of(swaps, swapCount, started, ended, scheduled, n);
        Overlap control = Overlap.of(controls, swapCount, started, ended, scheduled, n);
        long[] firstCalls = new long[n];
        int firstCount = 0;
        for (int i = 0; i < n; i++) {
            if (firstOnVersion[i] && started[i] >= swaps[0][0] && started[i] <= swaps[swapCount - 1][1]) {
                firstCalls[firstCount++] = ended[i] - started[i];
            }
        }
        long[] installs = new long[swapCount];
        for (int v = 0; v < swapCount; v++) {
            installs[v] = swaps[v][1] - swaps[v][0];
        }
        long[] gcDuring = Stats.sum(gcSwaps, swapCount);
        long[] gcControl = Stats.sum(gcControls, swapCount);
        lines.add(String.format("| %d installs+swaps under paced single-window load (target %d/s, achieved %.0f/s),"
                + " %s; an install (check, load, validate, store, swap) took p50 %.1f ms, p99 %.1f ms | %s | %s |"
                + " %d windows sent, %d scored, %d failed |", swapCount, rate, achieved, Stats.heapSettings(),
                Stats.percentileMicros(installs, swapCount, 50) / 1000, Stats.percentileMicros(installs, swapCount, 99) / 1000, during.describe("calls overlapping an install", gcDuring),
                control.describe("calls in the control intervals (same length, no install)", gcControl), n, scored,
                failures.get()));
        lines.add(String.format("| the first call on each newly swapped-in version (%d) | p50 %.1f us, p99 %.1f us,"
                + " max %.2f ms | | |", firstCount, Stats.percentileMicros(firstCalls, firstCount, 50),
                Stats.percentileMicros(firstCalls, firstCount, 99), Stats.percentileMicros(firstCalls, firstCount, 100) / 1000));
        lines.add(String.format("| CPU and allocation during the %d installs | installer thread %.2f ms CPU and %.0f KB"
                + " per install | load thread %.0f bytes per window (%d windows) | |", swapCount,
                installerCpu / 1e6 / swapCount, installerBytes / 1024.0 / swapCount,
                (double) loadBytes / loadWindows, loadWindows));
        StringBuilder growth = new StringBuilder();
        for (int b = 1; b <= blocks; b++) {
            growth.append(String.format(" after %d: %.1f MB (%+.1f);", b * swapCount, rss[b], rss[b] - rss[b - 1]));
        }
        lines.add(String.format("| RSS around installs+swaps, %s, after System.gc() | after 10 warm-up swaps %.1f MB;%s"
                + " | committed heap %.0f -> %.0f MB; JVM native memory (NMT committed) %.1f -> %.1f MB |",
                Stats.heapSettings(), rss[0], growth, heap[0], heap[blocks], nmt[0], nmt[blocks]));
        // Native Memory Tracking's categories that changed over the measured swaps (JIT code, metaspace, ...).
        for (String line : Stats.nmt("summary.diff").split("\n")) {
            if (line.contains("Total:") || line.matches(".*committed=\\d+KB [+-]\\d+KB.*") && line.trim().startsWith("-")) {
                System.out.println("NMT " + line.trim().replaceAll("\\s+", " "));
            }
        }
    }

    /** The calls of the load that overlap a set of intervals, and the longest of them per interval. */
    private record Overlap(int intervals, long[] calls, int callCount, long[] longest, long[] worstDelay) {

        static Overlap of(long[][] intervals, int count, long[] started, long[] ended, long[] scheduled, int n) {
            long[] calls = new long[n];
            int callCount = 0;
            long[] longest = new long[count];
            long[] worstDelay = new long[count];
            int first = 0;
            for (int s = 0; s < count; s++) {
                while (first < n && ended[first] < intervals[s][0]) {
                    first++;
                }
                for (int i = first; i < n && started[i] <= intervals[s][1]; i++) {
                    long duration = ended[i] - started[i];
                    calls[callCount++] = duration;
                    longest[s] = Math.max(longest[s], duration);
                    worstDelay[s] = Math.max(worstDelay[s], ended[i] - scheduled[i]);
                }
            }
            return new Overlap(count, calls, callCount, longest, worstDelay);
        }

        String describe(String what, long[] gc) {
            return String.format("%s: %d calls, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.2f ms; longest call per"
                    + " interval p50 %.2f ms, p99 %.2f ms; worst delay against schedule per interval p50 %.2f ms,"
                    + " p99 %.2f ms; GC in these intervals: %d collections, %d ms", what, callCount,
                    Stats.percentileMicros(calls, callCount, 50), Stats.percentileMicros(calls, callCount, 99),
                    Stats.percentileMicros(calls, callCount, 99.9), Stats.percentileMicros(calls, callCount, 100) / 1000,
                    Stats.percentileMicros(longest, intervals, 50) / 1000,
                    Stats.percentileMicros(longest, intervals, 99) / 1000,
                    Stats.percentileMicros(worstDelay, intervals, 50) / 1000,
                    Stats.percentileMicros(worstDelay, intervals, 99) / 1000, gc[0], gc[1]);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Windows per second of {@code threads} threads each repeating {@code work} (one batch of {@link #BATCH}). */
    private static double rate(int threads, Duration duration, Work work) throws InterruptedException {
        AtomicLong batches = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        work.run();
                        batches.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        return batches.get() * BATCH / (duration.toNanos() / 1e9);
    }

    private static void bareRun(OrtEnvironment env, OrtSession session, float[] input, int rows) throws Exception {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {rows, 32});
                OrtSession.Result result = session.run(Map.of("window", tensor), Set.of("score"))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
        }
    }

    private static float[] normalise(Window window, ModelManifest manifest, int rows) {
        return normalise(List.of(window), manifest);
    }

    private static float[] normalise(List<Window> windows, ModelManifest manifest) {
        double[] mean = manifest.window().mean();
        double[] std = manifest.window().std();
        float[] out = new float[windows.size() * 32];
        for (int w = 0; w < windows.size(); w++) {
            float[] values = windows.get(w).values();
            for (int i = 0; i < 32; i++) {
                out[w * 32 + i] = (float) ((values[i] - mean[i % 2]) / std[i % 2]);
            }
        }
        return out;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-bench-inference-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
