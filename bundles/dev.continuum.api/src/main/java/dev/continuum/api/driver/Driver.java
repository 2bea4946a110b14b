package dev.continuum.api.driver;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A field-protocol driver instance: the gateway's side of one connection to one device or server.
 *
 * <p>Registration: a driver is a DS component, configured by a factory configuration (one per device or
 * server), registered as {@code Driver} with {@link #INSTANCE} (the instance's name, unique in the
 * gateway) and {@link #PROTOCOL}. Assets find their driver with the filter
 * {@code (driver.instance=NAME)}.
 *
 * <p>Lifecycle: a driver connects when it is activated and keeps the connection up on its own,
 * retrying with capped back-off ({@link DriverState#CONNECTING}) until {@link #disconnect()} or
 * deactivation. {@link #connect()} and {@link #disconnect()} let an operator force the state.
 * Deactivation closes every thread, client and handle the driver opened.
 *
 * <p>Subscriptions outlive connection losses: a driver restores every open {@link DriverSubscription}
 * after a reconnect, without action by its callers. Reads and writes while not connected fail with a
 * {@link DriverException} saying so.
 *
 * <p>Bad channels are isolated: a channel whose properties cannot be understood (an invalid address, an
 * unknown type) is reported for that channel alone (a failed {@link WriteResult}, a BAD
 * {@link ChannelReading}, {@link ChannelListener#onChannelError}); the others are served.
 *
 * <p>Threading: every method is thread-safe and returns without blocking on I/O; results complete on the
 * driver's threads, so callers must not block in their completion stages either.
 */
@ConsumerType
public interface Driver {

    /** Service property: the driver instance's name, as assets refer to it. */
    String INSTANCE = "driver.instance";

    /** Service property: the protocol, e.g. {@code opcua}, {@code gpio}. */
    String PROTOCOL = "driver.protocol";

    /** The name of this instance (the value of {@link #INSTANCE}). */
    String instance();

    /** The current connection state. */
    DriverState state();

    /** Why the driver is not {@link DriverState#CONNECTED} (the last connection error); empty when connected. */
    String stateReason();

    /**
     * Starts connecting (also out of {@link DriverState#FAILED} or {@link DriverState#DISCONNECTED}).
     *
     * @return completes when connected, or exceptionally with a {@link DriverException} if this attempt fails
     */
    CompletableFuture<Void> connect();

    /** Closes the connection and stops retrying; subscriptions stay and resume on {@link #connect()}. */
    CompletableFuture<Void> disconnect();

    /**
     * Reads the current values of channels, one reading per channel in order; an unreadable channel
     * gives a BAD reading with the reason.
     *
     * @return fails with a {@link DriverException} only when nothing can be read (not connected)
     */
    CompletableFuture<List<ChannelReading>> read(List<ChannelConfig> channels);

    /**
     * Writes raw (unscaled) values, converting each to the protocol's type; one result per write in order.
     *
     * @return fails with a {@link DriverException} only when nothing can be written (not connected)
     */
    CompletableFuture<List<WriteResult>> write(List<ChannelWrite> writes);

    /**
     * Subscribes channels: their value changes go to {@code listener} until the subscription is closed.
     * Works in any state; delivery begins once connected.
     */
    DriverSubscription subscribe(List<ChannelConfig> channels, ChannelListener listener);

    /**
     * Walks the device's address space from {@code start}, for picking channels.
     *
     * @param start a driver-specific address, or empty for the protocol's root
     * @param maxDepth how many levels below {@code start} to descend (0: start only)
     * @param maxNodes how many nodes to return at most, in all
     * @return the start node with its children; fails with a {@link DriverException} when the protocol
     *     has no address space ({@link UnsupportedOperationException} as cause) or the device fails
     */
    default CompletableFuture<BrowseNode> browse(String start, int maxDepth, int maxNodes) {
        return CompletableFuture.failedFuture(new DriverException(instance() + ": browsing is not supported",
                new UnsupportedOperationException("browse")));
    }
}
