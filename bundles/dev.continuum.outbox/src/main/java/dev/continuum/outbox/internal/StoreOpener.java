package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.OutboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiFunction;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the store of an outbox, moving a file that cannot be read aside and starting empty. */
final class StoreOpener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /**
     * Records per MVStore leaf page (MVStore's default: 48). Every commit rewrites whole pages: the queue's tail
     * leaf with the records appended since the last commit plus those already in it, and the head leaf that
     * acknowledgements shrank. With ~270-byte records, 48-record leaves meant re-serialising up to ~13 KB per
     * leaf per group commit; 16 keeps that a third while the tree stays shallow.
     */
    static final int KEYS_PER_PAGE = 16;
    /**
     * MVStore's page cache in MB (its default: 16): none. MVStore puts every page it writes into its cache, so at the
     * standard line's 10,000 records/s a 4 MB cache turned over every 1-2 s: long enough for the records in those
     * pages to outlive the young collections and be promoted (~3.4 MB/s), which made the old generation of an 80 MB
     * heap fill every ~6 s and cost a full collection of 60-310 ms each time, the line's latency tail. What the
     * outbox reads back is recent (the queue's head and tail) and comes from the OS page cache instead; a drain of
     * 150,000 records after an outage was no slower without the cache (see docs/benchmarks.md, Standard line,
     * session 9). With no cache MVStore bounds a page by {@link #KEYS_PER_PAGE} only, not by its byte size.
     */
    static final int CACHE_MB = 0;

    /**
     * The opened store, its contents read, the quarantined file if there was one, and the write failure if
     * the new boot epoch could not be persisted (disk full at start: the store is open for reading only).
     */
    record Opened(StoreState state, String quarantined, RuntimeException writeFailure) {
    }

    private StoreOpener() {
    }

    static Opened open(OutboxSettings settings, StoreOptions options) throws CloudException {
        if (settings.policy() == DurabilityPolicy.MEMORY) {
            MVStore store = new MVStore.Builder().autoCommitDisabled().open();
            return new Opened(StoreState.load(store, DurableCommit.inMemory(store)), null, null);
        }
        Path file = settings.file().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new CloudException(CloudException.Reason.STORE_FAILURE,
                    "outbox " + settings.name() + ": cannot create directory " + file.getParent() + ": " + e, e);
        }
        try {
            return new Opened(load(file, options, StoreState::load), null, null);
        } catch (RuntimeException corrupt) {
            if (StoreHealth.isWriteFailure(corrupt)) {
                return readOnly(settings, options, file, corrupt);
            }
            if (!Files.exists(file)) {
                throw new CloudException(CloudException.Reason.STORE_FAILURE,
                        "outbox " + settings.name() + ": cannot create store " + file + ": " + corrupt, corrupt);
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new CloudException(CloudException.Reason.STORE_FAILURE, "outbox " + settings.name()
                        + ": store " + file + " is unreadable (" + corrupt + ") and cannot be moved aside: " + e, e);
            }
            LOG.error("Outbox {}: store {} is unreadable ({}); quarantined as {} and started empty: the messages"
                    + " in it were not delivered", settings.name(), file, corrupt.toString(), aside);
            return new Opened(load(file, options, StoreState::load), aside.toString(), null);
        }
    }

    /**
     * The store could be read but not written (disk full): opens it without writing, with the new epoch in
     * memory only (it is committed and synced by itself before the first write of records).
     */
    private static Opened readOnly(OutboxSettings settings, StoreOptions options, Path file,
            RuntimeException failure) throws CloudException {
        try {
            StoreState state = load(file, options, (store, durable) -> StoreState.read(store, durable, 0));
            LOG.error("Outbox {}: store {} cannot be written ({}); opened for delivery only, new messages are refused"
                    + " until the store can be written", settings.name(), file, failure.toString());
            return new Opened(state, null, failure);
        } catch (RuntimeException e) {
            throw new CloudException(CloudException.Reason.STORE_FAILURE, "outbox " + settings.name()
                    + ": cannot write store " + file + " (" + failure + ") nor read it (" + e + "); the file is kept",
                    e);
        }
    }

    /**
     * Opens the store again after a failed write closed it, without writing: what was committed is read
     * back and the boot epoch goes on.
     */
    static StoreState reopen(OutboxSettings settings, StoreOptions options, long epoch) {
        if (settings.policy() == DurabilityPolicy.MEMORY) {
            MVStore store = new MVStore.Builder().autoCommitDisabled().open();
            return StoreState.read(store, DurableCommit.inMemory(store), epoch);
        }
        return load(settings.file().toAbsolutePath(), options, (store, durable) -> StoreState.read(store, durable,
                epoch));
    }

    /** The store file {@code fileName} as the outbox opens it: no MVStore background writer, its page layout. */
    static MVStore openFile(String fileName) {
        return new MVStore.Builder().fileName(fileName).autoCommitDisabled().keysPerPage(KEYS_PER_PAGE)
                .cacheSize(CACHE_MB).open();
    }

    private static StoreState load(Path file, StoreOptions options,
            BiFunction<MVStore, DurableCommit, StoreState> reader) {
        MVStore store = openFile(options.fileName(file));
        DurableCommit durable = null;
        try {
            if (options.retentionMillis() >= 0) {
                store.setRetentionTime(options.retentionMillis());
            }
            durable = DurableCommit.forFile(store, file, options);
            return reader.apply(store, durable);
        } catch (RuntimeException e) {
            store.closeImmediately();
            if (durable != null) {
                durable.close();
            }
            throw e;
        }
    }
}
