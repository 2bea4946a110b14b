package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudException.Reason;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.api.cloud.OutboxStatus;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} on H2 MVStore: one map per priority keyed by sequence, a writer thread, a compactor.
 *
 * <p>A failed write (disk full, I/O error) makes MVStore close itself. The writer thread then fails that
 * batch's publishers with the reason, reopens the store (what was committed is read back, the boot epoch
 * goes on), hands everything stored out again from the oldest, and refuses new messages until
 * {@link StoreHealth} finds space again; delivery of what is stored goes on meanwhile.
 *
 * <p>An acknowledgement is only recorded ({@link Acknowledgements}); the writer thread removes the record after its
 * current batch or within its idle interval, and {@link #status} counts the record until then.
 */
public final class MvOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(MvOutbox.class);

    private final OutboxSettings settings;
    private volatile StoreState state;
    private final StoreHealth health;
    private final String quarantined;
    private final BatchWriter writer;
    private final Compactor compactor;
    private final Object appendLock = new Object();
    private long nextSequence;
    private boolean closed;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final long[] handedOut = new long[StoreState.PRIORITIES];
    /** The highest sequence ever handed out per priority (under {@link #lock}): none above can be acknowledged. */
    private final long[] reached = new long[StoreState.PRIORITIES];
    private final Acknowledgements acknowledgements = new Acknowledgements();
    /** The sender found too many acknowledgements waiting and handed out nothing; the writer wakes it. */
    private volatile boolean throttled;
    private final AtomicBoolean acknowledgementsPending = new AtomicBoolean();
    private final byte[] gatewayBytes;
    /** Used under {@link #lock}. */
    private final RecordCodec.Decoder decoder = new RecordCodec.Decoder();

    private MvOutbox(OutboxSettings settings, StoreOptions options, StoreOpener.Opened opened) {
        this.settings = settings;
        this.gatewayBytes = settings.gatewayId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.state = opened.state();
        this.quarantined = opened.quarantined();
        this.nextSequence = state.nextSequence();
        messages.set(state.messages());
        bytes.set(state.bytes());
        this.health = new StoreHealth(settings);
        if (opened.writeFailure() != null) {
            health.failed(opened.writeFailure());
        }
        this.writer = new BatchWriter(settings, new StoreWriter(settings, options, health, new StoreWriter.Host() {
            @Override
            public StoreState state() {
                return state;
            }

            @Override
            public void replace(StoreState fresh, List<Pending> inHand) {
                MvOutbox.this.replace(fresh, inHand);
            }

            @Override
            public void uncount(List<Pending> notStored) {
                MvOutbox.this.uncount(notStored);
            }

            @Override
            public void applyAcknowledgements() {
                MvOutbox.this.applyAcknowledgements();
            }

            @Override
            public int acknowledgementsApplied() {
                return acknowledgements.uncommitted();
            }

            @Override
            public void acknowledgementsCommitted(int applied) {
                acknowledgements.committed(applied);
            }

            @Override
            public boolean takeAcknowledgementsPending() {
                return acknowledgementsPending.getAndSet(false);
            }

            @Override
            public void written() {
                wakeUp();
            }
        }), this::confirm);
        this.compactor = new Compactor(settings, () -> state.store(), () -> health.refusal() == null);
    }

    public static Outbox open(OutboxSettings settings) throws CloudException {
        return open(settings, StoreOptions.DEFAULT);
    }

    static MvOutbox open(OutboxSettings settings, StoreOptions options) throws CloudException {
        MvOutbox outbox = new MvOutbox(settings, options, StoreOpener.open(settings, options));
        outbox.writer.start();
        outbox.compactor.start();
        LOG.debug("Outbox {} opened: epoch {}, {} messages, {} bytes", settings.name(), outbox.state.epoch(),
                outbox.messages.get(), outbox.bytes.get());
        return outbox;
    }

    @Override
    public CompletableFuture<DedupId> append(String topic, byte[] payload, int qos, boolean retain, int priority) {
        if (priority < 0 || priority >= StoreState.PRIORITIES || qos < 0 || qos > 2) {
            return CompletableFuture.failedFuture(new CloudException(Reason.INVALID_MESSAGE, "priority must be 0.."
                    + (StoreState.PRIORITIES - 1) + " and qos 0, 1 or 2, not priority " + priority + ", qos " + qos));
        }
        CompletableFuture<DedupId> future = new CompletableFuture<>();
        long now = System.currentTimeMillis();
        byte[] stored = RecordCodec.encode(gatewayBytes, state.epoch(), now, topic, payload, qos, retain);
        synchronized (appendLock) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new CloudException(Reason.CLOSED, "outbox " + settings.name() + " is closed"));
            }
            String refusal = health.refusal();
            if (refusal != null) {
                rejected.increment();
                return CompletableFuture.failedFuture(new CloudException(Reason.STORE_FAILURE, refusal));
            }
            if (bytes.get() + stored.length > settings.capacityBytes() && !makeRoomOrRefuse(stored.length)) {
                rejected.increment();
                return CompletableFuture.failedFuture(new CloudException(Reason.OUTBOX_FULL, "outbox "
                        + settings.name() + " is full: " + bytes.get() + " of " + settings.capacityBytes()
                        + " bytes (capacityBytes) used, policy " + settings.fullPolicy() + "; message of "
                        + stored.length + " bytes refused"));
            }
            DedupId id = new DedupId(settings.gatewayId(), state.epoch(), nextSequence++);
            bytes.addAndGet(stored.length);
            messages.incrementAndGet();
            writer.enqueue(new Pending(priority, id.sequence(), stored, id, future));
            if (settings.policy() == DurabilityPolicy.MEMORY) {
                future.complete(id);
            }
        }
        return future;
    }

    /**
     * Applies the acknowledgements the writer has not applied yet (their records count until then), then drops the
     * oldest records if the policy says so; false if {@code needed} does not fit. Reads the store's file on the
     * producer's thread, which only a full outbox does.
     */
    private boolean makeRoomOrRefuse(long needed) {
        StoreState current = state;
        try {
            return withoutPendingInterrupt(() -> pinned(current, () -> {
                acknowledgements.apply(current, this::remove);
                return bytes.get() + needed <= settings.capacityBytes() || makeRoom(current, needed);
            }));
        } catch (RuntimeException e) {
            if (!current.store().isClosed()) {
                throw e;
            }
            return false; // a failed write closed the store: refused as full until the writer reopened it
        }
    }

    /** Drops the oldest records of the lowest priority until {@code needed} fits; false if it cannot. */
    private boolean makeRoom(StoreState state, long needed) {
        if (settings.fullPolicy() != FullPolicy.DROP_OLDEST) {
            return false;
        }
        long removed = 0;
        for (int priority = StoreState.PRIORITIES - 1; priority >= 0; priority--) {
            MVMap<Long, byte[]> queue = state.queues().get(priority);
            while (bytes.get() + needed > settings.capacityBytes()) {
                Long oldest = queue.firstKey();
                if (oldest == null) {
                    break;
                }
                if (remove(queue, oldest)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            dropped.add(removed);
            LOG.error("Outbox {} full ({} bytes): dropped the {} oldest messages of the lowest priority (policy"
                    + " DROP_OLDEST, {} dropped since start)", settings.name(), settings.capacityBytes(), removed,
                    dropped.sum());
        }
        return bytes.get() + needed <= settings.capacityBytes();
    }

    /**
     * Runs {@code reads} of {@code state}'s store, on a thread other than the writer's, with the store's current
     * version pinned ({@link MVStore#registerVersionUsage()}). MVMap's cursors and lookups do not pin what they read:
     * a page they reach is read from its chunk's position in the file (no page cache), and MVStore frees a chunk
     * once it is older than the retention time ({@link StoreOptions#RETENTION_MILLIS}) and died more than five
     * versions below the oldest version in use. Without the pin, a reader held up for that long while the writer
     * commits would meet a chunk that is gone ("chunk not found") or overwritten.
     */
    private static <T> T pinned(StoreState state, java.util.function.Supplier<T> reads) {
        MVStore.TxCounter reading = state.store().registerVersionUsage();
        try {
            return reads.get();
        } finally {
            state.store().deregisterVersionUsage(reading);
        }
    }

    /**
     * Runs {@code call}, which may read the store's file, on a thread the outbox does not own (a producer making room
     * in a full outbox) with its interrupt flag cleared, and sets the flag again after. The store's channel is
     * interruptible: a read by a thread with a pending interrupt closes it for every thread, and the next commit fails
     * (a refused batch, a reopen). What remains is an interrupt that arrives during the read itself; the fsync through
     * a channel of its own keeps that from confirming anything without an fsync.
     */
    private static <T> T withoutPendingInterrupt(java.util.function.Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            return call.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean remove(MVMap<Long, byte[]> queue, long sequence) {
        byte[] value = queue.remove(sequence);
        if (value == null) {
            return false;
        }
        bytes.addAndGet(-value.length);
        messages.decrementAndGet();
        acknowledgementsPending.set(true);
        return true;
    }

    /** See {@link StoreWriter.Host#applyAcknowledgements}. */
    private void applyAcknowledgements() {
        acknowledgements.apply(state, this::remove);
        if (throttled) {
            throttled = false;
            wakeUp();
        }
    }

    /**
     * See {@link StoreWriter.Host#replace}. Acknowledgements applied to the old store but not committed are queued
     * again: the reopened store has their records, under the same sequences.
     */
    private void replace(StoreState fresh, List<Pending> inHand) {
        synchronized (appendLock) {
            long count = fresh.messages() + inHand.size();
            long size = fresh.bytes();
            for (Pending pending : inHand) {
                size += pending.stored().length;
            }
            for (Pending pending : writer.queued()) {
                count++;
                size += pending.stored().length;
            }
            messages.set(count);
            bytes.set(size);
            acknowledgements.reopened();
            state = fresh;
        }
        rewind();
    }

    private void uncount(List<Pending> notStored) {
        for (Pending pending : notStored) {
            bytes.addAndGet(-pending.stored().length);
            messages.decrementAndGet();
        }
    }

    private void confirm(List<Pending> batch) {
        lock.lock();
        try {
            available.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending pending : batch) {
            pending.future().complete(pending.id());
        }
    }

    @Override
    public List<OutboxRecord> next(int max, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lockInterruptibly();
        try {
            while (true) {
                StoreState current = state;
                List<OutboxRecord> out;
                try {
                    out = collect(current, max);
                } catch (RuntimeException e) {
                    if (!current.store().isClosed()) {
                        throw e;
                    }
                    out = List.of(); // a failed write closed it; the writer reopens it and signals
                }
                long remaining = deadline - System.nanoTime();
                if (!out.isEmpty() || remaining <= 0) {
                    return out;
                }
                available.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<OutboxRecord> collect(StoreState state, int wanted) {
        acknowledgements.forgetCommitted();
        int max = Math.min(wanted, Acknowledgements.MAX_WAITING - acknowledgements.waiting());
        if (max <= 0) {
            throttled = true;
            // Again after announcing it: the writer may have applied them between the two reads and not seen the flag.
            max = Math.min(wanted, Acknowledgements.MAX_WAITING - acknowledgements.waiting());
            if (max <= 0) {
                return List.of();
            }
        }
        List<OutboxRecord> out = new ArrayList<>(Math.min(max, 256));
        long oldest = settings.maxAgeMillis() > 0 ? System.currentTimeMillis() - settings.maxAgeMillis() : 0;
        int limit = max;
        long expiredNow = pinned(state, () -> collectInto(state, out, limit, oldest));
        inFlight.addAndGet(out.size());
        if (expiredNow > 0) {
            expired.add(expiredNow);
            LOG.error("Outbox {}: {} messages older than maxAgeMillis {} expired undelivered ({} since start)",
                    settings.name(), expiredNow, settings.maxAgeMillis(), expired.sum());
        }
        return out;
    }

    /** Adds up to {@code max} records to {@code out}, removing those accepted before {@code oldest}; the count. */
    private long collectInto(StoreState state, List<OutboxRecord> out, int max, long oldest) {
        long expiredNow = 0;
        for (int priority = 0; priority < StoreState.PRIORITIES && out.size() < max; priority++) {
            MVMap<Long, byte[]> queue = state.queues().get(priority);
            Cursor<Long, byte[]> cursor = queue.cursor(handedOut[priority] + 1);
            while (out.size() < max && cursor.hasNext()) {
                long sequence = cursor.next();
                handedOut[priority] = sequence;
                if (sequence <= reached[priority] && acknowledgements.isPending(sequence)) {
                    continue; // acknowledged, not yet removed by the writer (handed out again after a rewind)
                }
                reached[priority] = Math.max(reached[priority], sequence);
                OutboxRecord record = decoder.decode(sequence, priority, cursor.getValue());
                if (record.acceptedAtMillis() < oldest) {
                    if (remove(queue, sequence)) {
                        expiredNow++;
                    }
                    continue;
                }
                out.add(record);
            }
        }
        return expiredNow;
    }

    @Override
    public void acknowledge(OutboxRecord record) {
        acknowledgements.add(record.priority(), record.id().sequence());
        inFlight.updateAndGet(n -> Math.max(0, n - 1));
    }

    @Override
    public void rewind() {
        lock.lock();
        try {
            Arrays.fill(handedOut, 0);
            inFlight.set(0);
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Tests only: one step of the background compactor, now. */
    boolean compactStepForTests() {
        return compactor.step();
    }

    /** Tests only: empties MVStore's page cache, so that the next access to a page reads the file. */
    void dropCacheForTests() {
        state.store().getFileStore().setCacheSize(StoreOpener.CACHE_MB);
    }

    /** Tests only: the store as it is now (it is replaced when a failed write closed it). */
    StoreState stateForTests() {
        return state;
    }

    /**
     * Tests only: drops the retention time (chunks younger than it, {@link StoreOptions#RETENTION_MILLIS}, are never
     * rewritten) and rewrites every chunk that is not completely live.
     */
    boolean compactFullyForTests() {
        state.store().commit();
        state.store().setRetentionTime(0);
        state.store().commit();
        return state.store().compact(100, Integer.MAX_VALUE);
    }

    @Override
    public String writeRefusal() {
        return health.refusal();
    }

    @Override
    public OutboxStatus status() {
        return new OutboxStatus(messages.get(), bytes.get(), settings.capacityBytes(), inFlight.get(),
                dropped.sum(), expired.sum(), rejected.sum(), settings.policy(), quarantined, health.refusal());
    }

    @Override
    public void close() {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.stop();
        compactor.close();
        wakeUp();
        // Under the lock that next() reads under: MVStore asserts on close that no version is in use, and a sender
        // woken above may be reading with its version pinned.
        lock.lock();
        try {
            closeStore();
        } finally {
            lock.unlock();
        }
        LOG.debug("Outbox {} closed with {} messages", settings.name(), messages.get());
    }

    private void closeStore() {
        MVStore store = state.store();
        try {
            if (!store.isClosed()) {
                acknowledgements.apply(state, this::remove); // the writer has stopped
                state.durable().commit();
                state.durable().close(); // releases the pin: MVStore closes with no version in use
                store.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox {}: could not commit on close ({}); messages acknowledged since the last commit will"
                    + " be delivered again, with the same dedup identity", settings.name(), e.toString());
        } finally {
            store.closeImmediately();
            state.durable().close();
        }
    }
}
