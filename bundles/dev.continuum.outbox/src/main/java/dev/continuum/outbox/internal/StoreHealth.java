package dev.continuum.outbox.internal;

import dev.continuum.outbox.OutboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store may be written. After a failed write (disk full, I/O error) new messages are refused
 * with one message that says why, while what was stored is still read and delivered; the writer thread
 * asks {@link #writable()} until the filesystem has {@link #RESUME_FREE_BYTES} free again (retried with
 * capped exponential backoff), then writes resume. Not thread-safe except {@link #refusal()}: the writer
 * thread owns it.
 */
final class StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
    static final long RESUME_FREE_BYTES = 1 << 20;
    static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 30_000;
    private static final String ENOSPC = "No space left on device";

    private final OutboxSettings settings;
    private volatile String refusal;
    private long retryAtMillis;
    private long delayMillis = FIRST_RETRY_MILLIS;
    private long failures;

    StoreHealth(OutboxSettings settings) {
        this.settings = settings;
    }

    /** Null while the store takes writes; otherwise why new messages are refused. */
    String refusal() {
        return refusal;
    }

    long failures() {
        return failures;
    }

    /** Records a failed write; returns the error for the publishers whose messages were not stored. */
    String failed(Throwable e) {
        failures++;
        boolean full = isDiskFull(e);
        String reason = full ? "disk full (" + ENOSPC + ")" : "store write failure (" + rootCause(e) + ")";
        refusal = "outbox " + settings.name() + ": " + reason + " writing " + settings.file()
                + "; the message was not stored. Messages stored before are kept and still delivered; new"
                + " messages are refused until " + (full ? "at least " + RESUME_FREE_BYTES
                        + " bytes are free on that filesystem" : "a retry of the store succeeds");
        retryAtMillis = System.currentTimeMillis() + delayMillis;
        delayMillis = Math.min(MAX_RETRY_MILLIS, delayMillis * 2);
        return refusal;
    }

    /** The writer thread's check before writing: false while refusing and not yet due or not enough space. */
    boolean writable() {
        if (refusal == null) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (now < retryAtMillis) {
            return false;
        }
        long free = usableSpace();
        if (free >= 0 && free < RESUME_FREE_BYTES) {
            retryAtMillis = now + delayMillis;
            delayMillis = Math.min(MAX_RETRY_MILLIS, delayMillis * 2);
            return false;
        }
        LOG.warn("Outbox {}: trying the store again ({} bytes free) after {} failed writes; accepting messages",
                settings.name(), free, failures);
        refusal = null;
        return true;
    }

    /** A write went through: the next failure starts the backoff from the beginning. */
    void succeeded() {
        delayMillis = FIRST_RETRY_MILLIS;
    }

    private long usableSpace() {
        Path file = settings.file();
        if (file == null) {
            return -1;
        }
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A write failed (as opposed to a file that cannot be read): MVStore's writing error or an I/O cause. */
    static boolean isWriteFailure(Throwable e) {
        if (e instanceof MVStoreException m && m.getErrorCode() == DataUtils.ERROR_WRITING_FAILED
                || e instanceof DurableCommit.SyncFailed) {
            return true;
        }
        return isDiskFull(e);
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(ENOSPC)) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
