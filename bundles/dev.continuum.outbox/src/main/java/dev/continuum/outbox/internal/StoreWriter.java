package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudException.Reason;
import dev.continuum.outbox.OutboxSettings;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the writer thread does with the store: writes batches, applies and persists acknowledgements, and handles a
 * failed write. MVStore closes itself when a write fails (disk full, I/O error): the batch's publishers get
 * the reason, the store is reopened without writing (what was committed is read back, the boot epoch goes
 * on) and {@link StoreHealth} refuses new messages until writing may work again. A failed fsync, or one made
 * after any other failed write that reports an earlier writeback error, first has the file rewritten
 * ({@link FreshFile}). Commits and fsyncs go through {@link DurableCommit}. Runs on the writer
 * thread only.
 */
final class StoreWriter implements BatchWriter.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    /** The outbox around the store. */
    interface Host {
        StoreState state();

        /**
         * Puts a reopened store in place, counting what it holds plus {@code inHand} and whatever is still
         * queued for writing, and hands everything stored out again from the oldest.
         */
        void replace(StoreState fresh, List<Pending> inHand);

        /** Forgets the counts of records that were not stored. */
        void uncount(List<Pending> notStored);

        /**
         * Removes the records acknowledged since the last call from the maps (on the writer thread, so that the
         * threads that acknowledge never read the store's file), and wakes a sender that waits for that.
         */
        void applyAcknowledgements();

        /** How many acknowledgements were applied that no successful commit covered yet. */
        int acknowledgementsApplied();

        /** A commit begun when {@link #acknowledgementsApplied} was {@code applied} succeeded. */
        void acknowledgementsCommitted(int applied);

        /** Whether records were removed (acknowledged, dropped, expired) since the last commit; clears the flag. */
        boolean takeAcknowledgementsPending();

        /**
         * A batch is in the maps (readable) and about to be committed and synced: the sender may hand its records
         * out now, while the fsync runs. Their producers are confirmed only after it.
         */
        void written();
    }

    private final OutboxSettings settings;
    private final StoreOptions options;
    private final StoreHealth health;
    private final Host host;
    /**
     * A failed fsync whose rewrite into a fresh file has not succeeded yet: the file may hold chunks that never
     * reached the disk, so no new message is confirmed on it (stored ones are still delivered) until a rewrite
     * succeeds; each write retries it, at the store's back-off.
     */
    private boolean rewriteOwed;
    private Exception rewriteFailure;

    StoreWriter(OutboxSettings settings, StoreOptions options, StoreHealth health, Host host) {
        this.settings = settings;
        this.options = options;
        this.health = health;
        this.host = host;
    }

    @Override
    public void write(List<Pending> batch) {
        if (!health.writable() || host.state().store().isClosed() && !recoverFrom(null, batch)) {
            throw new RefusedWrite(health.refusal());
        }
        if (rewriteOwed && !rewriteNow(batch)) {
            throw new RefusedWrite(health.refusal());
        }
        StoreState state = host.state();
        if (!state.durable().durableSinceOpen()) {
            // Reopened (or opened on a full disk) without writing: the boot epoch is in memory only. It must be
            // durable before a record of it is in the maps, where the sender may read it: a crash would let the
            // next boot take the same epoch again and give another message the same dedup id.
            state.durable().commit();
        }
        long highest = 0;
        for (Pending pending : batch) {
            state.queues().get(pending.priority()).put(pending.sequence(), pending.stored());
            highest = pending.sequence();
        }
        state.meta().put(StoreState.SEQUENCE, highest);
        host.written();
        int acknowledged = host.acknowledgementsApplied();
        host.takeAcknowledgementsPending();
        state.durable().commit();
        host.acknowledgementsCommitted(acknowledged);
        health.succeeded();
    }

    @Override
    public void applyAcknowledgements() {
        if (host.state().store().isClosed()) {
            return; // the next write or idle round reopens it
        }
        try {
            host.applyAcknowledgements();
        } catch (RuntimeException e) {
            LOG.error("{}", health.failed(e), e);
            recoverFrom(e, List.of());
        }
    }

    @Override
    public void persistAcknowledgements() {
        boolean writable = health.writable();
        if (host.state().store().isClosed() && (!writable || !recoverFrom(null, List.of()))) {
            return;
        }
        try {
            // Also while writes are refused: delivery goes on, and the removals are committed once writes work.
            host.applyAcknowledgements();
            int acknowledged = host.acknowledgementsApplied();
            if (!writable) {
                // Refused (a full disk) for as long as it takes: keeping every applied removal for a reopen would
                // cost ~90 bytes per delivered record until then, up to an OutOfMemoryError when a full outbox
                // drains. They are out of the live maps, so the first commit that succeeds writes them; only a
                // failed write before it brings their records back, delivered again with the same dedup ids.
                host.acknowledgementsCommitted(acknowledged);
            } else if (host.takeAcknowledgementsPending()) {
                host.state().durable().commitLazily();
                host.acknowledgementsCommitted(acknowledged);
            }
        } catch (RuntimeException e) {
            LOG.error("{}", health.failed(e), e);
            recoverFrom(e, List.of());
        }
    }

    @Override
    public void failed(List<Pending> batch, RuntimeException e) {
        String message;
        boolean recounted = false;
        if (e instanceof RefusedWrite) {
            message = e.getMessage();
        } else {
            message = health.failed(e);
            if (e instanceof DurableCommit.SyncFailed) {
                // Written and committed: readable after the reopen and delivered with their dedup ids; only their
                // durability is unknown. "Not stored" would make producers publish them again under new ids.
                message = "outbox " + settings.name() + ": " + e.getMessage() + "; the message was written and is"
                        + " still delivered, but it is not known to be on disk (a power cut may lose it). New messages"
                        + " are refused until a retry of the store succeeds";
            }
            LOG.error("Outbox {}: could not store {} messages durably; their publishers get the error: {}",
                    settings.name(), batch.size(), message, e);
            recounted = recoverFrom(e, List.of());
        }
        if (!recounted) {
            host.uncount(batch);
        }
        for (Pending pending : batch) {
            pending.future().completeExceptionally(new CloudException(Reason.STORE_FAILURE, message, e));
        }
    }

    /**
     * After a failed write, or a store found closed (a compaction step's write failed): a failed fsync, or one that
     * fails now ({@link DurableCommit#syncBeforeReopen}), first has the file {@link #rewrite rewritten}, then
     * {@link #recover}.
     *
     * @param failure what failed, or null for a store found closed
     */
    private boolean recoverFrom(RuntimeException failure, List<Pending> inHand) {
        if (failure instanceof DurableCommit.SyncFailed || !host.state().durable().syncBeforeReopen()) {
            rewrite();
        }
        return recover(inHand);
    }

    /**
     * After a failed fsync: replaces the file by a fresh copy of what the store reads (see {@link FreshFile}), before
     * {@link #recover} opens it again. If that fails too, the rewrite stays owed: the old file is reopened for
     * delivery only and {@link #write} refuses new messages, retrying the rewrite, until one succeeds.
     */
    private void rewrite() {
        StoreState old = host.state();
        rewriteOwed = true;
        rewriteFailure = null;
        if (old.store().isClosed()) {
            LOG.error("Outbox {}: the store closed itself after a failed write and its file may have lost writes"
                    + " (a failed fsync); it is reopened from the same file and rewritten from there before it takes"
                    + " new messages", settings.name());
            return;
        }
        try {
            FreshFile.replace(old, settings.file().toAbsolutePath(), options);
            rewriteOwed = false;
            LOG.warn("Outbox {}: store rewritten into a fresh file after the failed fsync", settings.name());
        } catch (IOException | RuntimeException e) {
            rewriteFailure = e;
            LOG.error("Outbox {}: could not rewrite the store after the failed fsync; its stored messages are still"
                    + " delivered, new ones are refused until a rewrite succeeds (retried): {}", settings.name(),
                    e.toString(), e);
        }
    }

    /** Retries an owed {@link #rewrite} and reopens the store from the fresh file; false (and backs off) if not. */
    private boolean rewriteNow(List<Pending> inHand) {
        rewrite();
        if (rewriteOwed) {
            health.failed(new IllegalStateException("the store could not be rewritten into a fresh file after a"
                    + " failed fsync", rewriteFailure));
            return false;
        }
        return recover(inHand);
    }

    /**
     * Closes the store (a failed write has usually closed it already) and opens it again without writing.
     * Acknowledgements not committed before the failure are applied again to the reopened store
     * ({@link Host#replace}).
     *
     * @return whether the store is open again
     */
    private boolean recover(List<Pending> inHand) {
        StoreState old = host.state();
        old.store().closeImmediately();
        old.durable().close();
        StoreState fresh;
        try {
            fresh = StoreOpener.reopen(settings, options, old.epoch());
        } catch (RuntimeException e) {
            LOG.error("Outbox {}: store cannot be reopened after a failed write; retried later: {}", settings.name(),
                    health.failed(e), e);
            return false;
        }
        host.replace(fresh, inHand);
        LOG.warn("Outbox {}: store reopened after a failed write with {} stored messages ({} bytes); delivering"
                + " them from the oldest", settings.name(), fresh.messages(), fresh.bytes());
        return true;
    }

    /** The writer skipped a batch because the store refuses writes; the message says why. */
    private static final class RefusedWrite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedWrite(String message) {
            super(message, null, false, false);
        }
    }
}
