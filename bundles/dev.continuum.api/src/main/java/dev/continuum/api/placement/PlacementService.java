package dev.continuum.api.placement;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The gateway's placement controller: the workloads it places, their measurements and the log of its
 * decisions; the console, REST and remote management read it from here.
 *
 * <p><b>Choice rule.</b> Among the placements a workload may use, those are eligible whose p99 meets the
 * latency budget, whose error rate is low, whose privacy class allows it (a remote placement of a
 * {@link PrivacyClass#RAW_STAYS_ON_SITE} workload sends features only) and whose uplink fits the
 * bandwidth budget; LOCAL is also ineligible while the gateway's CPU is saturated. Of the eligible ones,
 * the one with the lowest local cost wins. A move happens only after the current placement breached
 * (or a cheaper one was eligible) continuously for {@link WorkloadRequirements#breachMillis()}; a failed
 * or timed-out remote window is re-scored locally at once, so no window is lost while that time runs.
 *
 * <p><b>Threading.</b> Thread-safe.
 */
@ProviderType
public interface PlacementService {

    List<WorkloadStatus> workloads();

    Optional<WorkloadStatus> workload(String name);

    /** The workload's recent decisions, oldest first (a bounded log). */
    List<PlacementDecision> decisions(String name);

    /**
     * Pins a workload to a placement until {@link #unpin}; the move is immediate and logged.
     *
     * @throws PlacementException when the workload is unknown or may not use the placement
     */
    WorkloadStatus pin(String name, Placement placement) throws PlacementException;

    /** Lets the controller choose again. */
    WorkloadStatus unpin(String name) throws PlacementException;
}
