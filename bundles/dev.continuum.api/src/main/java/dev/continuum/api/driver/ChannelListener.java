package dev.continuum.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what a {@link Driver} subscription delivers.
 *
 * <p>Threading: called on the driver's own threads, one call at a time per subscription, in the order
 * the protocol delivered the values. Implementations must not block and must return quickly: the
 * call sits on the driver's receive path.
 */
@ConsumerType
public interface ChannelListener {

    /**
     * New values of subscribed channels. A bad value arrives as a {@code BAD} reading, never dropped.
     *
     * @param readings one or more readings, oldest first; the list must not be kept
     */
    void onReadings(java.util.List<ChannelReading> readings);

    /**
     * A channel cannot be served (bad address, unknown type, rejected by the device); the subscription's
     * other channels are unaffected. Called again with a new reason if it changes, and when the
     * channel recovers with {@code reason} empty.
     */
    void onChannelError(String channel, String reason);
}
