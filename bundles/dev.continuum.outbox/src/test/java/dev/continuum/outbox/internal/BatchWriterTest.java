package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.outbox.OutboxSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The group commit's timing, with a sink that stands in for the store and takes a known time per write. */
class BatchWriterTest {

    private static final long INTERVAL_MILLIS = 200;

    /** Start and end ({@link System#nanoTime()}) of every write, and the sequences it held. */
    private record Write(long start, long end, List<Long> sequences) {
    }

    private static final class TimedSink implements BatchWriter.Sink {
        final List<Write> writes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        volatile long writeMillis;

        @Override
        public void write(List<Pending> batch) {
            long start = System.nanoTime();
            firstStarted.countDown();
            try {
                Thread.sleep(writeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.add(new Write(start, System.nanoTime(), batch.stream().map(Pending::sequence).toList()));
        }

        @Override
        public void applyAcknowledgements() {
        }

        @Override
        public void persistAcknowledgements() {
        }

        @Override
        public void failed(List<Pending> batch, RuntimeException e) {
        }
    }

    private static BatchWriter writer(TimedSink sink) {
        OutboxSettings settings = new OutboxSettings("timing", Path.of("unused.mv"), "gw", DurabilityPolicy.GROUP_COMMIT,
                INTERVAL_MILLIS, 4096, 1 << 20, 0, FullPolicy.REJECT_NEW, 30_000);
        BatchWriter writer = new BatchWriter(settings, sink, batch -> batch.forEach(p -> p.future().complete(p.id())));
        writer.start();
        return writer;
    }

    private static Pending pending(long sequence) {
        return new Pending(5, sequence, new byte[0], new DedupId("gw", 1, sequence), new CompletableFuture<>());
    }

    @Test
    void recordsQueuedDuringAWriteLongerThanTheIntervalAreWrittenRightAfterIt() throws Exception {
        TimedSink sink = new TimedSink();
        sink.writeMillis = INTERVAL_MILLIS * 2;
        BatchWriter writer = writer(sink);
        try {
            Pending first = pending(1);
            writer.enqueue(first);
            assertThat(sink.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Pending second = pending(2);
            writer.enqueue(second);
            second.future().get(10, TimeUnit.SECONDS);

            assertThat(sink.writes).extracting(Write::sequences).containsExactly(List.of(1L), List.of(2L));
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(sink.writes.get(1).start() - sink.writes.get(0).end());
            // not another interval on top of the slow write
            assertThat(gapMillis).isLessThan(INTERVAL_MILLIS / 2);
        } finally {
            writer.stop();
        }
    }

    @Test
    void writesShorterThanTheIntervalStartAtLeastOneIntervalApart() throws Exception {
        TimedSink sink = new TimedSink();
        sink.writeMillis = 0;
        BatchWriter writer = writer(sink);
        try {
            Pending first = pending(1);
            writer.enqueue(first);
            first.future().get(10, TimeUnit.SECONDS);
            Pending second = pending(2);
            Pending third = pending(3);
            writer.enqueue(second);
            writer.enqueue(third);
            third.future().get(10, TimeUnit.SECONDS);

            assertThat(sink.writes).extracting(Write::sequences).containsExactly(List.of(1L), List.of(2L, 3L));
            long apartMillis = TimeUnit.NANOSECONDS.toMillis(sink.writes.get(1).start() - sink.writes.get(0).start());
            assertThat(apartMillis).isGreaterThanOrEqualTo(INTERVAL_MILLIS - 1);
        } finally {
            writer.stop();
        }
    }
}
