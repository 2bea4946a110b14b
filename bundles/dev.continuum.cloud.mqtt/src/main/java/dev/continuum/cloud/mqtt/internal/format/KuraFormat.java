package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import dev.continuum.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Kura/Kapua: data on {@code account/client-id/app-topic} as KuraPayload (gzip from a configured size, when
 * smaller) with the dedup
 * id (and the historical flag) as metrics; BIRTH on every connect, DC on a clean disconnect, LWT as the will;
 * requests on the control topics go to the control dispatcher.
 */
public final class KuraFormat implements WireFormat {

    public static final String DEDUP_METRIC = "continuum.dedup.id";
    public static final String HISTORICAL_METRIC = "continuum.historical";
    private static final byte[] HISTORICAL = KuraPayloadCodec.metricField(HISTORICAL_METRIC, Boolean.TRUE);
    /** KuraPayload field 5000 (metric), length-delimited: varint 40002. */
    private static final byte[] METRIC_TAG = {(byte) 0xC2, (byte) 0xB8, 0x02};
    /** KuraMetric: 1 name = DEDUP_METRIC, 2 type = 5 (STRING), then the tag of 8 string_value. */
    private static final byte[] DEDUP_HEAD;

    static {
        byte[] name = DEDUP_METRIC.getBytes(StandardCharsets.UTF_8);
        DEDUP_HEAD = new byte[name.length + 5];
        DEDUP_HEAD[0] = 0x0A;
        DEDUP_HEAD[1] = (byte) name.length;
        System.arraycopy(name, 0, DEDUP_HEAD, 2, name.length);
        DEDUP_HEAD[name.length + 2] = 0x10;
        DEDUP_HEAD[name.length + 3] = 0x05;
        DEDUP_HEAD[name.length + 4] = 0x42;
    }

    private final KuraTopics topics;
    /** Used by {@link #wire} only (the sender thread). */
    private final DedupText dedup = new DedupText();
    private final Supplier<byte[]> birth;
    private final BiConsumer<String, byte[]> control;
    private final int gzipMinBytes;

    /**
     * @param birth the BIRTH payload, made at every connect
     * @param control receives messages on the control topics
     * @param gzipMinBytes data payloads of at least this many bytes are gzipped when that makes them smaller;
     *     0 = never
     */
    public KuraFormat(KuraTopics topics, Supplier<byte[]> birth, BiConsumer<String, byte[]> control,
            int gzipMinBytes) {
        this.topics = topics;
        this.birth = birth;
        this.control = control;
        this.gzipMinBytes = gzipMinBytes;
    }

    @Override
    public Stored encode(CloudMessage message) throws CloudException {
        WireFormat.checkTopic(message.topic());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, TypedValue> metric : message.metrics().entrySet()) {
            metrics.put(metric.getKey(), metric.getValue().value());
        }
        return new Stored(topics.data(message.topic()),
                KuraPayloadCodec.encode(new KuraPayload(message.timestamp(), metrics, message.body())));
    }

    @Override
    public Publish will() {
        return new Publish(topics.will(), timestampOnly(), 0, false);
    }

    @Override
    public List<Publish> births() {
        return List.of(new Publish(topics.birth(), birth.get(), 1, false));
    }

    @Override
    public List<String> subscriptions() {
        return List.of(topics.controlSubscription());
    }

    @Override
    public List<Publish> wire(OutboxRecord record, boolean historical) {
        return List.of(new Publish(record.topic(), wirePayload(record, historical, dedup, gzipMinBytes), record.qos(),
                record.retain()));
    }

    static byte[] wirePayload(OutboxRecord record, boolean historical, int gzipMinBytes) {
        return wirePayload(record, historical, new DedupText(), gzipMinBytes);
    }

    /**
     * The stored KuraPayload plus its dedup id (and the historical flag), gzipped from {@code gzipMinBytes} when
     * that is smaller. The dedup metric is written straight behind the stored bytes (protobuf merges repeated
     * fields): one array per message, the one published unless it is gzipped.
     */
    private static byte[] wirePayload(OutboxRecord record, boolean historical, DedupText dedup, int gzipMinBytes) {
        byte[] payload = record.payload();
        int length = dedup.prepare(record.id());
        int metric = DEDUP_HEAD.length + varintSize(length) + length;
        int field = METRIC_TAG.length + varintSize(metric) + metric;
        byte[] wire = Arrays.copyOf(payload, payload.length + field + (historical ? HISTORICAL.length : 0));
        int at = put(wire, payload.length, METRIC_TAG);
        at = varint(wire, at, metric);
        at = put(wire, at, DEDUP_HEAD);
        at = varint(wire, at, length);
        at = dedup.write(wire, at);
        if (historical) {
            put(wire, at, HISTORICAL);
        }
        return KuraPayloadCodec.gzipIfSmaller(wire, gzipMinBytes);
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int varint(byte[] out, int at, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static int varintSize(int value) {
        return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
    }

    @Override
    public List<Publish> onMessage(String topic, byte[] payload) {
        control.accept(topic, payload);
        return List.of();
    }

    @Override
    public Publish disconnect() {
        return new Publish(topics.disconnect(), timestampOnly(), 1, false);
    }

    private static byte[] timestampOnly() {
        return KuraPayloadCodec.encode(new KuraPayload(System.currentTimeMillis(), Map.of(), null));
    }
}
