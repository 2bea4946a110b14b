package dev.continuum.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;

/**
 * Acknowledgements on their way into the store. {@link #add} only records one (any thread, no I/O): the MQTT
 * client's callback thread acknowledges, and with no page cache a removal reads the store's file, which an interrupt
 * of that thread would close for every thread. The writer thread {@link #apply applies} them in bulk after each batch
 * and when idle, so that their removals go out with its commits.
 *
 * <p>A record is <em>pending</em> from its acknowledgement until its removal is committed and the sender has seen
 * that ({@link #forgetCommitted}): the sender skips pending records when it hands records out again after a rewind,
 * so an acknowledged record is not handed out again while its removal waits. A sequence names one record for the
 * outbox's lifetime, in the file and in a store reopened from it (the outbox never hands a sequence out twice): after
 * a failed write the acknowledgements not yet committed are {@link #reopened applied again} to the reopened store.
 *
 * <p>Bounded by the sender: it hands out no more records while {@link #MAX_WAITING} wait to be applied, which only
 * happens while the writer thread is held up (a long fsync, a rewrite); the writer wakes it when it applied them.
 * Applied ones wait for the next commit; while writes are refused (disk full) the writer forgets them at once
 * ({@link StoreWriter#persistAcknowledgements}), so they do not pile up for as long as the disk stays full.
 */
final class Acknowledgements {

    /** Acknowledgements waiting to be applied (about 100 bytes each) at which the sender hands out no more records. */
    static final int MAX_WAITING = 32_768;

    /** Removes one record from its map and counts it; false if it was not there. */
    interface Remover {
        boolean remove(MVMap<Long, byte[]> queue, long sequence);
    }

    private record Acked(int priority, long sequence) {
    }

    private final Queue<Acked> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    /** Removed from the maps; not yet covered by a commit that succeeded. Under this object's monitor. */
    private final List<Acked> uncommitted = new ArrayList<>();
    /** Removed and committed (or found gone): for the sender to forget. */
    private final Queue<Long> committed = new ConcurrentLinkedQueue<>();

    /** Records an acknowledgement; a repeated one while it is pending is ignored. Any thread, no I/O. */
    void add(int priority, long sequence) {
        if (pending.add(sequence)) {
            queued.add(new Acked(priority, sequence));
            waiting.incrementAndGet();
        }
    }

    /**
     * Removes the acknowledged records from {@code state}'s maps: the writer thread, or a producer making room in a
     * full outbox. If a removal throws (a failed write closed the store), it and the rest stay queued for the
     * reopened store.
     *
     * @return whether any were applied
     */
    synchronized boolean apply(StoreState state, Remover remover) {
        boolean any = false;
        for (Acked acked = queued.peek(); acked != null; acked = queued.peek()) {
            boolean removed = remover.remove(state.queues().get(acked.priority()), acked.sequence());
            queued.poll();
            waiting.decrementAndGet();
            if (removed) {
                uncommitted.add(acked);
            } else {
                committed.add(acked.sequence()); // gone already (a repeated acknowledgement, dropped when full)
            }
            any = true;
        }
        return any;
    }

    /**
     * The writer thread, after a commit that began after its last {@link #apply} succeeded: those removals are in the
     * file. (Ones a producer applied meanwhile are counted as uncommitted still; applying them again is harmless.)
     */
    synchronized void committed(int applied) {
        List<Acked> done = uncommitted.subList(0, Math.min(applied, uncommitted.size()));
        for (Acked acked : done) {
            committed.add(acked.sequence());
        }
        done.clear();
    }

    /** How many removals are not yet covered by a commit: the argument of a later {@link #committed}. */
    synchronized int uncommitted() {
        return uncommitted.size();
    }

    /**
     * A failed write closed the store and it was reopened from the file: removals not committed before are not in it,
     * so they are applied again (to the same records: sequences are stable in the file).
     */
    synchronized void reopened() {
        queued.addAll(uncommitted);
        waiting.addAndGet(uncommitted.size());
        uncommitted.clear();
    }

    /**
     * The sender, under the outbox's lock, before it opens its cursors: forgets the records whose removal is
     * committed. They are gone from the maps, so a cursor opened after this does not see them; one opened before
     * could, which is why the writer does not forget them itself.
     */
    void forgetCommitted() {
        for (Long sequence = committed.poll(); sequence != null; sequence = committed.poll()) {
            pending.remove(sequence);
        }
    }

    /** Whether the record {@code sequence} was acknowledged and may still be in the maps. */
    boolean isPending(long sequence) {
        return pending.contains(sequence);
    }

    /** How many acknowledgements wait to be applied. */
    int waiting() {
        return waiting.get();
    }
}
