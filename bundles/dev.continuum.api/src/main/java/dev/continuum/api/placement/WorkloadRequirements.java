package dev.continuum.api.placement;

import java.util.Objects;

/**
 * What one inference workload needs.
 *
 * @param latencyBudgetMillis the p99 of a window's scoring time (local run or remote round trip) it accepts
 * @param privacy what of its data may leave the site
 * @param bandwidthBytesPerSecond the most uplink bytes per second its remote requests may use; 0: no limit
 * @param breachMillis how long a budget must be breached (or a better placement be available) before the
 *     workload moves: the hysteresis that keeps it from flapping
 */
public record WorkloadRequirements(double latencyBudgetMillis, PrivacyClass privacy, long bandwidthBytesPerSecond,
        long breachMillis) {

    public WorkloadRequirements {
        Objects.requireNonNull(privacy, "privacy");
        if (!(latencyBudgetMillis > 0) || bandwidthBytesPerSecond < 0 || breachMillis < 0) {
            throw new IllegalArgumentException("latency budget must be > 0 ms, bandwidth and breach time >= 0; got "
                    + latencyBudgetMillis + ", " + bandwidthBytesPerSecond + ", " + breachMillis);
        }
    }
}
