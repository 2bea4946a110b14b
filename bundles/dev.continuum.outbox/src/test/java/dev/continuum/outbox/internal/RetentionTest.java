package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.outbox.OutboxRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the store keeps chunks that hold nothing live any more: about a second ({@link
 * StoreOptions#RETENTION_MILLIS}), not MVStore's 45 s, which under steady traffic kept 45 s of writes in the file and
 * their bookkeeping on the heap.
 */
class RetentionTest {

    /** At least this long and this many group commits, so that most chunks are older than the retention time. */
    private static final long CHURN_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final int CHURN_COMMITS = 300;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void underSteadyTrafficTheStoreKeepsAboutASecondOfChunksNotEveryChunkItWrote() throws Exception {
        // No background compaction: what is freed here is freed by the retention time alone.
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("retention", dir.resolve("retention.mv")),
                StoreOptions.DEFAULT);
        try {
            MVStore store = outbox.stateForTests().store();
            long firstVersion = store.getCurrentVersion();
            long start = System.nanoTime();
            int sent = 0;
            while (System.nanoTime() - start < CHURN_NANOS
                    || store.getCurrentVersion() - firstVersion < CHURN_COMMITS) {
                assertThat(System.nanoTime() - start).as("%d group commits within 60 s", CHURN_COMMITS)
                        .isLessThan(GIVE_UP_NANOS);
                // A small batch, handed out and acknowledged: every group commit writes a chunk, and the chunks of
                // earlier commits die as their records are removed.
                List<CompletableFuture<DedupId>> confirmations = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    confirmations.add(outbox.append("m/" + sent++, new byte[270], 1, false, 5));
                }
                CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                List<OutboxRecord> handedOut = new ArrayList<>();
                while (handedOut.size() < confirmations.size()) {
                    handedOut.addAll(outbox.next(confirmations.size() - handedOut.size(), 1000));
                }
                handedOut.forEach(outbox::acknowledge);
            }
            OutboxTest.awaitMessages(outbox, 0);
            long commits = store.getCurrentVersion() - firstVersion;
            long chunks = store.getLayoutMap().keySet().stream().filter(key -> key.startsWith("chunk.")).count();

            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            // With MVStore's 45 s every chunk of these seconds would still be there (chunks ~= commits).
            assertThat(chunks).as("chunks in the file after %d commits in %d s", commits, seconds)
                    .isLessThan(commits / 2);
        } finally {
            outbox.close();
        }
    }
}
