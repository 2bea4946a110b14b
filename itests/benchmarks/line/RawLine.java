package dev.continuum.itests.line;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The raw baseline of the standard line: the same libraries without the gateway (no OSGi, no asset
 * runtime, no pipeline threads, no durable outbox). A Milo client subscribes the simulator's tags; on
 * Milo's delivery thread every tag's value makes a step of its sliding window (16 steps, stride 1, the
 * model's two channels = the tag and its neighbour, held), the windows of one notification run as one
 * ONNX Runtime batch, and every score is published at QoS 1 with Paho (async, 1000 in flight) as a
 * KuraPayload carrying the window's last source timestamp and a dedup id {@code GATEWAY_ID/1/SEQ}. The
 * subscription publishes every 10 ms, as the gateway's driver is configured in the benchmark.
 *
 * <p>usage: {@code RawLine ENDPOINT_URL TAGS SAMPLING_MS BROKER_URI TOPIC MODEL_DIR GATEWAY_ID}; runs until killed.
 */
public final class RawLine {

    private static final int LENGTH = 16;
    private final int tags;
    private final float[][] ring;
    private final long[] steps;
    private final double[] latest;
    private final float[] mean;
    private final float[] std;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final MqttAsyncClient mqtt;
    private final String topic;
    private final Semaphore inFlight = new Semaphore(1000);
    private final String dedupPrefix;
    private long sequence;

    private RawLine(int tags, Path modelDir, MqttAsyncClient mqtt, String topic, String gatewayId) throws Exception {
        this.dedupPrefix = gatewayId + "/1/";
        this.tags = tags;
        this.ring = new float[tags][LENGTH * 2];
        this.steps = new long[tags];
        this.latest = new double[tags];
        String manifest = Files.readString(modelDir.resolve("manifest.json"));
        this.mean = floats(manifest, "mean");
        this.std = floats(manifest, "std");
        this.session = env.createSession(Files.readAllBytes(modelDir.resolve("model.onnx")), new OrtSession.SessionOptions());
        this.mqtt = mqtt;
        this.topic = topic;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException(
                    "usage: RawLine ENDPOINT_URL TAGS SAMPLING_MS BROKER_URI TOPIC MODEL_DIR GATEWAY_ID");
        }
        int tags = Integer.parseInt(args[1]);
        double sampling = Double.parseDouble(args[2]);
        MqttAsyncClient mqtt = new MqttAsyncClient(args[3], args[6], new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        options.setAutomaticReconnect(true);
        mqtt.connect(options).waitForCompletion(10_000);
        RawLine line = new RawLine(tags, Path.of(args[5]), mqtt, args[4], args[6]);

        OpcUaClient client = OpcUaClient.create(args[0],
                endpoints -> endpoints.stream()
                        .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri())).findFirst(),
                transport -> { },
                config -> { });
        client.connect();
        org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort ns =
                client.getNamespaceTable().getIndex("urn:continuum:sim:line");
        OpcUaSubscription subscription = new OpcUaSubscription(client, 10.0);
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
                line.onValues(items, values);
            }
        });
        subscription.create();
        List<OpcUaMonitoredItem> items = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            OpcUaMonitoredItem item = new OpcUaMonitoredItem(new ReadValueId(
                    new NodeId(ns, String.format("Line/Tags/Tag%05d", i)), AttributeId.Value.uid(), null, null));
            item.setSamplingInterval(sampling);
            item.setQueueSize(UInteger.valueOf(10));
            item.setUserObject(i);
            items.add(item);
        }
        subscription.addMonitoredItems(items);
        subscription.createMonitoredItems();
        System.out.println("RAW READY " + tags + " tags");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** On Milo's delivery thread: steps, one ORT batch, one publish per window. */
    void onValues(List<OpcUaMonitoredItem> items, List<DataValue> values) {
        List<float[]> windows = new ArrayList<>(items.size());
        List<Long> times = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int tag = (Integer) items.get(i).getUserObject().orElseThrow();
            DataValue value = values.get(i);
            Object v = value.value().value();
            if (!(v instanceof Number number)) {
                continue;
            }
            latest[tag] = number.doubleValue();
            long step = steps[tag]++;
            float[] r = ring[tag];
            int slot = (int) (step % LENGTH) * 2;
            r[slot] = (float) ((latest[tag] - mean[0]) / std[0]);
            r[slot + 1] = (float) ((latest[(tag + 1) % tags] - mean[1]) / std[1]);
            if (step + 1 >= LENGTH) {
                float[] window = new float[LENGTH * 2];
                for (int t = 0; t < LENGTH; t++) {
                    int from = (int) ((step + 1 + t) % LENGTH) * 2;
                    window[t * 2] = r[from];
                    window[t * 2 + 1] = r[from + 1];
                }
                windows.add(window);
                times.add(value.sourceTime() == null ? System.currentTimeMillis() : value.sourceTime().getJavaTime());
            }
        }
        if (windows.isEmpty()) {
            return;
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, windows.toArray(new float[0][]));
                OrtSession.Result result = session.run(Map.of("window", input))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            for (int w = 0; w < scores.length; w++) {
                publish(scores[w][0], times.get(w));
            }
        } catch (Exception e) {
            System.err.println("raw line: scoring or publishing failed: " + e);
        }
    }

    private void publish(float score, long sourceTime) throws Exception {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("score", (double) score);
        metrics.put("continuum.dedup.id", dedupPrefix + (sequence++));
        MqttMessage message = new MqttMessage(KuraPayloadCodec.encode(new KuraPayload(sourceTime, metrics, null)));
        message.setQos(1);
        inFlight.acquire();
        mqtt.publish(topic, message, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                inFlight.release();
                System.err.println("raw line: publish failed: " + error);
            }
        });
    }

    private static float[] floats(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)]").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("manifest has no '" + key + "' array");
        }
        String[] parts = m.group(1).split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i].trim());
        }
        return out;
    }
}
