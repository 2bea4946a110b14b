package dev.continuum.api.placement;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision of the placement controller.
 *
 * @param time when it was taken
 * @param workload the workload
 * @param from the placement before
 * @param to the placement after (equal to {@code from} when a move was considered and refused)
 * @param reason why, with the measurements that decided it
 */
public record PlacementDecision(Instant time, String workload, Placement from, Placement to, String reason) {

    public PlacementDecision {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }
}
