package dev.continuum.opcua.internal;

import dev.continuum.api.driver.ChannelConfig;
import java.util.Locale;
import org.eclipse.milo.opcua.stack.core.AttributeId;

/**
 * The OPC UA view of a channel: its node and monitoring parameters, parsed from the channel's
 * driver-specific properties ({@link #NODE_ID} and the optional others, see constants).
 *
 * @param channel the channel
 * @param node the node id
 * @param attribute the attribute to read and monitor (default Value)
 * @param samplingInterval ms, explicit (0 would be revised by servers to their default)
 * @param queueSize the monitored item's queue size
 * @param discardOldest discard policy when the queue overflows
 * @param deadbandType 0 none, 1 absolute, 2 percent (Part 4, 7.17.2)
 * @param deadband the deadband value
 * @param publishingInterval ms, the subscription this channel goes into
 */
record OpcUaChannel(ChannelConfig channel, NodeAddress node, AttributeId attribute, double samplingInterval,
        int queueSize, boolean discardOldest, int deadbandType, double deadband, double publishingInterval) {

    static final String NODE_ID = "node.id";
    static final String ATTRIBUTE = "attribute";
    static final String SAMPLING_INTERVAL = "sampling.interval";
    static final String QUEUE_SIZE = "queue.size";
    static final String DISCARD_OLDEST = "discard.oldest";
    static final String DEADBAND_TYPE = "deadband.type";
    static final String DEADBAND = "deadband";
    static final String PUBLISHING_INTERVAL = "publishing.interval";

    /**
     * Parses a channel's properties, with the driver's defaults for what is not set.
     *
     * @throws IllegalArgumentException naming the channel, the bad property and what is accepted
     */
    static OpcUaChannel of(ChannelConfig channel, double defaultSampling, double defaultPublishing, int defaultQueue) {
        try {
            NodeAddress node = NodeAddress.parse(channel.properties().get(NODE_ID));
            AttributeId attribute = attribute(channel.property(ATTRIBUTE, "Value"));
            double sampling = number(channel, SAMPLING_INTERVAL, defaultSampling, 0);
            double publishing = number(channel, PUBLISHING_INTERVAL, defaultPublishing, 1);
            int queue = (int) number(channel, QUEUE_SIZE, defaultQueue, 1);
            boolean discardOldest = !"false".equalsIgnoreCase(channel.property(DISCARD_OLDEST, "true"));
            int deadbandType = switch (channel.property(DEADBAND_TYPE, "none").toLowerCase(Locale.ROOT)) {
                case "none" -> 0;
                case "absolute" -> 1;
                case "percent" -> 2;
                default -> throw new IllegalArgumentException(DEADBAND_TYPE + " '" + channel.property(DEADBAND_TYPE, "")
                        + "' is not none, absolute or percent");
            };
            double deadband = number(channel, DEADBAND, 0, 0);
            if (deadbandType == 2 && deadband > 100) {
                throw new IllegalArgumentException(DEADBAND + " " + deadband + " is over 100 percent");
            }
            return new OpcUaChannel(channel, node, attribute, sampling, queue, discardOldest, deadbandType, deadband,
                    publishing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + channel.name() + "': " + e.getMessage(), e);
        }
    }

    private static AttributeId attribute(String name) {
        for (AttributeId id : AttributeId.values()) {
            if (id.name().equalsIgnoreCase(name)) {
                return id;
            }
        }
        throw new IllegalArgumentException(ATTRIBUTE + " '" + name + "' is not an OPC UA attribute name"
                + " (Value, DisplayName, BrowseName, DataType, Description, ...)");
    }

    private static double number(ChannelConfig channel, String key, double fallback, double min) {
        String text = channel.property(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < min || Double.isNaN(value)) {
                throw new IllegalArgumentException(key + " " + text + " is below " + min);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a number");
        }
    }
}
