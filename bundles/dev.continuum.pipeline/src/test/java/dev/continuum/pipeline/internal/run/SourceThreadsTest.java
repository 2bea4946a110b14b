package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A component whose factory lets it run on its source's threads ({@link RunsOnSourceThreads}), as inference does. */
class SourceThreadsTest {

    private final TestComponents components = new TestComponents();
    private final AtomicReference<Emitter> source = new AtomicReference<>();
    private final PipelineRunner runner = new PipelineRunner("test", components);
    private final Set<String> midThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean overlapped;
    /** When set, the first call of the component waits on it (a downstream that cannot take more, say). */
    private volatile CountDownLatch stuck;
    private final CountDownLatch stuckEntered = new CountDownLatch(1);
    /** Calls whose wait was interrupted: like inference's wait for room, such a call loses its record. */
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicInteger sourceTicks = new AtomicInteger();

    SourceThreadsTest() {
        components.factories.put("source", TestComponents.factory(PortType.NONE, PortType.RECORDS, context -> {
            source.set(context.output());
            return new Component() {
                @Override
                public void accept(Record record, Emitter out) {
                    out.emit(record);
                }

                @Override
                public void tick(Instant now, Emitter out) {
                    sourceTicks.incrementAndGet();
                }
            };
        }));
        components.factories.put("on-source",
                TestComponents.onSourceThreads(PortType.RECORDS, PortType.RECORDS, this::onSource));
    }

    /** Counts what it sees (state that must survive graph changes) and notes its threads. */
    private Component onSource(ComponentContext context) {
        return new Component() {
            private long seen;

            @Override
            public void accept(Record record, Emitter out) {
                if (inside.incrementAndGet() > 1) {
                    overlapped = true;
                }
                midThreads.add(Thread.currentThread().getName());
                CountDownLatch hold = stuck;
                if (hold != null) {
                    stuck = null;
                    stuckEntered.countDown();
                    try {
                        hold.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        interrupted.incrementAndGet();
                        inside.decrementAndGet();
                        return;
                    }
                }
                seen++;
                context.output().emit(record.with("seen", TypedValue.ofLong(seen)));
                inside.decrementAndGet();
            }
        };
    }

    @AfterEach
    void close() throws InterruptedException {
        TestComponents.close(runner);
    }

    private static GraphSpec graph(String graphOptions) throws Exception {
        return GraphSpec.parse("""
                {%s"components": [
                  {"name": "in", "type": "source"},
                  {"name": "mid", "type": "on-source"},
                  {"name": "out", "type": "collect", "queue": 64}],
                 "wires": [{"emitter": "in", "receiver": "mid"}, {"emitter": "mid", "receiver": "out"}]}"""
                .formatted(graphOptions));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        TestComponents.await(what, condition);
    }

    private static Record record(int feeder, long n) {
        return new Record(Instant.now(), Map.of("feeder", TypedValue.ofLong(feeder), "n", TypedValue.ofLong(n)));
    }

    private Thread feeder(int id, long count, boolean pace) {
        Thread thread = new Thread(() -> {
            for (long n = 0; n < count; n++) {
                source.get().emit(record(id, n));
                if (pace && n % 10 == 0) {
                    LockSupport.parkNanos(200_000);
                }
            }
        }, "driver-" + id);
        thread.start();
        return thread;
    }

    /** Each feeder's records in the order the sink got them. */
    private List<Long> fromFeeder(int id) {
        List<Long> ns = new ArrayList<>();
        for (Record record : components.collected("out")) {
            if ((long) record.field("feeder").asDouble() == id) {
                ns.add((long) record.field("n").asDouble());
            }
        }
        return ns;
    }

    /**
     * mid's factory goes away, {@code count} records wait in mid's queue, and the factory comes back right after a
     * round of the ticker (which hands them on in its next round).
     */
    private void bufferedWhileItsFactoryWasAway(int count) throws Exception {
        var factory = components.factories.remove("on-source");
        runner.factoryRemoved("on-source");
        assertThat(runner.chains()).containsExactly(List.of("in"), List.of("mid"), List.of("out"));
        feeder(1, count, false).join();
        await("buffered", () -> runner.status().stream().anyMatch(s -> s.name().equals("mid") && s.queued() == count));
        components.factories.put("on-source", factory);
        int ticks = sourceTicks.get();
        await("a round of the ticker", () -> sourceTicks.get() > ticks); // the next one is 100 ms away
        runner.factoryAdded("on-source");
    }

