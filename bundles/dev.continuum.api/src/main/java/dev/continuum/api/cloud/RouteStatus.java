package dev.continuum.api.cloud;

import java.time.Instant;

/**
 * A route's state.
 *
 * @param name the route's name
 * @param policy {@code FAILOVER} or {@code BOTH}
 * @param active the endpoint new messages go to ({@code FAILOVER}); both names for {@code BOTH}
 * @param failovers how often it moved from the primary to the secondary
 * @param failbacks how often it moved back
 * @param lastDecision the last decision with its reason, empty before the first
 * @param lastDecisionAt when it was taken, or {@code null}
 */
public record RouteStatus(String name, String policy, String active, long failovers, long failbacks,
        String lastDecision, Instant lastDecisionAt) {
}
