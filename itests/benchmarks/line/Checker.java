package dev.continuum.itests.line;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The standard line's checker, a process of its own: a persistent-session QoS 1 subscriber on one or more
 * brokers that decodes every KuraPayload and keeps, per dedup identity {@code gateway/epoch/sequence}:
 * <ul>
 *   <li>duplicated: the same full dedup id received again;</li>
 *   <li>reordered: first arrival of a sequence lower than the highest already seen in its epoch;</li>
 *   <li>lost: sequences missing from the union of all epochs of a gateway id between its lowest and
 *       highest sequence (an outbox restarts its sequence after the last one it committed, so a gap is a
 *       committed message that never arrived);</li>
 *   <li>latency: receipt time minus the payload's timestamp (the window's last source timestamp), for
 *       messages with a {@code score} metric (model results; not the GPIO flow aggregates).</li>
 * </ul>
 * Commands on stdin, one JSON line answered on stdout each: {@code count}, {@code phase NAME} (starts a
 * new latency/throughput phase), {@code report}, {@code quit}.
 *
 * <p>usage: {@code Checker CLIENT_ID TOPIC_FILTER BROKER_URI...}
 */
public final class Checker {

    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    private long received;
    private long undecodable;
    private String phase = "start";
    private long phaseStartMillis = System.currentTimeMillis();
    private long phaseReceived;
    private long[] latencies = new long[1 << 16];
    private long[] receipts = new long[1 << 16];
    private int latencyCount;
    /** LINE_LATENCY_TRACE: a directory the report writes each phase's receipt times and latencies to, for probes. */
    private final String traceDirectory = System.getenv("LINE_LATENCY_TRACE");

    /** What arrived from one gateway id. */
    private static final class Gateway {
        final Map<Long, BitSet> seenPerEpoch = new LinkedHashMap<>();
        final Map<Long, Long> highestPerEpoch = new LinkedHashMap<>();
        final BitSet union = new BitSet();
        long duplicated;
        long reordered;
        long unique;
        long scored;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Checker CLIENT_ID TOPIC_FILTER BROKER_URI...");
        }
        Checker checker = new Checker();
        List<MqttClient> clients = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            clients.add(checker.subscribe(args[i], args[0] + "-" + (i - 2), args[1]));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            synchronized (checker) {
                if (line.equals("count")) {
                    answer = "{\"received\":" + checker.received + "}";
                } else if (line.startsWith("phase ")) {
                    checker.startPhase(line.substring(6).trim());
                    answer = "{\"phase\":\"" + checker.phase + "\"}";
                } else if (line.equals("report")) {
                    answer = checker.report();
                } else if (line.equals("quit")) {
                    break;
                } else {
                    answer = "{\"error\":\"unknown command '" + line + "'; accepted: count, phase NAME, report, quit\"}";
                }
            }
            System.out.println(answer);
            System.out.flush();
        }
        for (MqttClient client : clients) {
            try {
                client.disconnect(1000);
                client.close(true);
            } catch (Exception e) {
                // the broker may be down
            }
        }
        System.exit(0);
    }

    private MqttClient subscribe(String uri, String clientId, String filter) throws Exception {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // the persistent session keeps the subscription
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(message.getPayload(), System.currentTimeMillis());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribe only
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        options.setMaxInflight(1000);
        client.connect(options);
        client.subscribe(filter, 1);
        return client;
    }

    private synchronized void arrived(byte[] bytes, long now) {
        received++;
        KuraPayload payload;
        String id;
        try {
            payload = KuraPayloadCodec.decode(bytes);
            id = (String) payload.metrics().get("continuum.dedup.id");
        } catch (RuntimeException e) {
            undecodable++;
            return;
        }
        if (id == null) {
            undecodable++;
            return;
        }
        int s2 = id.lastIndexOf('/');
        int s1 = id.lastIndexOf('/', s2 - 1);
        long epoch = Long.parseLong(id.substring(s1 + 1, s2));
        int sequence = (int) Long.parseLong(id.substring(s2 + 1));
        Gateway gateway = gateways.computeIfAbsent(id.substring(0, s1), g -> new Gateway());
        BitSet seen = gateway.seenPerEpoch.computeIfAbsent(epoch, e -> new BitSet());
        if (seen.get(sequence)) {
            gateway.duplicated++;
        } else {
            seen.set(sequence);
            gateway.unique++;
            if (payload.metrics().containsKey("score")) {
                gateway.scored++;
            }
            long highest = gateway.highestPerEpoch.getOrDefault(epoch, -1L);
            if (sequence < highest) {
                gateway.reordered++;
            }
            gateway.highestPerEpoch.put(epoch, Math.max(highest, sequence));
            gateway.union.set(sequence);
        }
        phaseReceived++;
        if (payload.timestamp() != null && payload.metrics().containsKey("score")) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
                receipts = Arrays.copyOf(receipts, receipts.length * 2);
            }
            receipts[latencyCount] = now;
            latencies[latencyCount++] = now - payload.timestamp();
        }
    }

    /** One line per scored message of the phase: receipt time (epoch ms) and latency (ms), in arrival order. */
    private void trace() {
        StringBuilder lines = new StringBuilder(latencyCount * 18);
        for (int i = 0; i < latencyCount; i++) {
            lines.append(receipts[i]).append('\t').append(latencies[i]).append('\n');
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(traceDirectory, phase.replaceAll("[^A-Za-z0-9_.-]", "_")
                    + ".tsv"), lines);
        } catch (java.io.IOException e) {
            System.err.println("checker: cannot write the latency trace: " + e);
        }
    }

    private void startPhase(String name) {
        phase = name;
        phaseStartMillis = System.currentTimeMillis();
        phaseReceived = 0;
        latencyCount = 0;
    }

    private String report() {
        long elapsed = Math.max(1, System.currentTimeMillis() - phaseStartMillis);
        if (traceDirectory != null) {
            trace();
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        StringBuilder json = new StringBuilder("{\"phase\":\"").append(phase).append("\",\"received\":").append(received)
                .append(",\"undecodable\":").append(undecodable)
                .append(",\"phaseReceived\":").append(phaseReceived)
                .append(",\"phaseSeconds\":").append(String.format("%.1f", elapsed / 1000.0))
                .append(",\"throughputPerSecond\":").append(String.format("%.1f", phaseReceived * 1000.0 / elapsed))
                .append(",\"latencyMs\":{\"p50\":").append(percentile(sorted, 50))
                .append(",\"p99\":").append(percentile(sorted, 99))
                .append(",\"max\":").append(percentile(sorted, 100)).append("},\"gateways\":{");
        String separator = "";
        for (Map.Entry<String, Gateway> entry : gateways.entrySet()) {
            Gateway g = entry.getValue();
            int low = g.union.nextSetBit(0);
            int high = g.union.length() - 1;
            long lost = low < 0 ? 0 : (high - low + 1) - g.union.cardinality();
            json.append(separator).append('"').append(entry.getKey()).append("\":{\"unique\":").append(g.unique)
                    .append(",\"scored\":").append(g.scored)
                    .append(",\"lost\":").append(lost).append(",\"duplicated\":").append(g.duplicated)
                    .append(",\"reordered\":").append(g.reordered).append(",\"epochs\":").append(g.seenPerEpoch.size())
                    .append(",\"lowest\":").append(low).append(",\"highest\":").append(high).append('}');
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
