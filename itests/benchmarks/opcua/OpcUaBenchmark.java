import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.itests.support.MiloTestServer;
import dev.continuum.opcua.internal.DriverConfig;
import dev.continuum.opcua.internal.OpcUaDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;

/**
 * OPC UA benchmarks of issue 3. The gateway side is the real OpcUaDriver (this JVM, outside OSGi: the
 * framework adds nothing on the data path); the server is the simulation server in another JVM
 * (MiloTestServer). Modes:
 *   rate SECONDS [TAGS] [UPDATE_MS]   TAGS tags changing every UPDATE_MS (default 200 @ 5 ms), sampled at
 *                                     UPDATE_MS (-Dbench.samplingMs), published every 10 ms (-Dbench.publishingMs),
 *                                     queue 200 (-Dbench.queue); the server samples at the end of each update
 *                                     (-Dbench.serverSampling=scan) or on Milo's timer (=timer): delivery %, latency percentiles
 *                                     (server source timestamp to reading), CPU of this JVM
 *   many [TAGS]                       TAGS tags (default 10000) subscribed: time to the first value of each
 *   outage SECONDS                    200 tags; the server is killed for SECONDS: heap after GC and live
 *                                     threads every 5 s, then the time from the server's return to data
 */
public final class OpcUaBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "rate";
        Path work = Files.createTempDirectory("opcua-bench-");
        switch (mode) {
            case "rate" -> rate(work, arg(args, 1, 30), arg(args, 2, 200), arg(args, 3, 5));
            case "many" -> many(work, arg(args, 1, 10_000));
            case "outage" -> outage(work, arg(args, 1, 60));
            default -> throw new IllegalArgumentException("mode " + mode + " is not rate, many or outage");
        }
        System.exit(0);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    static void rate(Path work, int seconds, int tags, int updateMs) throws Exception {
        try (MiloTestServer server = MiloTestServer.create(port(), work.resolve("server"), "--policies=None",
                "--machines=0", "--tags=" + tags, "--update-ms=" + updateMs,
                "--sampling=" + System.getProperty("bench.serverSampling", "scan")).start()) {
            int samplingMs = Integer.getInteger("bench.samplingMs", updateMs);
            OpcUaDriver driver = driver(work, server, samplingMs, Integer.getInteger("bench.queue", 200));
            Counter counter = new Counter(tags);
            DriverSubscription subscription = driver.subscribe(channels(tags, samplingMs), counter);
            await(() -> counter.received.get() > 0, 180);
            counter.reset();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long elapsed = System.nanoTime() - t0;
            long[] latencies = counter.latencies();
            long expected;
            long distinct;
            synchronized (counter) { // both from the same readings
                expected = counter.expected();
                distinct = counter.distinct();
            }
            System.out.printf("rate: %d tags @ %d ms for %d s (sampling %d ms, publishing %d ms, server sampling %s):"
                    + " %d changes made by the server (%d per tag per s),"
                    + " %d readings, %d distinct changes delivered (%.2f %%), latency ms p50 %.2f p99 %.2f max %.2f,"
                    + " %d readings repeating the previous value, gateway CPU %.1f %% of one core,"
                    + " %d threads, errors %s%n",
                    tags, updateMs, seconds, samplingMs, Integer.getInteger("bench.publishingMs", 10),
                    System.getProperty("bench.serverSampling", "scan"), expected, expected * 1_000_000_000L / elapsed / tags,
                    counter.received.get(), distinct,
                    100.0 * distinct / expected, pct(latencies, 50), pct(latencies, 99),
                    pct(latencies, 100), counter.repeats.get(), 100.0 * (cpu1 - cpu0) / elapsed, threads.getThreadCount(),
                    subscription.channelErrors().size());
            subscription.close();
        }
    }

    static void many(Path work, int tags) throws Exception {
        try (MiloTestServer server = MiloTestServer.create(port(), work.resolve("server"), "--policies=None",
                "--machines=0", "--tags=" + tags, "--update-ms=1000").start()) {
            OpcUaDriver driver = driver(work, server, 1000, 1);
            await(() -> driver.state() == DriverState.CONNECTED, 60);
            Counter counter = new Counter(tags);
            long t0 = System.nanoTime();
            DriverSubscription subscription = driver.subscribe(channels(tags, 1000), counter);
            await(() -> counter.tagsSeen() == tags, 120);
            System.out.printf("many: %d tags subscribed and a first value of each received in %d ms; errors %d%n",
                    tags, (System.nanoTime() - t0) / 1_000_000, subscription.channelErrors().size());
        }
    }

    static void outage(Path work, int seconds) throws Exception {
        try (MiloTestServer server = MiloTestServer.create(port(), work.resolve("server"), "--policies=None",
                "--machines=0", "--tags=200", "--update-ms=100").start()) {
            OpcUaDriver driver = driver(work, server, 100, 10);
            Counter counter = new Counter(200);
            driver.subscribe(channels(200, 100), counter);
            await(() -> counter.received.get() > 0, 180);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            System.gc();
            System.out.printf("outage: before: heap %d KB, threads %d%n",
                    memory.getHeapMemoryUsage().getUsed() / 1024, threads.getThreadCount());
            server.kill();
            long start = System.nanoTime();
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                Thread.sleep(5000);
                System.gc();
                System.out.printf("outage: down %3d s: state %s, heap %d KB, threads %d%n",
                        (System.nanoTime() - start) / 1_000_000_000L, driver.state(),
                        memory.getHeapMemoryUsage().getUsed() / 1024, threads.getThreadCount());
            }
            server.start();
            long back = System.nanoTime();
            counter.reset();
            await(() -> driver.state() == DriverState.CONNECTED, 180);
            long session = System.nanoTime() - back;
            await(() -> counter.received.get() > 0, 180);
            System.out.printf("outage: %d s down; session again %d ms and data again %d ms after the server was"
                    + " listening again%n", seconds, session / 1_000_000, (System.nanoTime() - back) / 1_000_000);
        }
    }

    /**
     * Counts readings per tag. The server's tags carry its update sequence number, so the changes the server
     * made in the window are max - min + 1 per tag, and the changes delivered are the distinct values seen.
     */
    static final class Counter implements ChannelListener {
        final AtomicLong received = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        private final long[] previous;
        private final long[] min;
        private final long[] max;
        private final java.util.BitSet[] values;
        private final long[] latencyMicros = new long[4_000_000];
        private int latencyCount;
        private final boolean[] seen;

        Counter(int tags) {
            min = new long[tags];
            previous = new long[tags];
            max = new long[tags];
            values = new java.util.BitSet[tags];
            seen = new boolean[tags];
            reset();
        }

        @Override
        public synchronized void onReadings(List<ChannelReading> readings) {
            long now = System.currentTimeMillis() * 1000;
            for (ChannelReading reading : readings) {
                received.incrementAndGet();
                int tag = Integer.parseInt(reading.channel().substring(1));
                seen[tag] = true;
                if (reading.value() == null) {
                    continue;
                }
                long value = (long) reading.value().asDouble();
                if (previous[tag] == value) {
                    repeats.incrementAndGet();
                }
                previous[tag] = value;
                if (min[tag] < 0) {
                    min[tag] = value;
                }
                if (value >= min[tag] && value - min[tag] < Integer.MAX_VALUE) {
                    values[tag].set((int) (value - min[tag]));
                    max[tag] = Math.max(max[tag], value);
                }
                if (latencyCount < latencyMicros.length) {
                    long source = reading.sourceTime().getEpochSecond() * 1_000_000 + reading.sourceTime().getNano() / 1000;
                    latencyMicros[latencyCount++] = now - source;
                }
            }
        }

        @Override
        public void onChannelError(String channel, String reason) {
            System.out.println("channel error " + channel + ": " + reason);
        }

        synchronized long expected() {
            long sum = 0;
            for (int i = 0; i < min.length; i++) {
                sum += min[i] < 0 ? 0 : max[i] - min[i] + 1;
            }
            return sum;
        }

        synchronized long distinct() {
            long sum = 0;
            for (java.util.BitSet set : values) {
                sum += set.cardinality();
            }
            return sum;
        }

        synchronized void reset() {
            for (int i = 0; i < min.length; i++) {
                min[i] = -1;
                max[i] = -1;
                values[i] = new java.util.BitSet();
            }
            received.set(0);
            repeats.set(0);
            latencyCount = 0;
        }

        synchronized int tagsSeen() {
            int n = 0;
            for (boolean s : seen) {
                n += s ? 1 : 0;
            }
            return n;
        }

        synchronized long[] latencies() {
            long[] copy = Arrays.copyOf(latencyMicros, latencyCount);
            Arrays.sort(copy);
            return copy;
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    static List<ChannelConfig> channels(int tags, int samplingMs) {
        List<ChannelConfig> channels = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            channels.add(new ChannelConfig("t" + i, ChannelMode.READ, DataType.DOUBLE, 1, 0, "", true, Map.of(
                    "node.id", String.format("nsu=urn:continuum:sim:line;s=Line/Tags/Tag%05d", i),
                    "sampling.interval", Integer.toString(samplingMs))));
        }
        return channels;
    }

    static OpcUaDriver driver(Path work, MiloTestServer server, int samplingMs, int queue) throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("driver_instance", "bench");
        values.put("endpointUrl", server.endpointUrl());
        values.put("securityPolicy", "None");
        values.put("allowNone", true);
        values.put("publishingInterval", (double) Integer.getInteger("bench.publishingMs", 10));
        values.put("samplingInterval", (double) samplingMs);
        values.put("queueSize", queue);
        values.put("itemsPerCall", Integer.getInteger("bench.itemsPerCall", 1000));
        DriverConfig config = (DriverConfig) Proxy.newProxyInstance(DriverConfig.class.getClassLoader(),
                new Class<?>[] {DriverConfig.class}, (proxy, method, a) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "getProperty" -> "continuum.data".equals(a[0]) ? work.resolve("data").toString() : null;
                    case "registerService" -> Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                            new Class<?>[] {org.osgi.framework.ServiceRegistration.class}, (p, m, x) -> null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new OpcUaDriver(config, context);
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    private static int port() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
