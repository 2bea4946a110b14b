package dev.continuum.api.cloud;

import dev.continuum.api.data.TypedValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to publish: a topic relative to the gateway's namespace, a timestamp, named metrics and an
 * optional body. The endpoint encodes it for its wire format (KuraPayload for Kura endpoints) and adds
 * the message's {@link DedupId}.
 *
 * <p>The topic is {@code app-id/resource...} (for Kura endpoints it becomes
 * {@code account/client-id/app-id/resource...}); it must not be empty, start or end with {@code /}, or
 * contain the MQTT wildcards {@code +} and {@code #} or NUL. Endpoints check it, and the size limit, when
 * the message is published.
 *
 * <p>Immutable; build with {@link #builder(String)}.
 */
public final class CloudMessage {

    /**
     * QoS 0: at most once, not retried after a reconnect. QoS 1: at least once (the default). QoS 2: exactly
     * once per connection (PUBREC/PUBREL/PUBCOMP); a message whose handshake a lost connection interrupted is
     * sent again on the next one, so across connections it is at least once, with the same dedup id.
     */
    public static final int DEFAULT_QOS = 1;
    /** Priorities run from 0 (sent first) to {@link #LOWEST_PRIORITY}; Kura's data default is 5. */
    public static final int DEFAULT_PRIORITY = 5;
    public static final int LOWEST_PRIORITY = 9;

    private final String topic;
    private final long timestamp;
    private final Map<String, TypedValue> metrics;
    private final byte[] body;
    private final int qos;
    private final int priority;
    private final boolean retain;

    private CloudMessage(Builder builder) {
        this.topic = builder.topic;
        this.timestamp = builder.timestamp;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metrics));
        this.body = builder.body;
        this.qos = builder.qos;
        this.priority = builder.priority;
        this.retain = builder.retain;
    }

    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    public String topic() {
        return topic;
    }

    /** Milliseconds since the epoch; by default the time the builder was created. */
    public long timestamp() {
        return timestamp;
    }

    /** Metrics in insertion order. */
    public Map<String, TypedValue> metrics() {
        return metrics;
    }

    /** The body, or {@code null}; a copy. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    public int qos() {
        return qos;
    }

    public int priority() {
        return priority;
    }

    public boolean retain() {
        return retain;
    }

    @Override
    public String toString() {
        return "CloudMessage[" + topic + ", qos " + qos + ", priority " + priority + ", " + metrics.size()
                + " metrics" + (body == null ? "" : ", " + body.length + " body bytes") + "]";
    }

    /** Builds a {@link CloudMessage}; not thread-safe. */
    public static final class Builder {
        private final String topic;
        private long timestamp = System.currentTimeMillis();
        private final Map<String, TypedValue> metrics = new LinkedHashMap<>();
        private byte[] body;
        private int qos = DEFAULT_QOS;
        private int priority = DEFAULT_PRIORITY;
        private boolean retain;

        private Builder(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        public Builder timestamp(long epochMillis) {
            this.timestamp = epochMillis;
            return this;
        }

        public Builder metric(String name, TypedValue value) {
            metrics.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /** 0, 1 or 2; other values are refused when the message is published. */
        public Builder qos(int qos) {
            this.qos = qos;
            return this;
        }

        /** 0 (first) to {@link #LOWEST_PRIORITY}; other values are refused when the message is published. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        public CloudMessage build() {
            return new CloudMessage(this);
        }
    }
}
