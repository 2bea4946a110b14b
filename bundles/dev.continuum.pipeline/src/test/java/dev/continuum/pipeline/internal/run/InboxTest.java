package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.Overflow;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record offered while its queue is closed (its component removed) is counted exactly once: by the close,
 * or by the caller, which {@code offer} tells with false (the review's L5). The interleavings are forced: the
 * queue holds the offering thread just before, or just after, its enqueue until the close has counted.
 */
class InboxTest {

    /** A queue that holds the first enqueue until {@link #closed} opens: before it, or after it. */
    private static final class HeldQueue extends ArrayBlockingQueue<Record> {
        private final boolean holdBefore;
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        HeldQueue(boolean holdBefore) {
            super(4);
            this.holdBefore = holdBefore;
        }

        /** An enqueue of the real queue. */
        private interface Enqueue {
            boolean run() throws InterruptedException;
        }

        @Override
        public boolean offer(Record record) {
            try {
                return held(() -> super.offer(record));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public boolean offer(Record record, long timeout, TimeUnit unit) throws InterruptedException {
            return held(() -> super.offer(record, timeout, unit));
        }

        private boolean held(Enqueue enqueue) throws InterruptedException {
            if (arrived.getCount() == 0) {
                return enqueue.run();
            }
            if (holdBefore) {
                hold();
                return enqueue.run();
            }
            boolean queued = enqueue.run();
            hold();
            return queued;
        }

        private void hold() throws InterruptedException {
            arrived.countDown();
            if (!closed.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never closed the queue");
            }
        }
    }

    private static long countedOnceWhenClosedWhileOffering(Overflow overflow, boolean holdBefore) throws Exception {
        HeldQueue queue = new HeldQueue(holdBefore);
        Inbox inbox = new Inbox(queue, overflow);
        CompletableFuture<Boolean> offered = CompletableFuture.supplyAsync(() -> inbox.offer(TestComponents.numbered(1)));
        assertThat(queue.arrived.await(10, TimeUnit.SECONDS)).as("the offer reached the queue").isTrue();

        // The runner removes the component: closes its queue and counts what it leaves.
        inbox.close();
        long countedByClose = inbox.takeLostOnClose();
        queue.closed.countDown();

        long countedByCaller = offered.get(10, TimeUnit.SECONDS) ? 0 : 1;
        assertThat(queue).as("nothing left in the closed queue, where nobody takes it").isEmpty();
        return countedByClose + countedByCaller;
    }

    @ParameterizedTest
    @EnumSource(Overflow.class)
    void aRecordQueuedInTheInstantAfterTheCloseIsCountedOnce(Overflow overflow) throws Exception {
        assertThat(countedOnceWhenClosedWhileOffering(overflow, true)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Overflow.class)
    void aRecordQueuedInTheInstantBeforeTheCloseIsCountedOnce(Overflow overflow) throws Exception {
        assertThat(countedOnceWhenClosedWhileOffering(overflow, false)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Overflow.class)
    void theCloseTakesAndCountsWhatWasQueuedBeforeIt(Overflow overflow) {
        Inbox inbox = new Inbox(4, overflow);
        inbox.offer(TestComponents.numbered(1));
        inbox.offer(TestComponents.numbered(2));
        assertThat(inbox.takeLostOnClose()).as("open: nothing lost").isZero();

        inbox.close();

        assertThat(inbox.takeLostOnClose()).isEqualTo(2);
        assertThat(inbox.takeLostOnClose()).as("counted once").isZero();
        assertThat(inbox.offer(TestComponents.numbered(3))).as("refused after the close").isFalse();
    }
}
