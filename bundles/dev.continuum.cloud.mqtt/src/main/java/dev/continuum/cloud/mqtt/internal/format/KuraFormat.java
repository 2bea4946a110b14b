package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import dev.continuum.outbox.OutboxRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Kura/Kapua: data on {@code account/client-id/app-topic} as KuraPayload (gzip when smaller) with the dedup
 * id (and the historical flag) as metrics; BIRTH on every connect, DC on a clean disconnect, LWT as the will;
 * requests on the control topics go to the control dispatcher.
 */
public final class KuraFormat implements WireFormat {

    public static final String DEDUP_METRIC = "continuum.dedup.id";
    public static final String HISTORICAL_METRIC = "continuum.historical";
    private static final byte[] HISTORICAL = KuraPayloadCodec.metricField(HISTORICAL_METRIC, Boolean.TRUE);

    private final KuraTopics topics;
    private final Supplier<byte[]> birth;
    private final BiConsumer<String, byte[]> control;

    /**
     * @param birth the BIRTH payload, made at every connect
     * @param control receives messages on the control topics
     */
    public KuraFormat(KuraTopics topics, Supplier<byte[]> birth, BiConsumer<String, byte[]> control) {
        this.topics = topics;
        this.birth = birth;
        this.control = control;
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
        return List.of(new Publish(record.topic(), wirePayload(record, historical), record.qos(), record.retain()));
    }

    /** The stored KuraPayload plus its dedup id (and the historical flag), gzipped when that is smaller. */
    static byte[] wirePayload(OutboxRecord record, boolean historical) {
        byte[] payload = record.payload();
        byte[] dedup = KuraPayloadCodec.metricField(DEDUP_METRIC, record.id().toString());
        byte[] wire = Arrays.copyOf(payload, payload.length + dedup.length + (historical ? HISTORICAL.length : 0));
        System.arraycopy(dedup, 0, wire, payload.length, dedup.length);
        if (historical) {
            System.arraycopy(HISTORICAL, 0, wire, payload.length + dedup.length, HISTORICAL.length);
        }
        return KuraPayloadCodec.gzipIfSmaller(wire);
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
