package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.OutboxSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

class StoreWriterTest {

    @Test
    void aBatchIsReadableForTheSenderBeforeItsCommitAndFsyncAndCommittedWhenTheWriteReturns() {
        MVStore store = new MVStore.Builder().autoCommitDisabled().open();
        StoreState state = StoreState.load(store);
        store.commit();
        List<String> seenAtWritten = new ArrayList<>();
        StoreWriter writer = new StoreWriter(OutboxSettings.of("early", Path.of("unused.mv"), "gw",
                DurabilityPolicy.GROUP_COMMIT), new StoreHealth(OutboxSettings.of("early", Path.of("unused.mv"), "gw",
                DurabilityPolicy.GROUP_COMMIT)), new StoreWriter.Host() {
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
                    public boolean takeAcknowledgementsPending() {
                        return false;
                    }

                    @Override
                    public void written() {
                        seenAtWritten.add("in map: " + state.queues().get(5).containsKey(7L) + ", committed: "
                                + !store.hasUnsavedChanges());
                    }
                });

        writer.write(List.of(new Pending(5, 7, new byte[] {1}, new DedupId("gw", state.epoch(), 7),
                new CompletableFuture<>())));

        assertThat(seenAtWritten).containsExactly("in map: true, committed: false");
        assertThat(store.hasUnsavedChanges()).isFalse();
        store.close();
    }
}
