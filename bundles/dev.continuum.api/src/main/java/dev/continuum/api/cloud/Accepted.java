package dev.continuum.api.cloud;

import java.util.Objects;

/**
 * Confirmation that a message is in an endpoint's outbox, as durable as the endpoint's
 * {@link DurabilityPolicy} promises.
 *
 * @param id the identity the message carries on the wire
 * @param policy the policy it was accepted under
 */
public record Accepted(DedupId id, DurabilityPolicy policy) {

    public Accepted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
    }
}
