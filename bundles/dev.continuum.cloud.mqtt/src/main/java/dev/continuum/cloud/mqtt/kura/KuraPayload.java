package dev.continuum.cloud.mqtt.kura;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoded or to-be-encoded KuraPayload (position is not supported).
 *
 * @param timestamp milliseconds since the epoch, or {@code null}
 * @param metrics metric values in order; each a {@code Double, Float, Long, Integer, Boolean, String} or
 *     {@code byte[]} (the KuraMetric value types DOUBLE, FLOAT, INT64, INT32, BOOL, STRING, BYTES)
 * @param body the body, or {@code null}
 */
public record KuraPayload(Long timestamp, Map<String, Object> metrics, byte[] body) {

    public KuraPayload {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