    /** A driver's thread enters mid and waits there (for room downstream, say) until {@code room} opens. */
    private Thread heldInside(CountDownLatch room) throws InterruptedException {
        stuck = room;
        Thread driver = feeder(1, 1, false);
        assertThat(stuckEntered.await(10, TimeUnit.SECONDS)).isTrue();
        return driver;
    }

    private static Thread closing(PipelineRunner runner) {
        Thread closing = new Thread(runner::close, "closing");
        closing.setDaemon(true);
        closing.start();
        return closing;
    }

    @Test
    void itRunsOnTheSourcesThreadsOneCallAtATimeWithoutAThreadOfItsOwn() throws Exception {
        runner.apply(graph(""));
        assertThat(runner.chains()).containsExactly(List.of("in", "mid"), List.of("out"));
        Thread one = feeder(1, 5000, false);
        Thread two = feeder(2, 5000, false);
        one.join();
        two.join();
        await("10,000 records", () -> components.collected("out").size() == 10_000);

        List<Long> expected = java.util.stream.LongStream.range(0, 5000).boxed().toList();
        assertThat(fromFeeder(1)).isEqualTo(expected);
        assertThat(fromFeeder(2)).isEqualTo(expected);
        assertThat(midThreads).isSubsetOf("driver-1", "driver-2");
        assertThat(overlapped).as("never called by two source threads at once").isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .filteredOn(name -> name.startsWith("pipeline-test-"))
                .containsExactlyInAnyOrder("pipeline-test-out", "pipeline-test-sources");
    }

    @Test
    void takingItOffTheSourcesThreadsAndBackWhileRecordsFlowKeepsStateAndOrder() throws Exception {
        runner.apply(graph(""));
        long total = 5000;
        Thread feeder = feeder(1, total, true);
        await("the first records", () -> !components.collected("out").isEmpty());
        runner.apply(graph("\"chaining\": false, "));
        assertThat(runner.chains()).containsExactly(List.of("in"), List.of("mid"), List.of("out"));
        await("records on mid's own thread", () -> midThreads.contains("pipeline-test-mid"));
        runner.apply(graph(""));
        assertThat(runner.chains()).containsExactly(List.of("in", "mid"), List.of("out"));
        feeder.join();
        await("every record", () -> components.collected("out").size() == total);

        List<Record> out = components.collected("out");
        for (int i = 0; i < total; i++) {
            assertThat(out.get(i).field("n").asDouble()).as("record %d", i).isEqualTo(i);
            assertThat(out.get(i).field("seen").asDouble()).as("mid kept its count").isEqualTo(i + 1);
        }
        assertThat(midThreads).contains("driver-1", "pipeline-test-mid");
        assertThat(overlapped).isFalse();
    }

    @Test
    void whenItsFactoryGoesAwayItBuffersInItsOwnQueueAndReturnsToTheSourcesThreads() throws Exception {
        runner.apply(graph(""));
        bufferedWhileItsFactoryWasAway(50);
        assertThat(runner.chains()).containsExactly(List.of("in", "mid"), List.of("out"));
        await("resumed (the ticker hands on what waited)", () -> components.collected("out").size() == 50);
        feeder(1, 1, false).join();
        await("the next record", () -> components.collected("out").size() == 51);
        assertThat(fromFeeder(1)).containsExactly(java.util.stream.LongStream.concat(
                java.util.stream.LongStream.range(0, 50), java.util.stream.LongStream.of(0)).boxed().toArray(Long[]::new));
    }

    @Test
    void closingHandsOnWhatItsSourceEmittedAndStopsWithoutLosingAny() throws Exception {
        runner.apply(graph(""));
        Thread feeder = feeder(1, 3000, false);
        feeder.join();
        runner.close();

        assertThat(components.collected("out")).hasSize(3000);
    }

