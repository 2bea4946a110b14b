package dev.continuum.api.placement;

import java.util.List;
import java.util.Optional;

/**
 * One workload as the controller sees it now.
 *
 * @param name the workload's name ({@code pipeline/component})
 * @param requirements what it declared
 * @param placements the placements it may use, in preference order when costs tie
 * @param current where its windows are scored now
 * @param pinned the placement an operator pinned it to, if any
 * @param stats the measurements per placement
 * @param localCpuLoad the gateway's recent CPU load, 0..1
 * @param windows windows scored
 * @param fallbacks windows a remote placement failed or timed out and the local fallback model scored
 * @param failed windows not scored at all (0 unless the local model failed too)
 */
public record WorkloadStatus(String name, WorkloadRequirements requirements, List<Placement> placements,
        Placement current, Optional<Placement> pinned, List<PlacementStats> stats, double localCpuLoad, long windows,
        long fallbacks, long failed) {

    public WorkloadStatus {
        placements = List.copyOf(placements);
        stats = List.copyOf(stats);
    }
}
