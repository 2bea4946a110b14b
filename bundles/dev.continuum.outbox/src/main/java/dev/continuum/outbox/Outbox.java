package dev.continuum.outbox;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.OutboxStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A durable queue of records for one endpoint.
 *
 * <p><b>Threading.</b> {@link #append} is thread-safe and never blocks on disk I/O (a writer thread owned
 * by the outbox writes, syncs and completes the futures; callbacks on them run on that thread and must
 * not block). {@link #next}, {@link #acknowledge} and {@link #rewind} are meant for one sender thread at a
 * time but are safe to call from others (acknowledgements typically arrive on a client's callback thread).
 * {@link #acknowledge} and {@link #status} are cheap and thread-safe; {@link #acknowledge} does no I/O.
 *
 * <p><b>Order.</b> {@link #next} hands out records by ascending priority number, and within a priority in
 * the order their {@code append} calls returned. {@link #rewind} makes every unacknowledged record
 * available again, in the same order, e.g. after the connection was lost.
 */
@ProviderType
public interface Outbox extends AutoCloseable {

    /**
     * Appends a record.
     *
     * @return completes with the record's identity when the record is stored per the durability policy, or
     *     exceptionally with a {@link dev.continuum.api.cloud.CloudException} (outbox full, store failure,
     *     closed)
     */
    CompletableFuture<DedupId> append(String topic, byte[] payload, int qos, boolean retain, int priority);

    /**
     * Hands out up to {@code max} records that are not in flight, waiting up to {@code timeoutMillis} for
     * the first one. Records older than the maximum age are removed instead and counted as expired. A record
     * may be handed out as soon as its batch is written, while that batch is still being synced, i.e. before
     * its {@link #append} future completes.
     *
     * @return the records, possibly none
     * @throws InterruptedException if interrupted while waiting
     */
    List<OutboxRecord> next(int max, long timeoutMillis) throws InterruptedException;

    /**
     * Removes a delivered record; idempotent. The record is not handed out again (not even after a {@link #rewind});
     * it leaves the store, and the counts of {@link #status}, when the outbox's writer thread applies the removal, with
     * its next batch or within its idle interval (20 ms or the sync interval), or at once where an append needs its
     * room. A crash before the removal is committed delivers it again, with the same identity.
     */
    void acknowledge(OutboxRecord record);

    /** Makes every handed-out, unacknowledged record available again, in order. */
    void rewind();

    /** Wakes a sender waiting in {@link #next} (e.g. on shutdown). */
    void wakeUp();

    OutboxStatus status();

    /**
     * Why new messages are refused after a failed store write (e.g. disk full), or {@code null} while the
     * store takes them. Cheap and thread-safe.
     *
     * @since 1.1
     */
    String writeRefusal();

    /** Writes what is queued, syncs, and releases the store; appends afterwards fail with CLOSED. */
    @Override
    void close();
}
