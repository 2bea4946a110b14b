package dev.continuum.outbox;

import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open an outbox.
 *
 * @param name the endpoint's name (thread names, logs)
 * @param file the store file; ignored for {@link DurabilityPolicy#MEMORY}
 * @param gatewayId the gateway identity written into every {@link dev.continuum.api.cloud.DedupId}
 * @param policy when appends are confirmed
 * @param syncIntervalMillis {@link DurabilityPolicy#GROUP_COMMIT}: the least time between the starts of two
 *     batch writes (each ends with an fsync), i.e. the longest a record waits for its batch unless a write takes
 *     longer (then the next starts as soon as it ends); also how often acknowledgements are persisted when idle
 * @param maxBatch the most records written per fsync
 * @param capacityBytes capacity, counted as stored bytes (topic, payload and about 40 bytes of bookkeeping per record)
 * @param maxAgeMillis records older than this are removed (counted as expired); 0 = no limit
 * @param fullPolicy what happens when an append would exceed the capacity
 * @param compactIntervalMillis how often the background compactor checks the store's fill rate
 */
public record OutboxSettings(String name, Path file, String gatewayId, DurabilityPolicy policy,
        long syncIntervalMillis, int maxBatch, long capacityBytes, long maxAgeMillis, FullPolicy fullPolicy,
        long compactIntervalMillis) {

    public static final long DEFAULT_SYNC_INTERVAL_MILLIS = 5;
    public static final int DEFAULT_MAX_BATCH = 4096;
    public static final long DEFAULT_CAPACITY_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_COMPACT_INTERVAL_MILLIS = 30_000;

    public OutboxSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fullPolicy, "fullPolicy");
        if (policy != DurabilityPolicy.MEMORY) {
            Objects.requireNonNull(file, "file (required unless the policy is MEMORY)");
        }
        if (syncIntervalMillis < 0 || maxBatch < 1 || capacityBytes < 1 || maxAgeMillis < 0
                || compactIntervalMillis < 1) {
            throw new IllegalArgumentException("outbox " + name + ": syncIntervalMillis >= 0, maxBatch >= 1,"
                    + " capacityBytes >= 1, maxAgeMillis >= 0 and compactIntervalMillis >= 1 are required");
        }
    }

    /** Defaults for everything but the identity, file and policy. */
    public static OutboxSettings of(String name, Path file, String gatewayId, DurabilityPolicy policy) {
        return new OutboxSettings(name, file, gatewayId, policy, DEFAULT_SYNC_INTERVAL_MILLIS, DEFAULT_MAX_BATCH,
                DEFAULT_CAPACITY_BYTES, 0, FullPolicy.REJECT_NEW, DEFAULT_COMPACT_INTERVAL_MILLIS);
    }

    public OutboxSettings withCapacity(long bytes, FullPolicy full) {
        return new OutboxSettings(name, file, gatewayId, policy, syncIntervalMillis, maxBatch, bytes, maxAgeMillis,
                full, compactIntervalMillis);
    }

    public OutboxSettings withMaxAge(long millis) {
        return new OutboxSettings(name, file, gatewayId, policy, syncIntervalMillis, maxBatch, capacityBytes, millis,
                fullPolicy, compactIntervalMillis);
    }
}
