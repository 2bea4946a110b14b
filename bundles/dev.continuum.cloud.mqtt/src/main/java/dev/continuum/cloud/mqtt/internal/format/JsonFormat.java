package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON on templated topics: {@code {"timestamp":MILLIS,"metrics":{NAME:VALUE,...},"body":BASE64,
 * "dedupId":"gw/epoch/seq","historical":true}} ({@code body} only when there is one, {@code historical}
 * only when true). With a status topic, {@code {"online":true}} is published retained on connect and
 * {@code {"online":false}} retained on a clean disconnect and as the will.
 */
public final class JsonFormat implements WireFormat {

    private static final byte[] ONLINE = "{\"online\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFLINE = "{\"online\":false}".getBytes(StandardCharsets.UTF_8);

    private final TopicTemplate topics;
    private final String statusTopic;

    /** @param statusTopic the resolved status topic, or {@code null} for none */
    public JsonFormat(TopicTemplate topics, String statusTopic) {
        this.topics = topics;
        this.statusTopic = statusTopic;
    }

    @Override
    public Stored encode(CloudMessage message) throws CloudException {
        WireFormat.checkTopic(message.topic());
        StringBuilder json = new StringBuilder(64 + 24 * message.metrics().size());
        json.append("{\"timestamp\":").append(message.timestamp()).append(",\"metrics\":{");
        boolean first = true;
        for (Map.Entry<String, TypedValue> metric : message.metrics().entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            JsonText.value(JsonText.string(json, metric.getKey()).append(':'), metric.getValue());
        }
        json.append('}');
        byte[] body = message.body();
        if (body != null) {
            json.append(",\"body\":");
            JsonText.string(json, Base64.getEncoder().encodeToString(body));
        }
        // stored open: the sender closes it after adding the dedup id
        return new Stored(topics.resolve(message.topic()), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<Publish> wire(OutboxRecord record, boolean historical) {
        StringBuilder end = JsonText.string(new StringBuilder(",\"dedupId\":"), record.id().toString());
        byte[] tail = end.append(historical ? ",\"historical\":true}" : "}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] stored = record.payload();
        byte[] payload = Arrays.copyOf(stored, stored.length + tail.length);
        System.arraycopy(tail, 0, payload, stored.length, tail.length);
        return List.of(new Publish(record.topic(), payload, record.qos(), record.retain()));
    }

    @Override
    public Publish will() {
        return statusTopic == null ? null : new Publish(statusTopic, OFFLINE, 1, true);
    }

    @Override
    public List<Publish> births() {
        return statusTopic == null ? List.of() : List.of(new Publish(statusTopic, ONLINE, 1, true));
    }

    @Override
    public List<String> subscriptions() {
        return List.of();
    }

    @Override
    public List<Publish> onMessage(String topic, byte[] payload) {
        return List.of();
    }

    @Override
    public Publish disconnect() {
        return will();
    }
}
