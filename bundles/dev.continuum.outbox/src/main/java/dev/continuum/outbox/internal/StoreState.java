package dev.continuum.outbox.internal;

import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

/**
 * The maps of an outbox store (one per priority, plus {@code meta}), how it is committed, and what was in them at
 * opening. Opening counts as a new boot epoch, persisted before anything is appended.
 */
record StoreState(MVStore store, DurableCommit durable, List<MVMap<Long, byte[]>> queues, MVMap<String, Long> meta,
        long epoch, long nextSequence, long messages, long bytes) {

    static final int PRIORITIES = 10;
    static final String EPOCH = "epoch";
    static final String SEQUENCE = "sequence";

    /** Reads the store and starts a new boot epoch, persisted (committed and synced) before it returns. */
    static StoreState load(MVStore store, DurableCommit durable) {
        StoreState state = read(store, durable, 0);
        durable.commit();
        return state;
    }

    /**
     * Reads the store without writing to it. The epoch is put into {@code meta} but only in memory: the writer
     * commits and syncs it before it writes anything else ({@link DurableCommit#durableSinceOpen()}), so that no
     * record of this epoch reaches the store, nor the sender, before the epoch is durable and cannot be handed out
     * again by the next boot.
     *
     * @param epoch the epoch to go on with (a store reopened after a failed write), or 0 for the next one
     */
    static StoreState read(MVStore store, DurableCommit durable, long epoch) {
        MVMap<String, Long> meta = store.openMap("meta");
        List<MVMap<Long, byte[]>> queues = new ArrayList<>(PRIORITIES);
        long highest = meta.getOrDefault(SEQUENCE, 0L);
        long messages = 0;
        long bytes = 0;
        for (int priority = 0; priority < PRIORITIES; priority++) {
            MVMap<Long, byte[]> queue = store.openMap("priority-" + priority, new MVMap.Builder<Long, byte[]>()
                    .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            queues.add(queue);
            Long last = queue.lastKey();
            if (last != null) {
                highest = Math.max(highest, last);
            }
            for (Cursor<Long, byte[]> cursor = queue.cursor(null); cursor.hasNext();) {
                cursor.next();
                messages++;
                bytes += cursor.getValue().length;
            }
        }
        long current = epoch > 0 ? epoch : meta.getOrDefault(EPOCH, 0L) + 1;
        meta.put(EPOCH, current);
        return new StoreState(store, durable, queues, meta, current, highest + 1, messages, bytes);
    }
}
