package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real, small filesystem (tmpfs) that runs full while messages are appended. */
class DiskFullTest {

    private static final long FS_BYTES = 6L << 20;

    @TempDir
    Path dir;
    private Tmpfs fs;
    private Throwable failure;

    @BeforeEach
    void mount() throws Exception {
        fs = Tmpfs.mount(dir.resolve("small"), FS_BYTES);
        fs.fillLeaving(2L << 20);
    }

    @AfterEach
    void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    private Outbox open() throws CloudException {
        return Outboxes.open(OutboxSettings.of("full", fs.dir().resolve("full.mv"), "gw-1",
                DurabilityPolicy.GROUP_COMMIT));
    }

    /** Appends in rounds of 50 until one fails; returns the confirmed topics and sets {@link #failure}. */
    private Set<String> appendUntilFull(Outbox outbox) throws InterruptedException, TimeoutException {
        Set<String> confirmed = new HashSet<>();
        int next = 0;
        while (failure == null && next < 1_000_000) {
            List<CompletableFuture<?>> round = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < 50; i++, next++) {
                topics.add("m/" + next);
                round.add(outbox.append("m/" + next, new byte[200], 1, false, 5));
            }
            for (int i = 0; i < round.size(); i++) {
                try {
                    round.get(i).get(10, TimeUnit.SECONDS);
                    confirmed.add(topics.get(i));
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
        }
        return confirmed;
    }

    private static Set<String> drain(Outbox outbox) throws InterruptedException {
        Set<String> topics = new HashSet<>();
        for (List<OutboxRecord> batch = outbox.next(500, 500); !batch.isEmpty(); batch = outbox.next(500, 200)) {
            for (OutboxRecord record : batch) {
                topics.add(record.topic());
                outbox.acknowledge(record);
            }
        }
        return topics;
    }

    private static void assertDiskFull(Throwable error) {
        assertThat(error).isInstanceOf(CloudException.class).hasMessageContaining("disk full")
                .hasMessageContaining("No space left on device").hasMessageContaining("full.mv");
        assertThat(((CloudException) error).reason()).isEqualTo(CloudException.Reason.STORE_FAILURE);
    }

    @Test
    void publishersGetDiskFullWhileStoredMessagesAreStillDeliveredAndAcceptsResumeWhenSpaceReturns()
            throws Exception {
        Outbox outbox = open();
        Set<String> confirmed = appendUntilFull(outbox);
        assertThat(confirmed).hasSizeGreaterThan(1000);
        assertDiskFull(failure);

        CompletableFuture<?> refused = outbox.append("refused", new byte[200], 1, false, 5);
        assertThat(refused).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .satisfies(e -> assertDiskFull(e.getCause()));

        assertThat(outbox.writeRefusal()).contains("disk full");
        Set<String> delivered = drain(outbox);
        assertThat(delivered).as("every confirmed message is still delivered").containsAll(confirmed);

        fs.freeBallast();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String resumed = null;
        for (int i = 0; resumed == null && System.nanoTime() < deadline; i++) {
            try {
                outbox.append("after/" + i, "x".getBytes(StandardCharsets.UTF_8), 1, false, 5).get();
                resumed = "after/" + i;
            } catch (ExecutionException e) {
                assertDiskFull(e.getCause());
                Thread.sleep(50);
            }
        }
        assertThat(resumed).as("accepts resume once space is free").isNotNull();
        assertThat(outbox.writeRefusal()).isNull();
        Set<String> after = new HashSet<>(List.of(resumed));
        for (int i = 0; i < 100; i++) {
            outbox.append("later/" + i, new byte[200], 1, false, 5).get();
            after.add("later/" + i);
        }
        assertThat(drain(outbox)).containsAll(after);
        assertTimeoutPreemptively(Duration.ofSeconds(10), outbox::close);
    }

    @Test
    void closeCompletesOnAFullDiskAndTheStoreReopensWithEveryConfirmedMessage() throws Exception {
        Outbox outbox = open();
        Set<String> confirmed = appendUntilFull(outbox);
        assertDiskFull(failure);

        assertTimeoutPreemptively(Duration.ofSeconds(10), outbox::close);

        fs.freeBallast();
        try (Outbox reopened = open()) {
            assertThat(drain(reopened)).containsAll(confirmed);
        }
    }

    @Test
    void aSenderDrainingWhileTheDiskRunsFullLosesNoConfirmedMessage() throws Exception {
        Outbox outbox = open();
        Set<String> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            try {
                while (running.get()) {
                    for (OutboxRecord record : outbox.next(200, 20)) {
                        delivered.add(record.topic());
                        outbox.acknowledge(record);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-sender");
        sender.start();
        Set<String> confirmed;
        try {
            confirmed = appendUntilFull(outbox);
            assertDiskFull(failure);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!delivered.containsAll(confirmed) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            running.set(false);
            sender.join(10_000);
        }
        assertThat(delivered).as("confirmed while a sender was draining").containsAll(confirmed);
        assertTimeoutPreemptively(Duration.ofSeconds(10), outbox::close);
    }

    @Test
    void anOutboxOpenedOnAFullDiskDeliversWhatItHoldsAndAcceptsOnceSpaceReturns() throws Exception {
        Set<String> confirmed = new HashSet<>();
        long epoch = 0;
        try (Outbox outbox = open()) {
            for (int i = 0; i < 100; i++) {
                epoch = outbox.append("stored/" + i, new byte[200], 1, false, 5).get().bootEpoch();
                confirmed.add("stored/" + i);
            }
        }
        try {
            Files.write(fs.dir().resolve("filler"), new byte[(int) Files.getFileStore(fs.dir()).getUsableSpace()]);
        } catch (java.io.IOException full) {
            // full either way
        }

        try (Outbox outbox = open()) {
            assertThat(outbox.writeRefusal()).as("refuses from the start").contains("disk full");
            assertThat(outbox.append("refused", new byte[1], 1, false, 5))
                    .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                    .satisfies(e -> assertDiskFull(e.getCause()));
            assertThat(drain(outbox)).containsAll(confirmed);

            fs.freeBallast();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (outbox.writeRefusal() != null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(outbox.append("after", new byte[1], 1, false, 5).get(10, TimeUnit.SECONDS).bootEpoch())
                    .as("the new boot epoch, persisted with the first write").isEqualTo(epoch + 1);
        }
        try (Outbox reopened = open()) {
            assertThat(reopened.append("later", new byte[1], 1, false, 5).get(10, TimeUnit.SECONDS).bootEpoch())
                    .isEqualTo(epoch + 2);
        }
    }
}
