/**
 * Northbound publishing: how gateway components hand records to a cloud or MEC endpoint so that they
 * survive link failures, broker restarts and power cuts.
 *
 * <p>A component looks up a {@link dev.continuum.api.cloud.CloudPublisher} (one per configured endpoint,
 * selected by the {@link dev.continuum.api.cloud.CloudPublisher#ENDPOINT} service property) and calls
 * {@link dev.continuum.api.cloud.CloudPublisher#publish(CloudMessage)}. The returned stage completes when
 * the message is <em>accepted</em>: stored in the endpoint's durable outbox as the endpoint's
 * {@link dev.continuum.api.cloud.DurabilityPolicy} promises. Delivery to the broker happens later, in
 * order per priority, at least once for QoS 1; every delivered message carries its
 * {@link dev.continuum.api.cloud.DedupId} so that consumers can drop duplicates.
 *
 * <p>{@link dev.continuum.api.cloud.CloudEndpoint} exposes each endpoint's connection state, last error,
 * round-trip time and outbox fill level to health, console and remote management.
 *
 * @see <a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html#_Toc3901234">MQTT 5.0, 4.3
 *     Quality of Service levels and protocol flows</a>
 */
@Version("1.2.0")
package dev.continuum.api.cloud;

import org.osgi.annotation.versioning.Version;