    @Test
    void aSourcesThreadStuckInsideItPastTheStopTimeoutKeepsItsNextChainOutUntilItLeaves() throws Exception {
        runner.apply(graph(""));
        CountDownLatch release = new CountDownLatch(1);
        Thread first = heldInside(release);

        // The change gives up waiting for the stuck call after 5 s; mid gets a thread of its own.
        runner.apply(graph("\"chaining\": false, "));
        assertThat(runner.chains()).containsExactly(List.of("in"), List.of("mid"), List.of("out"));
        feeder(2, 1, false).join();
        // mid's thread would take the queued record within a tick; it must wait for the stuck call instead.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (!overlapped && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(overlapped).as("mid's new thread called it while the stuck call was inside").isFalse();
        assertThat(components.collected("out")).isEmpty();

        release.countDown();
        first.join();
        await("both records", () -> components.collected("out").size() == 2);
        assertThat(fromFeeder(1)).containsExactly(0L);
        assertThat(fromFeeder(2)).containsExactly(0L);
        assertThat(overlapped).isFalse();
    }

    @Test
    void whatItsSourceEmittedBeforeTheGraphWasWiredComesFirstAndNotOnTheApplyingThread() throws Exception {
        components.factories.put("source", TestComponents.factory(PortType.NONE, PortType.RECORDS, context -> {
            for (long n = 0; n < 3; n++) {
                context.output().emit(record(0, n)); // inside create: nothing is wired yet
            }
            source.set(context.output());
            return (record, out) -> out.emit(record);
        }));
        runner.apply(graph(""));
        feeder(1, 5, false).join();
        await("8 records", () -> components.collected("out").size() == 8);

        assertThat(components.collected("out").subList(0, 3)).extracting(r -> r.field("feeder").asDouble())
                .containsOnly(0.0);
        assertThat(fromFeeder(0)).containsExactly(0L, 1L, 2L);
        assertThat(midThreads).as("the applying thread (which holds the runner) called no component")
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void closingWhileTheTickerHandsOnWhatWaitedForItInterruptsNothingAndLosesNothing() throws Exception {
        runner.apply(graph(""));
        CountDownLatch room = new CountDownLatch(1);
        stuck = room; // the first record handed on waits for room downstream
        bufferedWhileItsFactoryWasAway(20);
        assertThat(stuckEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(midThreads).containsExactly("pipeline-test-sources");

        Thread closing = closing(runner);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (interrupted.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        room.countDown();
        closing.join(15_000);

        assertThat(closing.isAlive()).isFalse();
        assertThat(interrupted).as("the ticker's wait in mid was not interrupted").hasValue(0);
        assertThat(components.collected("out")).hasSize(20);
    }

    @Test
    void closingLeavesWhatWaitsForItToTheTickerAndNeverCallsItOnTheClosingThread() throws Exception {
        runner.apply(graph(""));
        CountDownLatch room = new CountDownLatch(1);
        stuck = room; // the first record handed on waits for room downstream (the closing thread holds the runner)
        bufferedWhileItsFactoryWasAway(20);
        Thread closing = closing(runner); // before the ticker's next round

        assertThat(stuckEntered.await(10, TimeUnit.SECONDS)).isTrue();
        room.countDown();
        closing.join(15_000);

        assertThat(closing.isAlive()).isFalse();
        assertThat(midThreads).as("called by the ticker's thread, not the closing one").containsExactly(
                "pipeline-test-sources");
        assertThat(components.collected("out")).hasSize(20);
    }

    @Test
    void itsSourceIsStillTickedWhileASourcesThreadIsHeldInsideTheChain() throws Exception {
        runner.apply(graph(""));
        CountDownLatch room = new CountDownLatch(1);
        Thread first = heldInside(room);
        try {
            int before = sourceTicks.get();
            await("three ticks of the source while a driver's thread waits in mid", () -> sourceTicks.get() >= before + 3);
        } finally {
            room.countDown();
            first.join();
        }
    }
}
