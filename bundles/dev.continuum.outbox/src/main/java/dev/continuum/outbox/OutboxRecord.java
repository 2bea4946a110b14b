package dev.continuum.outbox;

import dev.continuum.api.cloud.DedupId;

/**
 * A stored record as handed to the sender.
 *
 * @param id its identity (sequence = the store key)
 * @param acceptedAtMillis when it was appended, milliseconds since the epoch
 * @param topic the topic as appended
 * @param payload the payload as appended (not a copy: do not modify)
 * @param qos 0, 1 or 2
 * @param retain the MQTT retain flag
 * @param priority 0 (first) to 9
 */
public record OutboxRecord(DedupId id, long acceptedAtMillis, String topic, byte[] payload, int qos,
        boolean retain, int priority) {

}
