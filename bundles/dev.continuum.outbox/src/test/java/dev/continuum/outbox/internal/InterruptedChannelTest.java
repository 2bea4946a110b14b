package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it reads the store's file closes the store's FileChannel for every thread (the JDK's
 * interruptible channels do); Paho interrupts its callback thread, which acknowledges, when a connection shuts down,
 * so an acknowledgement must not read the file.
 */
class InterruptedChannelTest {

    @TempDir
    Path dir;

    private static OutboxSettings settings(Path file) {
        return PowerCutTest.withoutCompaction("interrupted", file);
    }

    /** Runs {@code action} on a new thread whose interrupt flag is set, and waits for it. */
    private static void onAnInterruptedThread(Runnable action) throws InterruptedException {
        Thread thread = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                action.run();
            } catch (RuntimeException e) {
                // the read failed: ClosedByInterruptException
            }
        }, "interrupted");
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aBatchWhoseStoreChannelAnInterruptClosedRightAfterItsCommitIsConfirmedOnlyAfterARealFsync()
            throws Exception {
        Path file = dir.resolve("closed.mv");
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        try {
            outbox.append("before", new byte[100], 1, false, 5).get(10, TimeUnit.SECONDS);
            AtomicInteger forcesAtClose = new AtomicInteger(-1);
            // The next write is the next batch's commit: right after it, another thread is interrupted while it
            // reads the store's channel (as an acknowledgement reading a page would be), which closes the channel.
            watched.afterNextWrite(channel -> {
                try {
                    onAnInterruptedThread(() -> read(channel));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                forcesAtClose.set(watched.forces());
            });

            CompletableFuture<DedupId> appended = outbox.append("in the window", new byte[100], 1, false, 5);

            DedupId id = null;
            try {
                id = appended.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(CloudException.class);
                assertThat(((CloudException) e.getCause()).reason()).isEqualTo(CloudException.Reason.STORE_FAILURE);
            }
            assertThat(watched.closedByInterrupt()).as("the store's channel was closed by the interrupt").isEqualTo(1);
            if (id != null) {
                assertThat(watched.forces()).as("fsyncs completed after the channel was closed, before the"
                        + " confirmation").isGreaterThan(forcesAtClose.get());
            }

            DedupId after = appendUntilAccepted(outbox, "after");
            assertThat(after.sequence()).isGreaterThan(id == null ? 0 : id.sequence());
        } finally {
            outbox.close();
        }
    }

    /**
     * An acknowledgement only records itself; the writer thread removes the record. So an acknowledging thread with a
     * pending interrupt (or one that arrives meanwhile) cannot close the store's channel: it never reads the file.
     */
    @Test
    void anAcknowledgementOnAnInterruptedThreadNeverTouchesTheStoresFileAndTakesEffectWithoutARecovery()
            throws Exception {
        Path file = dir.resolve("acked.mv");
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        Set<String> confirmed = new HashSet<>();
        MvOutbox outbox = MvOutbox.open(settings(file), PowerCutFilePath.options(-1));
        try {
            List<CompletableFuture<DedupId>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(outbox.append("m/" + i, new byte[200], 1, false, 5));
                confirmed.add("m/" + i);
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            List<OutboxRecord> handedOut = outbox.next(200, 1000);
            outbox.dropCacheForTests(); // a removal must read its page from the file
            StoreState store = outbox.stateForTests();
            AtomicInteger stillInterrupted = new AtomicInteger(-1);

            onAnInterruptedThread(() -> {
                outbox.acknowledge(handedOut.get(0));
                stillInterrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            });

            assertThat(stillInterrupted.get()).as("the acknowledgement ran and left the interrupt pending").isEqualTo(1);
            OutboxTest.awaitMessages(outbox, 199);
            assertThat(watched.ioThreads()).as("threads that read or wrote the store's file")
                    .doesNotContain("interrupted").isNotEmpty();
            assertThat(watched.closedByInterrupt()).as("the store's channel stayed open").isZero();
            assertThat(outbox.stateForTests()).as("the store was not reopened").isSameAs(store);
            confirmed.remove(handedOut.get(0).topic());
            // Accepted at once: no failed commit, no refusal while the store is reopened.
            outbox.append("after", new byte[100], 1, false, 5).get(10, TimeUnit.SECONDS);
            confirmed.add("after");
        } finally {
            outbox.close();
        }
        try (Outbox reopened = Outboxes.open(settings(file))) {
            assertThat(PowerCutTest.topics(reopened)).containsAll(confirmed)
                    .doesNotContain("m/0");
        }
    }

    private static void read(FileChannel channel) {
        try {
            channel.read(ByteBuffer.allocate(16), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Appends until the outbox accepts again (it refuses writes for a while after a failed one). */
    static DedupId appendUntilAccepted(Outbox outbox, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return outbox.append(topic, new byte[100], 1, false, 5).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(System.nanoTime()).as("accepted again within 15 s: " + e.getCause()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
