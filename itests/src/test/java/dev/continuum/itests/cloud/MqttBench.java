package dev.continuum.itests.cloud;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.cloud.mqtt.internal.endpoint.EndpointConfig;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Cloud MQTT benchmark against a real Mosquitto on loopback, all in one run:
 * <ol>
 * <li>bare Paho 3.1.1 async client, QoS 1, {@code WINDOW} messages in flight, {@code N} 200-byte payloads:
 * acknowledged messages per second;</li>
 * <li>the same through an MQTT endpoint (real {@link MqttEndpoint} code: validation, KuraPayload encoding,
 * durable outbox with GROUP_COMMIT fsync, sender, dedup id): from the first publish to the last PUBACK,
 * with a 200-byte body (the KuraPayload on the wire is about 250 bytes);</li>
 * <li>recovery: {@code N} messages accepted while the broker is stopped, then the broker restarts; time
 * until the first PUBACK and until the outbox is empty (drain rate).</li>
 * </ol>
 * Rounds of 1 and 2 alternate (two by default); the ratio uses the best round of each. Each round also reports the
 * benchmark JVM's CPU time per message (all its threads, not the broker's), which a loaded machine
 * distorts less than throughput.
 *
 * <p>Usage: {@code MqttBench [N] [WINDOW] [3.1.1|5] [FORMATS]} (defaults 100000, 1000, 3.1.1, KURA); FORMATS is a
 * comma-separated list of endpoint formats ({@code KURA,JSON,SPARKPLUG_B}), each measured in every round.
 * System properties: {@code bench.rounds} (default 2), {@code bench.recovery=false} skips the recovery part,
 * {@code bench.brokerConfig} adds Mosquitto configuration lines (separated by {@code ;}, e.g.
 * {@code set_tcp_nodelay true}).
 */
public final class MqttBench {

