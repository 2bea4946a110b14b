package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private OutboxSettings settings(DurabilityPolicy policy) {
        return OutboxSettings.of("test", dir.resolve("test.mv"), "gw-1", policy);
    }

    private static DedupId append(Outbox outbox, String topic, int priority) throws Exception {
        return outbox.append(topic, topic.getBytes(StandardCharsets.UTF_8), 1, false, priority).get();
    }

    private static List<String> drain(Outbox outbox) throws InterruptedException {
        List<String> topics = new ArrayList<>();
        for (List<OutboxRecord> batch = outbox.next(100, 200); !batch.isEmpty(); batch = outbox.next(100, 50)) {
            for (OutboxRecord record : batch) {
                topics.add(record.topic());
                outbox.acknowledge(record);
            }
        }
        return topics;
    }

    /** Waits until the outbox counts {@code count} messages: acknowledged ones leave when the writer applies them. */
    static void awaitMessages(Outbox outbox, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outbox.status().messages() != count) {
            assertThat(System.nanoTime()).as("%d messages within 10 s, not %d", count, outbox.status().messages())
                    .isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void acceptedMessagesSurviveReopeningInOrderWithTheirIdentity() throws Exception {
        DedupId first;
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            first = append(outbox, "a/1", 5);
            append(outbox, "a/2", 5);
            append(outbox, "a/3", 5);
        }
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.SYNC_EACH))) {
            assertThat(outbox.status().messages()).isEqualTo(3);
            List<OutboxRecord> records = outbox.next(10, 100);
            assertThat(records).extracting(OutboxRecord::topic).containsExactly("a/1", "a/2", "a/3");
            assertThat(records.get(0).id()).isEqualTo(first);
            assertThat(new String(records.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("a/2");
        }
    }

    @Test
    void handsOutLowerPriorityNumbersFirstAndKeepsOrderWithinAPriority() throws Exception {
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            append(outbox, "low/1", 9);
            append(outbox, "mid/1", 5);
            append(outbox, "high/1", 0);
            append(outbox, "low/2", 9);
            append(outbox, "mid/2", 5);
            assertThat(drain(outbox)).containsExactly("high/1", "mid/1", "mid/2", "low/1", "low/2");
        }
    }

    @Test
    void recordLeavesOnlyWhenAcknowledgedAndRewindHandsOutTheRestAgainInOrder() throws Exception {
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            for (int i = 1; i <= 4; i++) {
                append(outbox, "t/" + i, 5);
            }
            List<OutboxRecord> sent = outbox.next(10, 100);
            assertThat(sent).hasSize(4);
            assertThat(outbox.status().inFlight()).isEqualTo(4);
            assertThat(outbox.next(10, 0)).as("nothing new while all are in flight").isEmpty();
            outbox.acknowledge(sent.get(0));
            outbox.acknowledge(sent.get(2));

            outbox.rewind();

            assertThat(outbox.next(10, 100)).extracting(OutboxRecord::topic).containsExactly("t/2", "t/4");
            awaitMessages(outbox, 2);
        }
    }

    @Test
    void rejectsNewMessagesWhenFullWithAnErrorNamingTheLimitAndKeepsTheStoredOnes() throws Exception {
        OutboxSettings small = settings(DurabilityPolicy.GROUP_COMMIT).withCapacity(300, FullPolicy.REJECT_NEW);
        try (Outbox outbox = Outboxes.open(small)) {
            int accepted = 0;
            Throwable refusal = null;
            while (refusal == null) {
                try {
                    append(outbox, "full/" + accepted, 5);
                    accepted++;
                } catch (ExecutionException e) {
                    refusal = e.getCause();
                }
            }
            assertThat(refusal).isInstanceOf(CloudException.class).hasMessageContaining("capacityBytes")
                    .hasMessageContaining("300");
            assertThat(((CloudException) refusal).reason()).isEqualTo(CloudException.Reason.OUTBOX_FULL);
            assertThat(outbox.status().rejected()).isEqualTo(1);
            assertThat(drain(outbox)).hasSize(accepted).first().isEqualTo("full/0");
        }
    }

    @Test
    void dropsTheOldestOfTheLowestPriorityWhenFullAndCountsThem() throws Exception {
        OutboxSettings small = settings(DurabilityPolicy.GROUP_COMMIT).withCapacity(400, FullPolicy.DROP_OLDEST);
        try (Outbox outbox = Outboxes.open(small)) {
            append(outbox, "urgent/1", 0);
            for (int i = 0; i < 20; i++) {
                append(outbox, "bulk/" + i, 9);
            }
            assertThat(outbox.status().dropped()).isPositive();
            assertThat(outbox.status().bytes()).isLessThanOrEqualTo(400);
            List<String> left = drain(outbox);
            assertThat(left).first().isEqualTo("urgent/1");
            assertThat(left).last().isEqualTo("bulk/19");
            assertThat(left.size() - 1 + outbox.status().dropped()).isEqualTo(20);
        }
    }

    @Test
    void messagesOlderThanTheMaximumAgeExpireAndAreCounted() throws Exception {
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT).withMaxAge(1))) {
            append(outbox, "old/1", 5);
            long accepted = System.currentTimeMillis();
            while (System.currentTimeMillis() <= accepted + 1) {
                Thread.onSpinWait();
            }
            assertThat(outbox.next(10, 0)).isEmpty();
            assertThat(outbox.status().expired()).isEqualTo(1);
            assertThat(outbox.status().messages()).isZero();
        }
    }

    @Test
    void everyOpeningIsANewBootEpochAndSequencesNeverRepeat() throws Exception {
        DedupId before;
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.SYNC_EACH))) {
            before = append(outbox, "x", 5);
            drain(outbox);
        }
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.SYNC_EACH))) {
            DedupId after = append(outbox, "y", 5);
            assertThat(after.bootEpoch()).isEqualTo(before.bootEpoch() + 1);
            assertThat(after.sequence()).isGreaterThan(before.sequence());
            assertThat(after.gatewayId()).isEqualTo("gw-1");
        }
    }

    @Test
    void aCorruptStoreIsQuarantinedAndAnEmptyOneStarts() throws Exception {
        Path file = dir.resolve("test.mv");
        byte[] garbage = "this is not an MVStore file, just garbage".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            String quarantined = outbox.status().quarantined();
            assertThat(quarantined).contains("test.mv.corrupt-");
            assertThat(Path.of(quarantined)).exists().hasBinaryContent(garbage);
            append(outbox, "fresh", 5);
            assertThat(drain(outbox)).containsExactly("fresh");
        }
    }

    @Test
    void compactionRewritesSparseChunksAndKeepsTheLiveRecordsInOrderAcrossReopening() throws Exception {
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            for (int i = 0; i < 5000; i++) {
                outbox.append("bulk/" + i, new byte[500], 1, false, 5);
            }
            append(outbox, "last", 5);
            List<String> kept = new ArrayList<>();
            for (List<OutboxRecord> batch = outbox.next(1000, 100); !batch.isEmpty(); batch = outbox.next(1000, 0)) {
                for (OutboxRecord record : batch) {
                    if (record.id().sequence() % 100 == 0) {
                        kept.add(record.topic());
                    } else {
                        outbox.acknowledge(record);
                    }
                }
            }
            awaitMessages(outbox, 50); // the writer applied the acknowledgements
            assertThat(((MvOutbox) outbox).compactFullyForTests()).as("chunks rewritten").isTrue();
            assertThat(kept).hasSize(50);
        }
        try (Outbox reopened = Outboxes.open(settings(DurabilityPolicy.GROUP_COMMIT))) {
            assertThat(drain(reopened)).hasSize(50).first().isEqualTo("bulk/99");
        }
    }

    @Test
    void appendsAfterCloseFailWithClosed() throws Exception {
        Outbox outbox = Outboxes.open(settings(DurabilityPolicy.MEMORY));
        append(outbox, "before", 5);
        outbox.close();
        assertThatThrownBy(() -> append(outbox, "after", 5)).hasCauseInstanceOf(CloudException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void badPriorityOrQosIsRefusedNamingTheAcceptedRange() {
        try (Outbox outbox = Outboxes.open(settings(DurabilityPolicy.MEMORY))) {
            assertThatThrownBy(() -> outbox.append("t", new byte[0], 3, false, 5).get())
                    .hasMessageContaining("qos 0, 1 or 2");
            assertThatThrownBy(() -> outbox.append("t", new byte[0], 1, false, 10).get())
                    .hasMessageContaining("priority must be 0..9");
        } catch (CloudException e) {
            throw new AssertionError(e);
        }
    }
}
