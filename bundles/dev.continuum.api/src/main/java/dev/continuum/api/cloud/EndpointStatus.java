package dev.continuum.api.cloud;

import java.time.Instant;

/**
 * A snapshot of one endpoint's state.
 *
 * @param name the endpoint's name
 * @param state the connection state
 * @param broker the URI connected to (or last tried)
 * @param lastError the last connection or delivery error, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 * @param rttMillis the round-trip time of the last acknowledged QoS 1 publish, or -1 if none yet
 * @param published messages handed to the broker since start (including redeliveries)
 * @param acknowledged messages acknowledged by the broker since start
 * @param connects successful connections since start
 * @param outbox the outbox's fill level and counters
 */
public record EndpointStatus(String name, ConnectionState state, String broker, String lastError,
        Instant lastErrorAt, long rttMillis, long published, long acknowledged, long connects,
        OutboxStatus outbox) {
}