    private MqttBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String version = args.length > 2 ? args[2] : "3.1.1";
        String[] formats = args.length > 3 ? args[3].split(",") : new String[] {"KURA"};
        System.out.printf("Cloud MQTT benchmark: %d messages, QoS 1, window %d, MQTT %s, Mosquitto on loopback,"
                + " %d CPUs%n", n, window, version, Runtime.getRuntime().availableProcessors());
        String brokerConfig = System.getProperty("bench.brokerConfig", "");
        try (MosquittoBroker broker = MosquittoBroker.start(brokerConfig.isBlank() ? List.of()
                : List.of(brokerConfig.split(";")))) {
            double bestRaw = 0;
            double[] bestEndpoint = new double[formats.length];
            int rounds = Integer.getInteger("bench.rounds", 2);
            for (int round = 1; round <= rounds; round++) {
                long cpu = cpuNanos();
                double raw = rawPaho(broker.uri(), n, window, round);
                double rawCpu = (cpuNanos() - cpu) / 1e3 / n;
                System.out.printf("round %d  bare Paho async      %,10.0f msg/s acknowledged, %6.1f us CPU/msg%n",
                        round, raw, rawCpu);
                bestRaw = Math.max(bestRaw, raw);
                for (int f = 0; f < formats.length; f++) {
                    cpu = cpuNanos();
                    double endpoint = throughEndpoint(broker, n, window, version, round, formats[f]);
                    double endpointCpu = (cpuNanos() - cpu) / 1e3 / n;
                    System.out.printf("round %d  endpoint + outbox    %,10.0f msg/s accepted->acknowledged"
                            + " (GROUP_COMMIT, %s), %6.1f us CPU/msg%n", round, endpoint, formats[f], endpointCpu);
                    bestEndpoint[f] = Math.max(bestEndpoint[f], endpoint);
                }
            }
            for (int f = 0; f < formats.length; f++) {
                System.out.printf("ratio endpoint (%s) / bare Paho (best rounds): %.2f%n", formats[f],
                        bestEndpoint[f] / bestRaw);
            }
            if (Boolean.parseBoolean(System.getProperty("bench.recovery", "true"))) {
                recovery(broker, n, window, version);
            }
        }
    }

    /**
     * Context switches of this JVM's live threads so far (Linux: the sum over {@code /proc/self/task/}; -1
     * elsewhere). Read while a round's threads are alive, so the difference counts that round's thread
     * switches: a number a loaded machine disturbs much less than throughput.
     */
    private static long contextSwitches() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return -1;
        }
        long sum = 0;
        for (java.io.File task : tasks) {
            try {
                for (String line : Files.readAllLines(task.toPath().resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                        sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended meanwhile
            }
        }
        return sum;
    }

    private static void printSwitches(String what, long before, int n) {
        long after = contextSwitches();
        if (before >= 0 && after >= 0) {
            System.out.printf("         (%s: %.2f context switches per message)%n", what, (after - before) / (double) n);
        }
    }

    /** CPU time of this JVM's child processes (the Mosquitto broker), as far as the OS tells it; 0 if not. */
    private static long brokerCpuNanos() {
        return ProcessHandle.current().children().mapToLong(child -> child.info().totalCpuDuration()
                .map(Duration::toNanos).orElse(0L)).sum();
    }

    /** CPU time of this JVM (all threads; the broker is another process). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double rawPaho(String uri, int n, int window, int round) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "bench-raw-" + round, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(window);
        options.setCleanSession(true);
        client.connect(options).waitForCompletion(10_000);
        byte[] payload = new byte[200];
        Semaphore inFlight = new Semaphore(window);
        AtomicLong acked = new AtomicLong();
        IMqttActionListener listener = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                inFlight.release();
            }
        };
        long switches = contextSwitches();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            client.publish("bench/raw", payload, 1, false, null, listener);
        }
        inFlight.acquire(window);
        double seconds = (System.nanoTime() - start) / 1e9;
        printSwitches("bare Paho", switches, n);
        client.disconnect().waitForCompletion(5000);
        client.close();
        if (acked.get() != n) {
            throw new IllegalStateException("bare Paho: " + acked.get() + " of " + n + " acknowledged");
        }
        return n / seconds;
    }

    private static double throughEndpoint(MosquittoBroker broker, int n, int window, String version, int round,
            String format) throws Exception {
        Path data = Files.createTempDirectory("mqtt-bench-");
        MqttEndpoint endpoint = endpoint(data, broker.uri(), "bench-" + round + "-" + format, window,
                version, Map.of("format", format));
        try {
            Await.until(Duration.ofSeconds(20), "connected", () -> endpoint.status().connects() > 0);
            CloudMessage message = CloudMessage.builder("bench/data").body(new byte[200]).build();
            long switches = contextSwitches();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                endpoint.publish(message);
            }
            double acceptedSeconds = (System.nanoTime() - start) / 1e9;
            Await.until(Duration.ofMinutes(5), "all acknowledged", () -> endpoint.status().acknowledged() >= n);
            double seconds = (System.nanoTime() - start) / 1e9;
            printSwitches("endpoint", switches, n);
            System.out.printf("         (publish calls returned at %,.0f msg/s)%n", n / acceptedSeconds);
            return n / seconds;
        } finally {
            close(endpoint);
        }
    }

    private static void recovery(MosquittoBroker broker, int n, int window, String version) throws Exception {
        Path data = Files.createTempDirectory("mqtt-bench-recovery-");
        MqttEndpoint endpoint = endpoint(data, broker.uri(), "bench-recovery", window, version);
        try {
            Await.until(Duration.ofSeconds(20), "connected", () -> endpoint.status().connects() > 0);
            broker.stop();
            CloudMessage message = CloudMessage.builder("bench/outage").body(new byte[200]).build();
            for (int i = 0; i < n - 1; i++) {
                endpoint.publish(message);
            }
            endpoint.publish(message).toCompletableFuture().get(60, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(10), "stored", () -> endpoint.status().outbox().messages() >= n);
            long restart = System.nanoTime();
            broker.restart();
            Await.until(Duration.ofSeconds(60), "reconnected", () -> endpoint.status().acknowledged() > 0);
            double reconnect = (System.nanoTime() - restart) / 1e6;
            long cpu = cpuNanos();
            long brokerCpu = brokerCpuNanos();
            long drainStart = System.nanoTime();
            long switches = contextSwitches();
            long acknowledgedBefore = endpoint.status().acknowledged();
            Await.until(Duration.ofMinutes(5), "drained", () -> endpoint.status().outbox().messages() == 0);
            double drained = (System.nanoTime() - restart) / 1e6;
            long drainedMessages = Math.max(1, endpoint.status().acknowledged() - acknowledgedBefore);
            double drainNanos = System.nanoTime() - drainStart;
            System.out.printf("         (drain: %.1f us CPU per message in this JVM; Mosquitto %.1f us per message,"
                    + " busy %.0f %% of one core)%n", (cpuNanos() - cpu) / 1e3 / drainedMessages,
                    (brokerCpuNanos() - brokerCpu) / 1e3 / drainedMessages,
                    100.0 * (brokerCpuNanos() - brokerCpu) / drainNanos);
            printSwitches("drain", switches, (int) drainedMessages);
            EndpointStatus status = endpoint.status();
            System.out.printf("recovery: %d messages stored during the outage; first PUBACK %.0f ms after the broker"
                    + " restart (reconnect backoff 100..400 ms), outbox empty after %.0f ms: drain %,.0f msg/s;"
                    + " lost %d%n", n, reconnect, drained, n / ((drained - reconnect) / 1000),
                    status.outbox().dropped() + status.outbox().expired());
        } finally {
            close(endpoint);
        }
    }

    static MqttEndpoint endpoint(Path data, String uri, String name, int window, String version)
            throws Exception {
        return endpoint(data, uri, name, window, version, Map.of());
    }

    /** A real endpoint outside OSGi (see {@link BenchContext}), {@code extra} overriding configuration values. */
    static MqttEndpoint endpoint(Path data, String uri, String name, int window, String version,
            Map<String, Object> extra) throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("name", name);
        values.put("brokerUris", new String[] {uri});
        values.put("clientId", name);
        values.put("protocolVersion", version);
        values.put("maxInflight", window);
        values.put("backoffInitialMillis", 200L);
        values.put("backoffMaxMillis", 400L);
        values.put("storeDirectory", data.toString());
        values.putAll(extra);
        EndpointConfig config = (EndpointConfig) Proxy.newProxyInstance(MqttBench.class.getClassLoader(),
                new Class<?>[] {EndpointConfig.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        return new MqttEndpoint(BenchContext.of(data, Map.of()), config);
    }

    static void close(MqttEndpoint endpoint) throws Exception {
        Method deactivate = MqttEndpoint.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(endpoint);
    }
}
