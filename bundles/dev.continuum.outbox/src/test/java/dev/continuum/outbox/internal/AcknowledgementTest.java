package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acknowledgements are recorded and applied by the writer thread. These tests hold the writer in an fsync, so that
 * acknowledgements made meanwhile wait, and check what the outbox does with acknowledged records not yet removed.
 */
class AcknowledgementTest {

    /** Stored size of the records below: 22 bytes of header, gateway "gw-acks", a 3-byte topic, 100 bytes. */
    private static final int STORED = 22 + 7 + 3 + 100;

    @TempDir
    Path dir;

    /** Holds the writer thread in the next fsync of the store until closed. */
    private static final class HeldWriter implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldWriter(PowerCutFilePath.Watched watched) {
            watched.beforeNextForce(() -> {
                entered.countDown();
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Appends {@code topic}, whose batch's fsync holds the writer, and waits until it does. */
        CompletableFuture<DedupId> appendAndHold(Outbox outbox, String topic) throws InterruptedException {
            CompletableFuture<DedupId> appended = outbox.append(topic, new byte[100], 1, false, 5);
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the writer is in the fsync").isTrue();
            return appended;
        }

        @Override
        public void close() {
            released.countDown();
        }
    }

    private OutboxSettings settings(Path file) {
        return PowerCutTest.withoutCompaction("acks", file);
    }

    /** Appends {@code t/0..t/(count-1)}, waits for their confirmations and hands them all out. */
    private static List<OutboxRecord> appendAndHandOut(Outbox outbox, int count) throws Exception {
        List<CompletableFuture<DedupId>> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(outbox.append("t/" + i, new byte[100], 1, false, 5));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<OutboxRecord> handedOut = outbox.next(count, 1000);
        assertThat(handedOut).hasSize(count);
        return handedOut;
    }

    private static List<String> topics(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::topic).toList();
    }

    private static List<String> topics(int from, int to, String... more) {
        List<String> topics = new ArrayList<>();
        for (int i = from; i < to; i++) {
            topics.add("t/" + i);
        }
        topics.addAll(List.of(more));
        return topics;
    }

    @Test
    void anAcknowledgedRecordIsNotHandedOutAgainAfterARewindWhileTheWriterHasNotRemovedIt() throws Exception {
        Path file = dir.resolve("rewind.mv");
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        try {
            List<OutboxRecord> handedOut = appendAndHandOut(outbox, 20);
            try (HeldWriter held = new HeldWriter(PowerCutFilePath.watched(file))) {
                CompletableFuture<DedupId> trigger = held.appendAndHold(outbox, "trigger");
                handedOut.subList(0, 10).forEach(outbox::acknowledge);

                outbox.rewind();

                assertThat(topics(outbox.next(100, 100))).containsExactlyElementsOf(topics(10, 20, "trigger"));
                assertThat(outbox.status().messages()).as("counted until the writer removes them").isEqualTo(21);
                held.close();
                trigger.get(10, TimeUnit.SECONDS);
            }
            OutboxTest.awaitMessages(outbox, 11);
            outbox.rewind();
            assertThat(topics(outbox.next(100, 100))).containsExactlyElementsOf(topics(10, 20, "trigger"));
        } finally {
            outbox.close();
        }
        try (Outbox reopened = Outboxes.open(settings(file))) {
            assertThat(PowerCutTest.topics(reopened)).containsExactlyInAnyOrderElementsOf(topics(10, 20, "trigger"));
        }
    }

    @ParameterizedTest
    @EnumSource(FullPolicy.class)
    void aFullOutboxFreesTheRoomOfAcknowledgedRecordsBeforeItRefusesOrDropsAndCountsExactly(FullPolicy policy)
            throws Exception {
        Path file = dir.resolve("full.mv");
        MvOutbox outbox = MvOutbox.open(settings(file).withCapacity(11 * STORED, policy),
                PowerCutFilePath.options(-1));
        try {
            List<OutboxRecord> handedOut = appendAndHandOut(outbox, 10);
            assertThat(outbox.status().bytes()).isEqualTo(10 * STORED);
            try (HeldWriter held = new HeldWriter(PowerCutFilePath.watched(file))) {
                CompletableFuture<DedupId> last = held.appendAndHold(outbox, "t/x"); // the outbox is full now
                handedOut.subList(0, 5).forEach(outbox::acknowledge);

                CompletableFuture<DedupId> over = outbox.append("t/y", new byte[100], 1, false, 5);

                assertThat(over.isCompletedExceptionally()).as("refused as full").isFalse();
                assertThat(outbox.status().dropped()).as("dropped").isZero();
                assertThat(outbox.status().messages()).isEqualTo(7);
                assertThat(outbox.status().bytes()).isEqualTo(7 * STORED);
                held.close();
                last.get(10, TimeUnit.SECONDS);
                over.get(10, TimeUnit.SECONDS);
            }
        } finally {
            outbox.close();
        }
        try (Outbox reopened = Outboxes.open(settings(file))) {
            assertThat(reopened.status().messages()).isEqualTo(7);
            assertThat(reopened.status().bytes()).isEqualTo(7 * STORED);
            assertThat(PowerCutTest.topics(reopened)).containsExactlyInAnyOrderElementsOf(topics(5, 10, "t/x", "t/y"));
        }
    }

