package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.OutboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {

    @TempDir
    Path dir;

    /** A host with one store that does nothing else; tests override what they watch. */
    private static class StubHost implements StoreWriter.Host {
        private final StoreState state;

        StubHost(StoreState state) {
            this.state = state;
        }

        @Override
        public StoreState state() {
            return state;
        }

        @Override
        public void replace(StoreState fresh, List<Pending> inHand) {
        }

        @Override
        public void uncount(List<Pending> notStored) {
        }

        @Override
        public void applyAcknowledgements() {
        }

        @Override
        public int acknowledgementsApplied() {
            return 0;
        }

        @Override
        public void acknowledgementsCommitted(int applied) {
        }

        @Override
        public boolean takeAcknowledgementsPending() {
            return false;
        }

        @Override
        public void written() {
        }
    }

    /** A host with one store that records what it sees when the sender is woken. */
    private static StoreWriter.Host host(StoreState state, Runnable onWritten) {
        return new StubHost(state) {
            @Override
            public void written() {
                onWritten.run();
            }
        };
    }

    @Test
    void aBatchIsReadableForTheSenderBeforeItsCommitAndFsyncAndCommittedWhenTheWriteReturns() {
        MVStore store = new MVStore.Builder().autoCommitDisabled().open();
        StoreState state = StoreState.load(store, DurableCommit.inMemory(store));
        store.commit();
        List<String> seenAtWritten = new ArrayList<>();
        OutboxSettings settings = OutboxSettings.of("early", Path.of("unused.mv"), "gw", DurabilityPolicy.GROUP_COMMIT);
        StoreWriter writer = new StoreWriter(settings, StoreOptions.DEFAULT, new StoreHealth(settings), host(state,
                () -> seenAtWritten.add("in map: " + state.queues().get(5).containsKey(7L) + ", committed: "
                        + !store.hasUnsavedChanges())));

        writer.write(List.of(new Pending(5, 7, new byte[] {1}, new DedupId("gw", state.epoch(), 7),
                new CompletableFuture<>())));

        assertThat(seenAtWritten).containsExactly("in map: true, committed: false");
        assertThat(store.hasUnsavedChanges()).isFalse();
        store.close();
    }

    /**
     * While writes are refused (a full disk, for as long as it stays full), acknowledgements are still applied (delivery
     * goes on) but nothing is committed. The writer must not keep each applied one for a reopen meanwhile: a full
     * outbox draining on a full disk would grow the heap by ~90 bytes per delivered record.
     */
    @Test
    void acknowledgementsAppliedWhileWritesAreRefusedAreNotKeptUntilACommit() {
        MVStore store = new MVStore.Builder().autoCommitDisabled().open();
        StoreState state = StoreState.load(store, DurableCommit.inMemory(store));
        store.commit();
        OutboxSettings settings = OutboxSettings.of("refused", Path.of("unused.mv"), "gw", DurabilityPolicy.GROUP_COMMIT);
        StoreHealth health = new StoreHealth(settings);
        health.failed(new java.io.IOException("No space left on device"));
        List<Integer> forgotten = new ArrayList<>();
        int[] applied = {0};
        StoreWriter.Host host = new StubHost(state) {
            @Override
            public void applyAcknowledgements() {
                applied[0] += 3;
            }

            @Override
            public int acknowledgementsApplied() {
                return applied[0];
            }

            @Override
            public void acknowledgementsCommitted(int count) {
                forgotten.add(count);
                applied[0] -= count;
            }

            @Override
            public boolean takeAcknowledgementsPending() {
                return true;
            }
        };
        StoreWriter writer = new StoreWriter(settings, StoreOptions.DEFAULT, health, host);
        long version = store.getCurrentVersion();

        writer.persistAcknowledgements();
        writer.persistAcknowledgements();

        assertThat(health.refusal()).as("still refusing").isNotNull();
        assertThat(forgotten).as("applied acknowledgements let go after each idle round").containsExactly(3, 3);
        assertThat(applied[0]).isZero();
        assertThat(store.getCurrentVersion()).as("nothing committed while refused").isEqualTo(version);
        store.close();
    }

    /**
     * After a failed write the store is reopened without writing and goes on with the boot epoch it had, which may
     * exist in memory only (a boot on a full disk). If records of that epoch reached the sender before the epoch was
     * durable, a crash would let the next boot take the same epoch again: a different message would get the same
     * dedup id, and the cloud would drop it as a duplicate.
     */
    @Test
    void aStoreReopenedWithItsEpochInMemoryOnlyMakesTheEpochDurableBeforeARecordOfItCanBeHandedOut()
            throws Exception {
        Path file = dir.resolve("epoch.mv");
        OutboxSettings settings = OutboxSettings.of("epoch", file, "gw", DurabilityPolicy.GROUP_COMMIT);
        StoreOptions options = PowerCutFilePath.options(-1);
        StoreState first = StoreOpener.open(settings, options).state();
        long persisted = first.epoch();
        first.durable().close();
        first.store().close();
        // As after a boot on a full disk (epoch persisted + 1, in memory only) whose first write failed.
        StoreState reopened = StoreOpener.reopen(settings, options, persisted + 1);
        List<byte[]> durableWhenHandedOut = new ArrayList<>();
        StoreWriter writer = new StoreWriter(settings, options, new StoreHealth(settings), host(reopened,
                () -> durableWhenHandedOut.add(PowerCutFilePath.watched(file).durableImage())));

        long sequence = reopened.nextSequence();
        writer.write(List.of(new Pending(5, sequence, new byte[] {1}, new DedupId("gw", persisted + 1, sequence),
                new CompletableFuture<>())));
        reopened.durable().close();
        reopened.store().close();

        assertThat(durableWhenHandedOut).hasSize(1);
        assertThat(epochOfTheNextBoot(durableWhenHandedOut.get(0)))
                .as("the next boot's epoch after a power cut when the record was handed to the sender")
                .isEqualTo(persisted + 2);
        assertThat(epochOfTheNextBoot(PowerCutFilePath.watched(file).durableImage()))
                .as("the next boot's epoch after a power cut once the write returned").isEqualTo(persisted + 2);
    }

    private long epochOfTheNextBoot(byte[] image) throws Exception {
        Path copy = Files.createTempFile(dir, "image", ".mv");
        Files.write(copy, image);
        StoreState next = StoreOpener.open(OutboxSettings.of("next", copy, "gw", DurabilityPolicy.GROUP_COMMIT),
                StoreOptions.DEFAULT).state();
        next.durable().close();
        next.store().close();
        return next.epoch();
    }
}
