package dev.continuum.api.cloud;

import java.util.Objects;

/**
 * The identity every published message carries, so that consumers can drop the duplicates that
 * at-least-once delivery allows: a redelivered message has the same identity as its first copy.
 *
 * <p>{@code sequence} grows by one per accepted message of an endpoint and never repeats for that
 * endpoint's store; {@code bootEpoch} counts the openings of that store (one per gateway start), so
 * consumers can also tell which start produced a message.
 *
 * @param gatewayId the gateway's identity (by default the endpoint's MQTT client id)
 * @param bootEpoch the store opening in which the message was accepted, from 1
 * @param sequence the message's position in the endpoint's outbox, from 1
 */
public record DedupId(String gatewayId, long bootEpoch, long sequence) {

    public DedupId {
        Objects.requireNonNull(gatewayId, "gatewayId");
    }

    /** The wire form {@code gatewayId/bootEpoch/sequence}. */
    @Override
    public String toString() {
        return gatewayId + "/" + bootEpoch + "/" + sequence;
    }
}
