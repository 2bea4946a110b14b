/**
 * A durable store-and-forward queue for one northbound endpoint: publishers append, one sender takes
 * records in order, and a record leaves the store only when the sender acknowledges it (after the
 * broker's PUBACK for QoS 1).
 *
 * <p>Open one with {@link dev.continuum.outbox.Outboxes#open(OutboxSettings)}. The durability of an
 * appended record when its future completes is the settings'
 * {@link dev.continuum.api.cloud.DurabilityPolicy}. Acknowledgements are persisted lazily (with the next
 * write batch, at the latest every {@link dev.continuum.outbox.OutboxSettings#syncIntervalMillis()} when
 * idle): after a crash, records acknowledged in that window are delivered again, with the same
 * {@link dev.continuum.api.cloud.DedupId}.
 */
@Version("1.1.0")
package dev.continuum.outbox;

import org.osgi.annotation.versioning.Version;
