package dev.continuum.itests.benchmarks;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.builtin.AggregateFactory;
import dev.continuum.pipeline.internal.builtin.FilterFactory;
import dev.continuum.pipeline.internal.builtin.WindowFactory;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import dev.continuum.pipeline.internal.run.FactoryLookup;
import dev.continuum.pipeline.internal.run.PipelineRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Pipeline benchmark (issue 6), in-process, no network: source -> filter -> window -> aggregate -> sink
 * with the real runtime and built-in components.
 * <ol>
 *   <li>throughput: the source emits as fast as the BLOCK policy lets it for a fixed time;</li>
 *   <li>latency: the source is paced at 50k records/s; window size 1 and aggregate count 1 so every record
 *       reaches the sink; end-to-end latency from the record's creation to the sink, divided by the 4 hops;</li>
 *   <li>a 10x slower sink under BLOCK: records sent = records received, queues bounded.</li>
 * </ol>
 * Throughput and latency run with operator chaining off (a thread and a queue per component) and on
 * (the source's thread hands records to one thread that runs filter, window, aggregate and sink), taking
 * turns for ROUNDS rounds so that both see the same machine; the load average is printed with each.
 * Run: {@code itests/benchmarks/pipeline.sh [SECONDS] [ROUNDS]}.
 */
public final class PipelineBench {

    private static final String GRAPH = """
            {"chaining": %b, "components": [
              {"name": "source", "type": "bench-source"},
              {"name": "filter", "type": "filter", "config": {"expression": "value >= 0"}},
              {"name": "window", "type": "window", "config": {"size": %d}},
              {"name": "aggregate", "type": "aggregate", "config": {"count": %d}},
              {"name": "sink", "type": "bench-sink", "config": {"spin.ns": %d}, "queue": %d}],
             "wires": [{"emitter": "source", "receiver": "filter"}, {"emitter": "filter", "receiver": "window"},
                       {"emitter": "window", "receiver": "aggregate"}, {"emitter": "aggregate", "receiver": "sink"}]}""";

    private final AtomicReference<Emitter> source = new AtomicReference<>();
    private final AtomicLong sunk = new AtomicLong();
    private final long[] latencies = new long[2_000_000];
    private final AtomicLong latencyCount = new AtomicLong();

    private final FactoryLookup factories = new FactoryLookup() {
        private final Map<String, ComponentFactory> all = Map.of(
                "filter", new FilterFactory(), "window", new WindowFactory(), "aggregate", new AggregateFactory(),
                "bench-source", make(PortType.NONE, PortType.RECORDS, context -> {
                    source.set(context.output());
                    return (record, out) -> out.emit(record);
                }),
                "bench-sink", make(PortType.RECORDS, PortType.NONE, context -> {
                    long spin = (long) context.number("spin.ns", 0);
                    return (record, out) -> {
                        long now = System.nanoTime();
                        Instant created = record.time();
                        long index = latencyCount.getAndIncrement();
                        if (index < latencies.length) {
                            Instant wall = Instant.now();
                            latencies[(int) index] = (wall.getEpochSecond() - created.getEpochSecond()) * 1_000_000_000L
                                    + wall.getNano() - created.getNano();
                        }
                        while (spin > 0 && System.nanoTime() - now < spin) {
                            Thread.onSpinWait();
                        }
                        sunk.incrementAndGet();
                    };
                }));

        @Override
        public ComponentFactory factory(String type) {
            return all.get(type);
        }

        @Override
        public Collection<String> types() {
            return all.keySet();
        }
    };

    interface Creator {
        Component create(ComponentContext context) throws Exception;
    }

    private static ComponentFactory make(PortType in, PortType out, Creator creator) {
        return new ComponentFactory() {
            @Override
            public PortType input() {
                return in;
            }

            @Override
            public PortType output() {
                return out;
            }

            @Override
            public Component create(ComponentContext context) throws dev.continuum.api.pipeline.PipelineException {
                try {
                    return creator.create(context);
                } catch (Exception e) {
                    throw new dev.continuum.api.pipeline.PipelineException(e.getMessage(), e);
                }
            }
        };
    }

    private static Record record(long n) {
        return new Record(Instant.now(), Map.of("channel", TypedValue.ofString("ch" + (n & 7)),
                "value", TypedValue.ofDouble(n & 1023)));
    }

    private PipelineRunner start(boolean chaining, int window, int aggregate, long sinkSpinNanos, int sinkQueue)
            throws Exception {
        sunk.set(0);
        latencyCount.set(0);
        PipelineRunner runner = new PipelineRunner("bench", factories);
        runner.apply(GraphSpec.parse(GRAPH.formatted(chaining, window, aggregate, sinkSpinNanos, sinkQueue)));
        print("  threads", "%s (chaining %s), load average %s", runner.chains(), chaining ? "on" : "off", loadAverage());
        return runner;
    }

    /** CPU time of this process (every thread, the JIT and GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns the end-to-end rate in records/s. */
    private double throughput(boolean chaining, long seconds) throws Exception {
        PipelineRunner runner = start(chaining, 16, 16, 0, 1024);
        Emitter in = source.get();
        long sent = 0;
        long cpu = cpuNanos();
        long begin = System.nanoTime();
        long end = begin + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                in.emit(record(sent++));
            }
        }
        long sourceNanos = System.nanoTime() - begin;
        long expected = expectedAtSink(sent, 16, 16);
        waitFor(expected);
        long totalNanos = System.nanoTime() - begin;
        print("throughput", "records in %d, source rate %.0f records/s, end-to-end rate %.0f records/s (all %d aggregates"
                + " received: %s); process CPU %.0f ns per record", sent, sent / (sourceNanos / 1e9),
                sent / (totalNanos / 1e9), expected, sunk.get() == expected, (cpuNanos() - cpu) / (double) sent);
        status(runner);
        runner.close();
        return sent / (totalNanos / 1e9);
    }

    private static long expectedAtSink(long sent, int window, int aggregate) {
        long perChannel = sent / 8;
        long extra = sent % 8;
        long windows = 0;
        for (int channel = 0; channel < 8; channel++) {
            long records = perChannel + (channel < extra ? 1 : 0);
            windows += Math.max(0, records - window + 1) / aggregate;
        }
        return windows;
    }

    /** Runs the latency workload; returns end-to-end p50, p99 and max in microseconds. */
    double[] latency(int rate, long seconds) throws Exception {
        return latency(true, rate, seconds);
    }

    double[] latency(boolean chaining, int rate, long seconds) throws Exception {
        PipelineRunner runner = start(chaining, 1, 1, 0, 1024);
        Emitter in = source.get();
        long interval = 1_000_000_000L / rate;
        long cpu = cpuNanos();
        long begin = System.nanoTime();
        long total = rate * seconds;
        long next = System.nanoTime();
        for (long n = 0; n < total; n++) {
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(Math.max(1, (next - System.nanoTime()) / 2));
            }
            in.emit(record(n));
            next += interval;
        }
        waitFor(total);
        double cores = (cpuNanos() - cpu) / (double) (System.nanoTime() - begin);
        long count = Math.min(latencyCount.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, (int) count);
        long warmup = Math.min(count / 10, rate);
        sorted = Arrays.copyOfRange(sorted, (int) warmup, sorted.length);
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1000.0;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1000.0;
        double max = sorted[sorted.length - 1] / 1000.0;
        print("latency", "%d records/s for %d s (first %d ignored as warm-up): end-to-end p50 %.1f us, p99 %.1f us,"
                + " max %.1f us; per hop (4 hops) p50 %.1f us, p99 %.1f us; process CPU %.2f cores", rate, seconds, warmup,
                p50, p99, max, p50 / 4, p99 / 4, cores);
        status(runner);
        runner.close();
        return new double[] {p50, p99, max};
    }

    private void slowSink(boolean chaining, long records) throws Exception {
        PipelineRunner runner = start(chaining, 1, 1, 0, 64);
        Emitter in = source.get();
        long begin = System.nanoTime();
        for (long n = 0; n < 20_000; n++) {
            in.emit(record(n));
        }
        waitFor(20_000);
        double perRecordNanos = (System.nanoTime() - begin) / 20_000.0;
        runner.close();

        runner = start(chaining, 1, 1, (long) (perRecordNanos * 10), 64);
        in = source.get();
        Runtime rt = Runtime.getRuntime();
        long maxUsed = 0;
        for (long n = 0; n < records; n++) {
            in.emit(record(n));
            if ((n & 4095) == 0) {
                maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
            }
        }
        waitFor(records);
        long dropped = runner.status().stream().mapToLong(ComponentStatus::dropped).sum();
        int maxQueued = runner.status().stream().mapToInt(ComponentStatus::queued).max().orElse(0);
        print("slow sink", "sink 10x slower (%.0f ns/record spin); sent %d, received %d, dropped %d, lost %d;"
                + " heap used peak %d MB; queues hold at most their capacity (1024, sink 64), now %d",
                perRecordNanos * 10, records, sunk.get(), dropped, records - sunk.get(), maxUsed >> 20, maxQueued);
        runner.close();
    }

    private void waitFor(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sunk.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void status(PipelineRunner runner) {
        for (ComponentStatus status : runner.status()) {
            print("  " + status.name(), "received %d, emitted %d, queued %d, dropped %d, failed %d, processing p50 %.2f us,"
                    + " p99 %.2f us", status.received(), status.emitted(), status.queued(), status.dropped(),
                    status.failed(), status.p50Micros(), status.p99Micros());
        }
    }

    private static void print(String what, String format, Object... args) {
        System.out.println(what + ": " + String.format(format, args));
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PipelineBench bench = new PipelineBench();
        System.out.println("cores " + Runtime.getRuntime().availableProcessors() + ", " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", load average " + loadAverage());
        bench.throughput(false, 2);
        bench.throughput(true, 2);
        StringBuilder summary = new StringBuilder();
        for (int round = 1; round <= rounds; round++) {
            // Alternate which goes first, so that a drift in the machine's load favours neither.
            boolean first = round % 2 == 0;
            double[] rate = new double[2];
            double[][] latency = new double[2][];
            for (boolean chaining : new boolean[] {first, !first}) {
                rate[chaining ? 1 : 0] = bench.throughput(chaining, seconds);
            }
            for (boolean chaining : new boolean[] {first, !first}) {
                latency[chaining ? 1 : 0] = bench.latency(chaining, 50_000, seconds);
            }
            summary.append(String.format("round %d (load average %s): throughput off %.0f / on %.0f records/s (x%.2f);"
                    + " per hop p50 off %.1f / on %.1f us, p99 off %.1f / on %.1f us (p99 x%.2f)%n", round, loadAverage(),
                    rate[0], rate[1], rate[1] / rate[0], latency[0][0] / 4, latency[1][0] / 4, latency[0][1] / 4,
                    latency[1][1] / 4, latency[1][1] / latency[0][1]));
        }
        bench.slowSink(true, 200_000);
        bench.slowSink(false, 200_000);
        System.out.print("summary\n" + summary);
    }
}