    @Test
    void whileTooManyAcknowledgementsWaitForTheWriterTheSenderGetsNothingAndIsWokenWhenTheyAreApplied()
            throws Exception {
        Path file = dir.resolve("bound.mv");
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        try {
            int waiting = Acknowledgements.MAX_WAITING;
            List<CompletableFuture<DedupId>> appends = new ArrayList<>();
            for (int i = 0; i < waiting + 10; i++) {
                appends.add(outbox.append("t/" + i, new byte[0], 1, false, 5));
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            List<OutboxRecord> handedOut = new ArrayList<>();
            while (handedOut.size() < waiting) {
                handedOut.addAll(outbox.next(waiting - handedOut.size(), 1000));
            }
            try (HeldWriter held = new HeldWriter(PowerCutFilePath.watched(file))) {
                CompletableFuture<DedupId> trigger = held.appendAndHold(outbox, "trigger");
                handedOut.forEach(outbox::acknowledge);

                assertThat(outbox.next(10, 100)).as("handed out while %d acknowledgements wait", waiting).isEmpty();

                held.close();
                trigger.get(10, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            List<OutboxRecord> next = outbox.next(10, 10_000);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("woken, not timed out")
                    .isLessThan(5_000);
            assertThat(topics(next)).containsExactlyElementsOf(topics(waiting, waiting + 10));
        } finally {
            outbox.close();
        }
    }

    @Test
    void acknowledgementsMadeWhileTheWriterIsInItsLastBatchAreCommittedByTheClose() throws Exception {
        Path file = dir.resolve("close.mv");
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        List<OutboxRecord> handedOut = appendAndHandOut(outbox, 20);
        Thread closer = new Thread(outbox::close, "closer");
        try (HeldWriter held = new HeldWriter(PowerCutFilePath.watched(file))) {
            held.appendAndHold(outbox, "trigger");
            handedOut.subList(0, 10).forEach(outbox::acknowledge);
            closer.start();
            // The close waits for the writer, which ends after the batch it is in.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (closer.getState() != Thread.State.TIMED_WAITING) {
                assertThat(System.nanoTime()).as("the close waits for the writer").isLessThan(deadline);
                Thread.sleep(1);
            }
        }
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(closer.isAlive()).isFalse();
        try (Outbox reopened = Outboxes.open(settings(file))) {
            assertThat(PowerCutTest.topics(reopened)).containsExactlyInAnyOrderElementsOf(topics(10, 20, "trigger"));
        }
    }

    @Test
    void acknowledgementsWhoseCommitFailedAreAppliedAgainToTheStoreReopenedAfterTheFailure() throws Exception {
        Path file = dir.resolve("reopen.mv");
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        try {
            List<OutboxRecord> handedOut = appendAndHandOut(outbox, 20);
            StoreState before = outbox.stateForTests();
            try (HeldWriter held = new HeldWriter(watched)) {
                held.appendAndHold(outbox, "trigger");
                handedOut.subList(0, 10).forEach(outbox::acknowledge);
                // The next write is the commit of those acknowledgements, when the writer is idle again.
                watched.failNextWriteWith(new IOException("Input/output error"));
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (outbox.stateForTests() == before) {
                assertThat(System.nanoTime()).as("reopened after the failed write").isLessThan(deadline);
                Thread.sleep(1);
            }
            OutboxTest.awaitMessages(outbox, 11);
            InterruptedChannelTest.appendUntilAccepted(outbox, "after");
        } finally {
            outbox.close();
        }
        try (Outbox reopened = Outboxes.open(settings(file))) {
            assertThat(PowerCutTest.topics(reopened))
                    .containsExactlyInAnyOrderElementsOf(topics(10, 20, "trigger", "after"));
        }
    }
}
