package dev.continuum.itests.cloud;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The issue's outage figure: a broker stopped for {@code OUTAGE} seconds while an endpoint publishes at
 * {@code RATE} messages per second. One publisher thread, paced, cycles through three priorities (1, 5, 9)
 * with a sequence number per priority in each 200-byte body; the real {@link MqttEndpoint} (KURA format,
 * QoS 1, GROUP_COMMIT outbox) accepts them into its outbox while the broker is down. A subscriber with a
 * persistent session (QoS 1, same client id, Mosquitto's persistence) receives everything. Checked: every
 * accepted message arrived (lost), duplicates (at-least-once), order within each priority, and how long
 * after the broker's return the last message arrived.
 *
 * <p>Usage: {@code MqttOutageBench [RATE] [OUTAGE_SECONDS] [BEFORE_AFTER_SECONDS]} (defaults 5000, 60, 10).
 */
public final class MqttOutageBench {

    private static final int[] PRIORITIES = {1, 5, 9};

    private MqttOutageBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int outage = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int margin = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("MQTT outage benchmark: %d msg/s, broker stopped %d s after %d s, then %d s more;"
                + " load average %s%n", rate, outage, margin, margin, loadAverage());
        try (MosquittoBroker broker = MosquittoBroker.start(); Receiver receiver = new Receiver(broker.uri())) {
            Path data = Files.createTempDirectory("mqtt-outage-bench-");
            MqttEndpoint endpoint = MqttBench.endpoint(data, broker.uri(), "outage-bench", 1000, "3.1.1");
            try {
                Await.until(Duration.ofSeconds(20), "connected", () -> endpoint.status().connects() > 0);
                long[] next = new long[PRIORITIES.length];
                // Only this thread touches it; the oldest confirmations are awaited once 10,000 are open.
                java.util.ArrayDeque<CompletableFuture<Void>> pending = new java.util.ArrayDeque<>();
                AtomicLong refused = new AtomicLong();
                long total = (long) rate * (outage + 2L * margin);
                long period = 1_000_000_000L / rate;
                long start = System.nanoTime();
                long stopAt = start + TimeUnit.SECONDS.toNanos(margin);
                long restartAt = stopAt + TimeUnit.SECONDS.toNanos(outage);
                boolean stopped = false;
                boolean restarted = false;
                long restartedNanos = 0;
                long behind = 0;
                for (long i = 0; i < total; i++) {
                    long due = start + i * period;
                    long now = System.nanoTime();
                    if (!stopped && now >= stopAt) {
                        broker.stop();
                        stopped = true;
                        System.out.printf("broker stopped at %.1f s (%d published)%n", (now - start) / 1e9, i);
                    } else if (stopped && !restarted && now >= restartAt) {
                        broker.restart();
                        restarted = true;
                        restartedNanos = System.nanoTime();
                        System.out.printf("broker restarted at %.1f s (%d published, outbox %d)%n",
                                (restartedNanos - start) / 1e9, i, endpoint.status().outbox().messages());
                    }
                    if (due > now) {
                        LockSupport.parkNanos(due - now);
                    } else {
                        behind = Math.max(behind, now - due);
                    }
                    int p = (int) (i % PRIORITIES.length);
                    CloudMessage message = CloudMessage.builder("bench/outage").priority(PRIORITIES[p])
                            .body(body(PRIORITIES[p], next[p]++)).build();
                    pending.add(endpoint.publish(message).toCompletableFuture().thenAccept(ignored -> { })
                            .exceptionally(e -> {
                                refused.incrementAndGet();
                                return null;
                            }));
                    if (pending.size() > 10_000) {
                        pending.poll().join();
                    }
                }
                pending.forEach(CompletableFuture::join);
                double publishedIn = (System.nanoTime() - start) / 1e9;
                System.out.printf("published %,d messages in %.1f s (publisher at most %.1f ms behind schedule),"
                        + " %d refused by the endpoint%n", total, publishedIn, behind / 1e6, refused.get());
                long accepted = total - refused.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (receiver.unique() < accepted && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                double lastAfterReturn = (receiver.lastArrivalNanos() - restartedNanos) / 1e9;
                System.out.printf("received %,d distinct of %,d accepted (%,d duplicates), lost %d, out of order"
                        + " within a priority %d; last message %.1f s after the broker's return (target <= 30 s);"
                        + " outbox empty: %s; load average %s%n", receiver.unique(), accepted,
                        receiver.duplicates(), receiver.lost(next), receiver.reordered(), lastAfterReturn,
                        endpoint.status().outbox().messages() == 0, loadAverage());
            } finally {
                MqttBench.close(endpoint);
            }
        }
    }

    private static byte[] body(int priority, long sequence) {
        byte[] body = new byte[200];
        Arrays.fill(body, (byte) ' ');
        byte[] head = ("p" + priority + " " + sequence).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        return body;
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** A persistent-session QoS 1 subscriber that keeps, per priority, which sequence numbers arrived and in what order. */
    private static final class Receiver implements MqttCallback, AutoCloseable {
        private final MqttClient client;
        private final java.util.BitSet[] seen = new java.util.BitSet[PRIORITIES.length];
        private final long[] highest = {-1, -1, -1};
        private long unique;
        private long duplicates;
        private long reordered;
        private volatile long lastArrival;

        Receiver(String uri) throws Exception {
            for (int i = 0; i < seen.length; i++) {
                seen[i] = new java.util.BitSet();
            }
            client = new MqttClient(uri, "outage-bench-receiver", new MemoryPersistence());
            client.setCallback(this);
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(500);
            options.setMaxInflight(1000);
            client.connect(options);
            client.subscribe("#", 1);
        }

        @Override
        public synchronized void messageArrived(String topic, MqttMessage message) {
            if (!topic.endsWith("bench/outage")) {
                return;
            }
            String head = new String(KuraPayloadCodec.decode(message.getPayload()).body(), 0, 12,
                    StandardCharsets.US_ASCII).trim();
            String[] parts = head.split(" ");
            int p = List.of(1, 5, 9).indexOf(Integer.parseInt(parts[0].substring(1)));
            int sequence = Integer.parseInt(parts[1]);
            if (seen[p].get(sequence)) {
                duplicates++;
                return;
            }
            seen[p].set(sequence);
            unique++;
            if (sequence < highest[p]) {
                reordered++;
            }
            highest[p] = Math.max(highest[p], sequence);
            lastArrival = System.nanoTime();
        }

        synchronized long unique() {
            return unique;
        }

        synchronized long duplicates() {
            return duplicates;
        }

        synchronized long reordered() {
            return reordered;
        }

        long lastArrivalNanos() {
            return lastArrival;
        }

        synchronized long lost(long[] sent) {
            long lost = 0;
            for (int p = 0; p < sent.length; p++) {
                lost += sent[p] - seen[p].cardinality();
            }
            return lost;
        }

        @Override
        public void connectionLost(Throwable cause) {
            // automatic reconnect; the persistent session keeps what arrives meanwhile
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // a subscriber only
        }

        @Override
        public void close() throws Exception {
            client.disconnectForcibly(1000);
            client.close();
        }
    }
}
