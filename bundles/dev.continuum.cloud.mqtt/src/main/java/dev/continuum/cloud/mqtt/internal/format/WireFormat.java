package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.DataType;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import dev.continuum.outbox.OutboxRecord;
import java.util.List;
import java.util.Map;

/**
 * How one endpoint's messages look on the wire: the topic and payload of each data message, and the
 * lifecycle messages around a connection (birth, death/will, disconnect).
 *
 * <p><b>Threading.</b> {@link #encode} runs on publisher threads and must be thread-safe. {@link #births},
 * {@link #will} and {@link #onMessage} run on the connection's thread, {@link #wire} on the sender thread;
 * {@link #deviceAdded} on the thread that registered the asset; a format that numbers messages across them
 * (Sparkplug's seq) synchronises itself, and the endpoint makes and publishes each group of publishes while
 * holding the format's monitor, so that they reach the client in the order they were numbered.
 *
 * <p><b>Lifecycle.</b> Per connection: {@link #will} (when connecting), {@link #births} (published in order
 * before any data), then {@link #wire} for every record sent; {@link #disconnect} on a clean shutdown.
 */
public interface WireFormat {

    /** A message as it is stored in the outbox. */
    record Stored(String topic, byte[] payload) {
    }

    /** One MQTT publish. */
    record Publish(String topic, byte[] payload, int qos, boolean retain) {
    }

    /**
     * Checks a publisher's topic ({@code level/level...}, no wildcards, no leading {@code $}).
     *
     * @throws CloudException {@code INVALID_TOPIC} naming the rule broken
     */
    static void checkTopic(String topic) throws CloudException {
        String problem = KuraTopics.checkAppTopic(topic);
        if (problem != null) {
            throw new CloudException(CloudException.Reason.INVALID_TOPIC, problem);
        }
    }

    /**
     * Checks and encodes a published message.
     *
     * @throws CloudException naming the rule or limit broken ({@code INVALID_TOPIC}, {@code INVALID_MESSAGE})
     */
    Stored encode(CloudMessage message) throws CloudException;

    /** The last will for the next connection, or {@code null}. */
    Publish will();

    /** Published, in order, when a connection is established and before any data. */
    List<Publish> births();

    /** Subscribed to after the births (QoS 1); may be empty. */
    List<String> subscriptions();

    /**
     * The publishes that carry one stored record: the data message last, preceded by any lifecycle message it
     * needs first (Sparkplug's DBIRTH for a device not yet born in this connection).
     *
     * @param historical the record was accepted before this connection was established
     */
    List<Publish> wire(OutboxRecord record, boolean historical);

    /** A message arrived on a subscription; returns what to publish in answer (e.g. a rebirth), maybe none. */
    List<Publish> onMessage(String topic, byte[] payload);

    /**
     * A device (an asset) was added while the endpoint runs; returns what to publish at once if the connection
     * is established and its births were made (Sparkplug's DBIRTH), else nothing: the next births declare it.
     *
     * @param channels its enabled channels' names and value types, in channel order
     */
    default List<Publish> deviceAdded(String device, Map<String, DataType> channels) {
        return List.of();
    }

    /**
     * A device (an asset) went away while the endpoint runs; returns what to publish at once if it was born in
     * this connection (Sparkplug's DDEATH), else nothing.
     */
    default List<Publish> deviceRemoved(String device) {
        return List.of();
    }

    /** Published on a clean shutdown, or {@code null}. */
    Publish disconnect();
}
