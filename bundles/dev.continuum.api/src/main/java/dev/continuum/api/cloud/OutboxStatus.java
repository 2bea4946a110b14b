package dev.continuum.api.cloud;

/**
 * Fill level and counters of an endpoint's outbox.
 *
 * @param messages messages stored and not yet acknowledged by the broker
 * @param bytes payload and topic bytes of those messages
 * @param capacityBytes the configured capacity in bytes
 * @param inFlight messages sent and waiting for the broker's acknowledgement
 * @param dropped messages removed because the outbox was full ({@link FullPolicy#DROP_OLDEST}), since start
 * @param expired messages removed because they were older than the configured maximum age, since start
 * @param rejected publishes refused because the outbox was full ({@link FullPolicy#REJECT_NEW}), since start
 * @param policy the durability policy of this outbox
 * @param quarantined the file a corrupt store was moved to at start, or {@code null}
 * @param storeError {@code null} while the store takes writes; otherwise why new messages are refused (a full
 *     disk, a failing write), naming the file; what was stored before is still delivered
 */
public record OutboxStatus(long messages, long bytes, long capacityBytes, int inFlight, long dropped,
        long expired, long rejected, DurabilityPolicy policy, String quarantined, String storeError) {

    /** A status without a store error (the constructor of API 1.1). */
    public OutboxStatus(long messages, long bytes, long capacityBytes, int inFlight, long dropped, long expired,
            long rejected, DurabilityPolicy policy, String quarantined) {
        this(messages, bytes, capacityBytes, inFlight, dropped, expired, rejected, policy, quarantined, null);
    }

    /** Fill level in percent of {@link #capacityBytes()}. */
    public double fillPercent() {
        return capacityBytes <= 0 ? 0 : 100.0 * bytes / capacityBytes;
    }
}
