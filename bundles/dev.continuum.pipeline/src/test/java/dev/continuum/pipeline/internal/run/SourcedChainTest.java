package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.ComponentSpec;
import dev.continuum.pipeline.internal.graph.Overflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A chain without a thread (a source and the component it calls on its drivers' threads), at the level of its
 * locks: the thread that stops it calls no component (the review's P5), and a source that emits on its tick
 * while its early records are passed on does not deadlock (P7 b).
 */
class SourcedChainTest {

    private final Ticker ticker = new Ticker("sourced");
    private final List<Record> accepted = new CopyOnWriteArrayList<>();
    private final List<String> acceptedOn = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeTicker() {
        ticker.close();
    }

    private static Stage stage(String name, Component component) {
        Stage stage = new Stage("sourced", new ComponentSpec(name, "t", Map.of(), 8, Overflow.BLOCK, true),
                new Inbox(8, Overflow.BLOCK));
        stage.begin(component);
        return stage;
    }

    /** Notes each record and its thread, after {@code room} opens (a full queue downstream until then). */
    private Stage mid(CountDownLatch room) {
        return stage("mid", (record, out) -> {
            acceptedOn.add(Thread.currentThread().getName());
            room.await(30, TimeUnit.SECONDS);
            accepted.add(record);
        });
    }

    @Test
    void stoppingItCallsNoComponentOnTheStoppingThreadAndLeavesWhatWaitsForTheNextChain() throws Exception {
        CountDownLatch room = new CountDownLatch(1);
        Stage source = stage("src", (record, out) -> { });
        Stage mid = mid(room);
        source.wire(new Stage.Wiring(mid, new Inbox[0]));
        Chain chain = new Chain("sourced", List.of(source, mid), ticker);
        // On the chain but not ticked yet: a record waits in mid's queue (queued before mid joined the chain).
        mid.attach(chain);
        source.attach(chain);
        mid.inbox.offer(TestComponents.numbered(1));

        Thread stopping = new Thread(chain::stop, "stopping");
        stopping.setDaemon(true);
        try {
            stopping.start();
            stopping.join(2000);
            assertThat(stopping.isAlive()).as("the stop returned (it holds the runner: it must not wait on a full"
                    + " queue downstream)").isFalse();
            assertThat(acceptedOn).as("no component called on the stopping thread").isEmpty();
            assertThat(mid.inbox.size()).as("left for the next chain of mid, which hands it on first").isEqualTo(1);
        } finally {
            room.countDown();
        }
    }

    @Test
    void aCallStoppedWhileItHandsOnWhatWaitedLeavesItsRecordBehindTheRest() throws Exception {
        CountDownLatch room = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        Stage source = stage("src", (record, out) -> { });
        Stage mid = stage("mid", (record, out) -> {
            if (record.field("n").asDouble() == 1) {
                inside.countDown();
                room.await(30, TimeUnit.SECONDS); // the first record that waited meets a full queue downstream
            }
            accepted.add(record);
        });
        source.wire(new Stage.Wiring(mid, new Inbox[0]));
        Chain chain = new Chain("sourced", List.of(source, mid), ticker);
        mid.attach(chain);
        source.attach(chain);
        mid.inbox.offer(TestComponents.numbered(1));
        mid.inbox.offer(TestComponents.numbered(2));
        AtomicReference<Boolean> called = new AtomicReference<>();
        Thread driver = new Thread(() -> called.set(chain.call(source, mid, TestComponents.numbered(3))), "driver");
        driver.setDaemon(true);
        driver.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        chain.stop(); // gives up waiting for the driver's call after 5 s
        room.countDown();
        driver.join(5000);

        assertThat(called.get()).as("refused: the caller forwards it again, behind record 2").isFalse();
        assertThat(accepted).extracting(record -> record.field("n").asDouble()).containsExactly(1.0);
    }

    @Test
    void aSourceEmittingOnItsTickWhileItsEarlyRecordsArePassedOnDoesNotDeadlock() throws Exception {
        AtomicReference<Thread> releasing = new AtomicReference<>();
        CountDownLatch ticked = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        Stage mid = mid(open);
        Stage source = stage("src", new Component() {
            @Override
            public void accept(Record record, Emitter out) {
            }

            @Override
            public void tick(Instant now, Emitter out) throws InterruptedException {
                if (ticked.getCount() == 0) {
                    return;
                }
                ticked.countDown();
                // Emits once the thread passing on the early record waits for the chain (or is through).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (System.nanoTime() < deadline) {
                    Thread applying = releasing.get();
                    if (applying != null && (mid.callLock.hasQueuedThread(applying) || !applying.isAlive())) {
                        break;
                    }
                    Thread.sleep(1);
                }
                out.emit(TestComponents.numbered(2));
            }
        });
        source.emitter().emit(TestComponents.numbered(1)); // emitted while the graph is built: held until release
        source.wire(new Stage.Wiring(mid, new Inbox[0]));
        Chain chain = new Chain("sourced", List.of(source, mid), ticker);
        chain.start();
        assertThat(ticked.await(5, TimeUnit.SECONDS)).as("the ticker ticks the source").isTrue();

        Thread applying = new Thread(source::release, "applying");
        applying.setDaemon(true);
        applying.start();
        releasing.set(applying);
        applying.join(5000);

        assertThat(applying.isAlive()).as("passing on the early record did not deadlock with the source's tick")
                .isFalse();
        TestComponents.await("both records", () -> accepted.size() == 2);
        assertThat(accepted).extracting(record -> record.field("n").asDouble()).containsExactly(1.0, 2.0);
    }

    /**
     * A source that calls {@code mid} and emitted records 1 to 30 before the graph was wired: more than mid's
     * queue (8) and a batch of leftovers take.
     */
    private static Stage sourceHolding30For(Stage mid) {
        Stage source = stage("src", (record, out) -> { });
        for (int n = 1; n <= 30; n++) {
            source.emitter().emit(TestComponents.numbered(n));
        }
        source.wire(new Stage.Wiring(mid, new Inbox[0]));
        return source;
    }

    @Test
    void theApplyingThreadLeavesTheHeldRecordsToTheTickerInsteadOfWaitingForRoomDownstream() throws Exception {
        CountDownLatch room = new CountDownLatch(1);
        Stage mid = mid(room);
        Stage source = sourceHolding30For(mid);
        Chain chain = new Chain("sourced", List.of(source, mid), ticker);
        chain.start();

        Thread applying = new Thread(source::release, "applying");
        applying.setDaemon(true);
        try {
            applying.start();
            applying.join(5000);
            assertThat(applying.isAlive()).as("the release returned (the applying thread holds the runner: it must"
                    + " not wait for room in a full queue downstream)").isFalse();
        } finally {
            room.countDown();
        }

        TestComponents.await("the held records", () -> accepted.size() == 30);
        assertThat(accepted).extracting(record -> (int) record.field("n").asDouble())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(acceptedOn).as("no component called on the applying thread").doesNotContain("applying");

        source.emitter().emit(TestComponents.numbered(31));
        TestComponents.await("a record emitted after them", () -> accepted.size() == 31);
    }

    @Test
    void theApplyingThreadQueuesTheHeldRecordsThatFitAndTheRestCountUntilPassedOnOrLost() throws Exception {
        CountDownLatch room = new CountDownLatch(1);
        Stage mid = mid(room);
        Stage source = sourceHolding30For(mid);
        // On a sourced chain the ticker has not run yet (not started): nothing passes the held records on but
        // the release.
        Chain chain = new Chain("sourced", List.of(source, mid), ticker);
        mid.attach(chain);
        source.attach(chain);
        try {
            source.release();

            assertThat(mid.inbox.size()).as("what fits in mid's queue (8), queued without waiting").isEqualTo(8);
            assertThat(source.held()).as("the rest, left to the source's threads or the ticker").isEqualTo(22);
            assertThat(source.pending()).as("pending: a stop's drain waits for them").isEqualTo(22);

            // The source is removed before anyone passed them on: counted as lost, once.
            assertThat(source.unhandled()).isEqualTo(22);
            assertThat(source.held()).isZero();
            assertThat(source.unhandled()).isZero();
            source.releaseIfAsked();
            assertThat(mid.inbox.size()).as("nothing passed on after they were counted").isEqualTo(8);
        } finally {
            room.countDown();
        }
    }
}
