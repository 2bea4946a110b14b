package dev.continuum.cloud.mqtt.internal.transport;

import java.util.concurrent.CompletableFuture;

/**
 * One MQTT client connection, whatever the protocol version: Paho's MQTT 5 and 3.1.1 clients sit behind it.
 *
 * <p><b>Threading.</b> Every method is non-blocking and thread-safe; the returned futures and the
 * {@link Listener} are completed/called on the client library's callback threads, so handlers must return
 * quickly and never call blocking methods of the same transport. {@link #close()} may block briefly.
 *
 * <p><b>Lifecycle.</b> {@link #connect()} may be called again after a failed attempt or a lost connection
 * (the transport does not reconnect by itself: the caller's state machine decides when). After
 * {@link #close()} the transport is unusable. Messages not acknowledged when the connection is lost fail
 * their futures; nothing is kept across connections (the outbox is the store).
 */
public interface MqttTransport extends AutoCloseable {

    /** Connection events. */
    interface Listener {
        /** The connection dropped without {@link #disconnect} being called. */
        void connectionLost(Throwable cause);

        /** A message arrived on a subscription. */
        void messageArrived(String topic, byte[] payload);
    }

    /** Connects to the first reachable broker URI; completes with the URI connected to. */
    CompletableFuture<String> connect();

    /**
     * Publishes; completes when the broker acknowledged it (PUBACK for QoS 1) or, for QoS 0, when it was
     * written. Fails if the connection is down or lost before the acknowledgement.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain);

    /**
     * {@link #publish(String, byte[], int, boolean)} for the data path: tells {@code done} instead of completing
     * a future (no future, no completion stage per message). {@code done} is called exactly once, on the
     * client's callback thread, or on the calling thread if the publish is refused at once. On plain TCP the
     * packets of publishes made in a burst this way may leave together (see {@code BufferedSocketFactory}).
     * The payload array is published as it is, not copied: the caller does not change it afterwards.
     */
    void publish(String topic, byte[] payload, int qos, boolean retain, Done done);

    /** The outcome of one publish. */
    interface Done {
        /** @param error why it failed, or {@code null} when it was acknowledged (written, for QoS 0) */
        void done(Throwable error);
    }

    CompletableFuture<Void> subscribe(String filter, int qos);

    /** Disconnects cleanly (the will is not sent), waiting up to {@code quiesceMillis} for in-flight work. */
    CompletableFuture<Void> disconnect(long quiesceMillis);

    boolean isConnected();

    /**
     * How many QoS 1 and 2 publishes the broker takes in flight on the current connection, as it said when it
     * accepted it (MQTT 5's Receive Maximum, 65,535 when absent); {@link Integer#MAX_VALUE} where the protocol
     * has no such limit (3.1.1). A client that sends more has them refused.
     */
    default int sendQuota() {
        return Integer.MAX_VALUE;
    }

    /**
     * Writes out the packets that plain TCP holds back to send them with the data publishes announced after
     * them (see {@code BufferedSocketFactory}) once the client has written nothing for {@code maxNanos}; the
     * data path's sender calls it between batches.
     *
     * @return whether packets are still held back or were just announced: call again within a millisecond
     */
    default boolean releaseHeld(long maxNanos) {
        return false;
    }

    /**
     * From now on every packet is written out as soon as it is complete, the next one with what is held back
     * now: before a goodbye and DISCONNECT, which must not wait for publishes that will not be written.
     */
    default void stopHolding() {
        // nothing is held back
    }

    /** Releases the client; does not send DISCONNECT. */
    @Override
    void close();
}
