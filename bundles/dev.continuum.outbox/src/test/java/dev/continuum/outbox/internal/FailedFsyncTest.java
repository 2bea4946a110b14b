package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.outbox.OutboxRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedFsyncTest {

    @TempDir
    Path dir;

    @Test
    void aMessageWhoseFsyncFailedIsReportedAsWrittenButNotDurableAndIsStillDelivered() throws Exception {
        Path file = dir.resolve("fsync.mv");
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("fsync", file), PowerCutFilePath.options(-1));
        try {
            watched.failForcesWith(new IOException("Input/output error"));

            assertThat(outbox.append("unsure", new byte[10], 1, false, 5)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class).satisfies(e -> {
                        assertThat(e.getCause()).isInstanceOf(CloudException.class)
                                .hasMessageContaining("fsync of").hasMessageContaining("Input/output error")
                                .hasMessageContaining("written and is still delivered")
                                .hasMessageNotContaining("not stored");
                        assertThat(((CloudException) e.getCause()).reason())
                                .isEqualTo(CloudException.Reason.STORE_FAILURE);
                    });
            assertThat(outbox.writeRefusal()).as("new messages are refused meanwhile").contains("Input/output error");

            assertThat(outbox.next(10, 5000)).extracting(OutboxRecord::topic).containsExactly("unsure");
        } finally {
            watched.failForcesWith(null);
            outbox.close();
        }
    }

    /**
     * On Linux a failed writeback leaves the page cache serving content the disk never got, and later fsyncs
     * succeed ("fsyncgate"). A store reopened on the same file would build on chunks that are not on disk.
     */
    @Test
    void afterAFailedFsyncMessagesConfirmedLaterSurviveAPowerCutAlthoughTheFailedWritesNeverReachedTheDisk()
            throws Exception {
        Path file = dir.resolve("gate.mv");
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("gate", file), PowerCutFilePath.options(-1));
        Set<String> confirmed = new HashSet<>();
        try {
            appendAll(outbox, "a/", 50);
            confirmed.addAll(topics("a/", 50));
            // The writer is held in the next batch's write while 100 records queue, so that they form one batch:
            // whole leaves (16 records) that no later commit rewrites, which later versions need. That batch's
            // fsync fails.
            PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch queued = new CountDownLatch(1);
            watched.afterNextWrite(held -> {
                writing.countDown();
                awaitUninterruptibly(queued);
                watched.afterNextWrite(next -> watched.failNextForceLikeAFailedWriteback(
                        new IOException("Input/output error")));
            });
            CompletableFuture<DedupId> before = outbox.append("a/held", new byte[200], 1, false, 5);
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<DedupId>> lost = append(outbox, "b/", 100);
            queued.countDown();
            before.get(10, TimeUnit.SECONDS);
            confirmed.add("a/held");
            assertThat(lost.get(0)).failsWithin(Duration.ofSeconds(10));

            assertLaterConfirmationsSurviveEveryPowerCut(outbox, file, confirmed);
        } finally {
            outbox.close();
        }
    }

    /**
     * A failed {@code write} (not the fsync) makes MVStore close the store. The writeback of what was written since
     * the last fsync (here an acknowledgement's commit, which has none) may have failed before; the kernel reports
     * that to the next fsync of a descriptor opened before it. A store reopened without that fsync would build on
     * pages the disk never got, and later fsyncs through new descriptors succeed.
     */
    @Test
    void aWritebackErrorThatOnlyTheFsyncAfterAFailedWriteReportsHasTheStoreRewrittenLikeAFailedFsync()
            throws Exception {
        Path file = dir.resolve("failedwrite.mv");
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("failedwrite", file),
                PowerCutFilePath.options(-1));
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        Set<String> confirmed = new HashSet<>();
        try {
            appendAll(outbox, "a/", 50);
            List<OutboxRecord> handedOut = outbox.next(50, 5000);
            assertThat(handedOut).hasSize(50);
            for (OutboxRecord record : handedOut) {
                if (record.id().sequence() % 5 == 0) {
                    outbox.acknowledge(record);
                } else {
                    confirmed.add(record.topic());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watched.unsyncedWrites() == 0) {
                assertThat(System.nanoTime()).as("the acknowledgements committed without an fsync")
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
            watched.failWritebackNow(new IOException("Input/output error"));
            watched.failNextWriteWith(new IOException("Input/output error"));

            assertThat(outbox.append("failed", new byte[200], 1, false, 5)).failsWithin(Duration.ofSeconds(10));

            assertLaterConfirmationsSurviveEveryPowerCut(outbox, file, confirmed);
        } finally {
            outbox.close();
        }
    }

    /**
     * The rewrite after a failed fsync can fail too (the disk is failing or full). The file may then hold writes that
     * never reached the disk: no new message may be confirmed on it until a rewrite succeeded.
     */
    @Test
    void whileTheRewriteAfterAFailedFsyncFailsNewMessagesAreRefusedAndStoredOnesStillDelivered() throws Exception {
        Path file = dir.resolve("norewrite.mv");
        java.util.concurrent.atomic.AtomicBoolean rewriteFails = new java.util.concurrent.atomic.AtomicBoolean();
        StoreOptions watchedFiles = PowerCutFilePath.options(-1);
        StoreOptions options = new StoreOptions(new StoreOptions.Files() {
            @Override
            public String storeName(Path path) {
                return watchedFiles.files().storeName(path);
            }

            @Override
            public java.nio.channels.FileChannel openForSync(Path path) throws IOException {
                return watchedFiles.files().openForSync(path);
            }

            @Override
            public void replace(Path from, Path to) throws IOException {
                if (rewriteFails.get()) {
                    throw new IOException("No space left on device");
                }
                watchedFiles.files().replace(from, to);
            }

            @Override
            public void deleteIfExists(Path path) throws IOException {
                watchedFiles.files().deleteIfExists(path);
            }
        }, -1);
        MvOutbox outbox = MvOutbox.open(PowerCutTest.withoutCompaction("norewrite", file), options);
        PowerCutFilePath.Watched watched = PowerCutFilePath.watched(file);
        try {
            appendAll(outbox, "a/", 20);
            rewriteFails.set(true);
            watched.failForcesWith(new IOException("Input/output error"));
            assertThat(outbox.append("unsure", new byte[10], 1, false, 5)).failsWithin(Duration.ofSeconds(10));
            watched.failForcesWith(null); // fsyncs work again; the rewrite still fails

            // Well past the first back-off (0.5 s): every attempt is refused, none confirmed on the old file.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int refused = 0;
            while (System.nanoTime() < until) {
                assertThat(outbox.append("refused", new byte[10], 1, false, 5)).failsWithin(Duration.ofSeconds(10))
                        .withThrowableOfType(ExecutionException.class)
                        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(CloudException.class));
                refused++;
                Thread.sleep(100);
            }
            assertThat(refused).isGreaterThan(5);
            assertThat(outbox.writeRefusal()).contains("No space left on device", "refused");
            assertThat(outbox.next(100, 5000)).extracting(OutboxRecord::topic).as("stored ones still delivered")
                    .contains("a/0", "a/19", "unsure").doesNotContain("refused");

            rewriteFails.set(false);
            DedupId accepted = InterruptedChannelTest.appendUntilAccepted(outbox, "after");
            assertThat(accepted).isNotNull();
        } finally {
            watched.failForcesWith(null);
            outbox.close();
        }
    }

    /**
     * Appends once the outbox accepts again after a failure, then asserts that every power-cut image holds those and
     * {@code confirmed}.
     */
    private void assertLaterConfirmationsSurviveEveryPowerCut(MvOutbox outbox, Path file, Set<String> confirmed)
            throws Exception {
        InterruptedChannelTest.appendUntilAccepted(outbox, "c/first");
        confirmed.add("c/first");
        appendAll(outbox, "c/", 50);
        confirmed.addAll(topics("c/", 50));
        PowerCutTest.assertEveryPowerCutKeeps(dir, file, confirmed);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<CompletableFuture<DedupId>> append(MvOutbox outbox, String prefix, int count) {
        List<CompletableFuture<DedupId>> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(outbox.append(prefix + i, new byte[200], 1, false, 5));
        }
        return appends;
    }

    private static void appendAll(MvOutbox outbox, String prefix, int count) throws Exception {
        CompletableFuture.allOf(append(outbox, prefix, count).toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
    }

    private static List<String> topics(String prefix, int count) {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            topics.add(prefix + i);
        }
        return topics;
    }
}
