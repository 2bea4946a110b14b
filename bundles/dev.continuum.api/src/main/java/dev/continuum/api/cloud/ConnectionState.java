package dev.continuum.api.cloud;

/**
 * States of an endpoint's connection to its broker.
 *
 * <pre>
 * DISCONNECTED -&gt; CONNECTING -&gt; CONNECTED -&gt; (lost) -&gt; WAITING -&gt; CONNECTING ...
 *                       \-&gt; (failed) -&gt; WAITING (capped exponential backoff with jitter)
 * any state -&gt; CLOSED (endpoint removed; a connected client sends its DC message first)
 * </pre>
 */
public enum ConnectionState {
    /** Not connected and no attempt scheduled yet. */
    DISCONNECTED,
    /** A connection attempt to one of the broker URIs is in progress. */
    CONNECTING,
    /** Connected: the outbox drains. */
    CONNECTED,
    /** The last attempt failed or the connection was lost; the next attempt is scheduled. */
    WAITING,
    /** The endpoint was removed; terminal. */
    CLOSED
}
