package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStore.TxCounter;

/**
 * Commits one store, with or without an fsync, and keeps what the last fsync made durable intact on disk.
 *
 * <p><b>The durable version is pinned.</b> MVStore frees the space of a chunk that no longer holds live pages once the
 * chunk is older than its retention time ({@link StoreOptions#RETENTION_MILLIS}, counted from the chunk's creation) and
 * died more than {@code versionsToKeep} (5) versions ago, and writes later chunks into that space. It does not know
 * which version an fsync made durable: commits without an fsync (acknowledgements while no batch comes, compaction,
 * MVStore's own commits when unsaved pages pile up) can let a chunk that the durable version still needs die and be
 * overwritten in the page cache. A power cut then leaves a file whose durable version refers to overwritten chunks: it
 * opens rolled back far past the last fsync, or not at all, and confirmed messages are lost. So a version usage ({@link
 * MVStore#registerVersionUsage()}) is held at the version the last successful fsync covered (taken before that commit,
 * so it is never above it) and moved only after the next fsync succeeded.
 *
 * <p><b>The fsync goes through a channel of its own.</b> A thread interrupted while it reads or writes the store's
 * {@link FileChannel} closes that channel for every thread (ClosedByInterruptException), and MVStore's
 * {@code sync()} then silently does nothing while the store still reads as open: a batch would be confirmed without
 * an fsync. Threads the outbox does not own still read the store (the sender's thread; producers that make room in a
 * full outbox); acknowledgements, which arrive on the MQTT client's callback thread that Paho interrupts when a
 * connection shuts down, no longer do (the writer thread applies them). An fsync on any
 * descriptor of the file flushes all of its dirty pages, and this channel is used by the writer thread only, which
 * is never interrupted; if it fails or was closed, the fsync fails loudly.
 *
 * <p>Used by the writer thread, and by opening and closing while that thread is not running.
 */
final class DurableCommit implements AutoCloseable {

    /**
     * A commit without fsync (acknowledgements) is made durable after all when the last fsync is older than this:
     * the pinned version cannot move without one, and while it stays, MVStore reuses no space freed after it.
     */
    static final long LAZY_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MVStore store;
    private final String fileName;
    private final FileChannel channel;
    private TxCounter pinned;
    private boolean durableSinceOpen;
    private long lastDurableNanos = System.nanoTime();

    private DurableCommit(MVStore store, String fileName, FileChannel channel) {
        this.store = store;
        this.fileName = fileName;
        this.channel = channel;
        // What was on disk when the store was opened is the durable version until the first fsync.
        this.pinned = channel == null ? null : store.registerVersionUsage();
    }

    /** For the store file {@code file}, opened as {@code options} say. */
    static DurableCommit forFile(MVStore store, Path file, StoreOptions options) {
        String fileName = options.fileName(file);
        try {
            return new DurableCommit(store, fileName, options.files().openForSync(file.toAbsolutePath()));
        } catch (IOException e) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_READING_FAILED,
                    "Could not open {0} for fsync", fileName, e);
        }
    }

    /** For a store in memory: commits only. */
    static DurableCommit inMemory(MVStore store) {
        return new DurableCommit(store, null, null);
    }

    /**
     * Commits and fsyncs (a store in memory: commits); the committed version becomes the pinned one.
     *
     * @throws RuntimeException if the commit failed, {@link SyncFailed} if the fsync did (what was committed is in
     *     the store, not known to be on disk); the pin then stays where it was
     */
    synchronized void commit() {
        if (channel == null) {
            store.commit();
            durableSinceOpen = true;
            return;
        }
        TxCounter next = store.registerVersionUsage();
        boolean durable = false;
        try {
            store.commit();
            force();
            durable = true;
        } finally {
            if (durable) {
                store.deregisterVersionUsage(pinned);
                pinned = next;
                durableSinceOpen = true;
                lastDurableNanos = System.nanoTime();
            } else {
                store.deregisterVersionUsage(next);
            }
        }
    }

    /**
     * Commits without an fsync (what a crash may lose is delivered again), unless the last fsync is older than
     * {@link #LAZY_LIMIT_NANOS}: then as {@link #commit()}.
     */
    synchronized void commitLazily() {
        if (channel != null && System.nanoTime() - lastDurableNanos >= LAZY_LIMIT_NANOS) {
            commit();
        } else {
            store.commit();
        }
    }

    /**
     * Whether a commit was made durable since the store was opened: until then the boot epoch may exist in memory
     * only (a store reopened, or opened on a full disk, without writing).
     */
    synchronized boolean durableSinceOpen() {
        return durableSinceOpen;
    }

    /**
     * Before the store is reopened after a failed write that was not this channel's fsync (an I/O error on
     * {@code write}, e.g. of a commit without fsync or a compaction step): fsyncs once more. The kernel reports a
     * writeback error to the next fsync of a descriptor opened before it; closing this channel without one would miss
     * it, and the store reopened on the same file would build on pages that never reached the disk.
     *
     * @return false if the fsync failed: the file may have lost writes, as after a failed fsync
     */
    synchronized boolean syncBeforeReopen() {
        if (channel == null || !channel.isOpen()) {
            return true;
        }
        try {
            force();
            return true;
        } catch (SyncFailed e) {
            return false;
        }
    }

    private void force() {
        try {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            throw new SyncFailed(fileName, e);
        }
    }

    /** Releases the pin and closes the fsync channel; call once the store is closed. */
    @Override
    public synchronized void close() {
        if (pinned != null) {
            store.deregisterVersionUsage(pinned);
            pinned = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }

    /** The commit went through, its fsync did not: what it wrote is readable but not known to be on disk. */
    static final class SyncFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyncFailed(String fileName, Throwable cause) {
            super("fsync of " + fileName + " failed: " + cause, cause);
        }
    }
}
