package dev.continuum.placement.internal.workload;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.WorkloadRequirements;
import java.util.List;
import java.util.Optional;

/**
 * One workload's configuration.
 *
 * @param name {@code pipeline/component}
 * @param model the model it runs (locally, or remotely when raw data may leave)
 * @param fallbackModel the local model that scores a window whose remote request failed
 * @param remoteModel the model the remote service runs (a features model when raw data stays on site); empty:
 *     no remote placement
 * @param channels the model's channels
 * @param requirements latency, privacy, bandwidth, hysteresis
 * @param placements the placements it may use, in preference order for ties
 * @param timeoutMillis how long a remote request may take before its windows are scored locally
 * @param start where it starts
 * @param pin the placement it is pinned to from the start, if any
 */
public record WorkloadSpec(String name, String model, String fallbackModel, Optional<String> remoteModel,
        int channels, WorkloadRequirements requirements, List<Placement> placements, long timeoutMillis,
        Placement start, Optional<Placement> pin) {

    public WorkloadSpec {
        placements = List.copyOf(placements);
    }
}
