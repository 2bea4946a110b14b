/**
 * Workload placement across the compute continuum: where each inference workload of a pipeline runs
 * (on the gateway, at a MEC node, in the cloud), chosen by the workload's declared requirements and what
 * the gateway measures, with every decision recorded with its reason.
 *
 * <p>A workload declares {@link dev.continuum.api.placement.WorkloadRequirements}: a p99 latency budget,
 * a {@link dev.continuum.api.placement.PrivacyClass}, a bandwidth budget. The gateway measures, per
 * {@link dev.continuum.api.placement.Placement}, the round-trip distribution, error rate, local inference
 * time and local CPU load ({@link dev.continuum.api.placement.PlacementStats}), and moves a workload only
 * after a budget was breached for the configured time. {@link dev.continuum.api.placement.PlacementService}
 * exposes the state and the decision log and lets an operator pin a placement.
 *
 * @see <a href="https://www.etsi.org/deliver/etsi_gs/MEC/001_099/003/">ETSI GS MEC 003, MEC framework</a>
 */
@Version("1.0.0")
package dev.continuum.api.placement;

import org.osgi.annotation.versioning.Version;
