package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts, simulated on images of the store file: the content at the last completed fsync (the durable image)
 * with the writes made since that fell into its length, i.e. into space MVStore reused, which the kernel may have
 * written back in any order before the cut.
 */
class PowerCutTest {

    private static final int BACKLOG = 400;
    private static final int ROUND = 20;
    private static final int ACKS_PER_COMMIT = 12;

    @TempDir
    Path dir;

    /** Group commit, defaults, and no background compaction: the test makes every write. */
    static OutboxSettings withoutCompaction(String name, Path file) {
        return new OutboxSettings(name, file, "gw-" + name, DurabilityPolicy.GROUP_COMMIT,
                OutboxSettings.DEFAULT_SYNC_INTERVAL_MILLIS, OutboxSettings.DEFAULT_MAX_BATCH,
                OutboxSettings.DEFAULT_CAPACITY_BYTES, 0, FullPolicy.REJECT_NEW, TimeUnit.HOURS.toMillis(1));
    }

    private static OutboxSettings settings(Path file) {
        return withoutCompaction("powercut", file);
    }

    /**
     * While a backlog is drained and no new message comes, the writer commits acknowledgements every 20 ms without an
     * fsync (and the compactor commits its rewrites without one): more than MVStore's 5 kept versions pass the last
     * fsync, and MVStore wrote new chunks over chunks the durable version needs unless that version is pinned.
     */
    @ParameterizedTest(name = "compacting: {0}")
    @ValueSource(booleans = {false, true})
    void aPowerCutWhileABacklogIsDrainedWithoutNewMessagesKeepsEveryConfirmedUnacknowledgedMessage(
            boolean compacting) throws Exception {
        Path file = dir.resolve("drain.mv");
        // Retention time 0 stands for a backlog older than MVStore's 45 s (a broker outage being caught up).
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(0));
        List<String> unacknowledged = new ArrayList<>();
        try {
            for (int round = 0; round < BACKLOG / ROUND; round++) {
                List<CompletableFuture<DedupId>> confirmations = new ArrayList<>();
                for (int i = 0; i < ROUND; i++) {
                    confirmations.add(outbox.append("m/" + (round * ROUND + i), new byte[270], 1, false, 5));
                }
                CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            }
            PowerCutFilePath.watched(file).recordFromNow();
            List<OutboxRecord> handedOut = new ArrayList<>();
            while (handedOut.size() < BACKLOG) {
                handedOut.addAll(outbox.next(BACKLOG, 1000));
            }
            // The broker acknowledges the head of the backlog while no new message comes: the writer commits the
            // acknowledgements every 20 ms without an fsync.
            MVStore store = outbox.stateForTests().store();
            int acknowledged = 0;
            long before = store.getCurrentVersion();
            for (int commit = 0; commit < 30; commit++) {
                for (int i = 0; i < ACKS_PER_COMMIT; i++) {
                    outbox.acknowledge(handedOut.get(acknowledged++));
                }
                OutboxTest.awaitMessages(outbox, BACKLOG - acknowledged);
                awaitCommitted(store);
                if (compacting) {
                    outbox.compactStepForTests();
                }
            }
            store.commit(); // nothing to commit: waits until the writer's last commit is written
            assertThat(store.getCurrentVersion() - before).as("commits of acknowledgements").isGreaterThan(20);
            for (OutboxRecord record : handedOut.subList(acknowledged, BACKLOG)) {
                unacknowledged.add(record.topic());
            }

            assertEveryPowerCutKeeps(dir, file, unacknowledged);
        } finally {
            outbox.close();
        }
    }

    /**
     * Opens every image {@link PowerCutFilePath.Watched#checkPowerCuts} gives for {@code file} (as the next boot
     * would, quarantining what it cannot read) and asserts that it holds {@code expected}.
     */
    static void assertEveryPowerCutKeeps(Path dir, Path file, Collection<String> expected) throws Exception {
        int[] images = new int[1];
        PowerCutFilePath.watched(file).checkPowerCuts((moment, bytes) -> {
            Path image = dir.resolve("image-" + images[0]++ + ".mv");
            Files.write(image, bytes);
            try (Outbox reopened = Outboxes.open(settings(image))) {
                assertThat(reopened.status().quarantined()).as("power cut at %s: store quarantined", moment)
                        .isNull();
                assertThat(topics(reopened)).as("power cut at %s: confirmed, unacknowledged messages", moment)
                        .containsAll(expected);
            }
            Files.delete(image);
        });
    }

    /** Waits until the writer committed the acknowledgements made so far (the outbox does, every 20 ms). */
    private static void awaitCommitted(MVStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.hasUnsavedChanges()) {
            assertThat(System.nanoTime()).as("a commit of the acknowledgements within 10 s").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    static Set<String> topics(Outbox outbox) throws InterruptedException {
        Set<String> topics = new HashSet<>();
        for (List<OutboxRecord> batch = outbox.next(1000, 0); !batch.isEmpty(); batch = outbox.next(1000, 0)) {
            for (OutboxRecord record : batch) {
                topics.add(record.topic());
            }
        }
        return topics;
    }
}
