package dev.continuum.api.placement;

/**
 * What the gateway measured for one placement of one workload, over the recent measuring window.
 *
 * @param placement the placement
 * @param available a remote placement's broker connection is up (always true for LOCAL)
 * @param samples scoring times in the measuring window
 * @param p50Millis median scoring time: local run, or remote round trip
 * @param p99Millis 99th percentile of the same
 * @param errorRate failed or timed-out share of the requests in the measuring window
 * @param bytesPerSecond uplink bytes per second this placement's requests would use at the current window rate
 * @param localCostMicros gateway CPU time per window this placement costs (model run locally, encoding and
 *     sending remotely)
 */
public record PlacementStats(Placement placement, boolean available, int samples, double p50Millis, double p99Millis,
        double errorRate, double bytesPerSecond, double localCostMicros) {
}
