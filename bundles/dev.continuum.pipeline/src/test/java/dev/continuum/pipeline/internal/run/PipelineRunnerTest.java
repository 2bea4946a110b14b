package dev.continuum.pipeline.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

    private final TestComponents components = new TestComponents();
    private final AtomicReference<Emitter> source = new AtomicReference<>();
    private final PipelineRunner runner = new PipelineRunner("test", components);

    PipelineRunnerTest() {
        components.factories.put("source", TestComponents.factory(PortType.NONE, PortType.RECORDS, context -> {
            source.set(context.output());
            return (record, out) -> out.emit(record);
        }));
    }

    @AfterEach
    void close() {
        runner.close();
    }

    private static GraphSpec graph(String sinkConfig, String middle) throws Exception {
        return GraphSpec.parse("""
                {"components": [
                  {"name": "in", "type": "source"},
                  {"name": "mid", "type": "%s"},
                  {"name": "out", "type": "collect", "config": {%s}, "queue": 64}],
                 "wires": [{"emitter": "in", "receiver": "mid"}, {"emitter": "mid", "receiver": "out"}]}"""
                .formatted(middle, sinkConfig));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void recordsFlowThroughEveryComponentInOrder() throws Exception {
        runner.apply(graph("", "pass"));
        for (long n = 0; n < 1000; n++) {
            source.get().emit(TestComponents.numbered(n));
        }
        await("1000 records", () -> components.collected("out").size() == 1000);

        List<Record> out = components.collected("out");
        for (int i = 0; i < 1000; i++) {
            assertThat(out.get(i).field("n").asDouble()).isEqualTo(i);
            assertThat(out.get(i).field("seen.mid").asDouble()).isEqualTo(i + 1);
        }
        assertThat(runner.status()).extracting(ComponentStatus::name).containsExactly("in", "mid", "out");
    }

    @Test
    void recordsEmittedWhileTheGraphIsBeingBuiltAreKeptAndComeFirst() throws Exception {
        components.factories.put("eager", TestComponents.factory(PortType.NONE, PortType.RECORDS, context -> {
            for (long n = 0; n < 100; n++) {
                context.output().emit(TestComponents.numbered(n)); // inside create: nothing is wired yet
            }
            source.set(context.output());
            return (record, out) -> out.emit(record);
        }));
        runner.apply(GraphSpec.parse("""
                {"components": [{"name": "in", "type": "eager"}, {"name": "out", "type": "collect", "queue": 16}],
                 "wires": [{"emitter": "in", "receiver": "out"}]}"""));
        source.get().emit(TestComponents.numbered(100));

        // More than the receiver's queue holds (block policy): passed on once the receiver runs, not before.
        await("101 records", () -> components.collected("out").size() == 101);
        assertThat(components.collected("out")).extracting(r -> (long) r.field("n").asDouble())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(0, 100).boxed().toList());
    }

    @Test
    void theBlockPolicyLosesNothingBehindATenTimesSlowerSink() throws Exception {
        runner.apply(graph("\"delay.us\": 200", "pass"));
        long sent = 5000;
        for (long n = 0; n < sent; n++) {
            source.get().emit(TestComponents.numbered(n));
        }
        await("every record", () -> components.collected("out").size() == sent);

        assertThat(runner.status()).allSatisfy(status -> {
            assertThat(status.dropped()).isZero();
            assertThat(status.failed()).isZero();
        });
    }

    @Test
    void dropOldestCountsWhatItDrops() throws Exception {
        runner.apply(GraphSpec.parse("""
                {"components": [{"name": "in", "type": "source"},
                  {"name": "out", "type": "collect", "config": {"delay.us": 2000}, "queue": 8, "overflow": "DROP_OLDEST"}],
                 "wires": [{"emitter": "in", "receiver": "out"}]}"""));
        for (long n = 0; n < 200; n++) {
            source.get().emit(TestComponents.numbered(n));
        }
        await("every record received or dropped",
                () -> runner.status().get(1).received() + runner.status().get(1).dropped() == 200);

        ComponentStatus out = runner.status().get(1);
        assertThat(out.dropped()).isPositive();
        assertThat(out.received() + out.dropped()).isEqualTo(200);
        assertThat(components.collected("out")).hasSize((int) out.received());
    }

    @Test
    void aChangedGraphKeepsTheStateOfUntouchedComponents() throws Exception {
        runner.apply(graph("", "pass"));
        for (long n = 0; n < 10; n++) {
            source.get().emit(TestComponents.numbered(n));
        }
        await("first 10", () -> components.collected("out").size() == 10);

        runner.apply(graph("\"changed\": true", "pass"));
        source.get().emit(TestComponents.numbered(10));
        await("record after the change", () -> components.collected("out").size() == 11);

        assertThat(components.collected("out").get(10).field("seen.mid").asDouble())
                .as("the untouched component kept its count").isEqualTo(11);
    }

    @Test
    void aBadGraphIsRefusedNamingTheProblemAndThePreviousGraphKeepsRunning() throws Exception {
        runner.apply(graph("", "pass"));

        assertThatThrownBy(() -> runner.apply(graph("", "nosuch")))
                .hasMessageStartingWith("component 'mid' has unknown type 'nosuch'; available: ");
        assertThatThrownBy(() -> runner.apply(GraphSpec.parse("""
                {"components": [{"name": "a", "type": "pass"}, {"name": "b", "type": "pass"}],
                 "wires": [{"emitter": "a", "receiver": "b"}, {"emitter": "b", "receiver": "a"}]}""")))
                .hasMessage("the graph has a cycle: a -> b -> a");
        assertThatThrownBy(() -> runner.apply(GraphSpec.parse("""
                {"components": [{"name": "a", "type": "pass"}], "wires": [{"emitter": "a", "receiver": "z"}]}""")))
                .hasMessage("wire a -> z is dangling: there is no component 'z'");
        assertThatThrownBy(() -> runner.apply(GraphSpec.parse("""
                {"components": [{"name": "s", "type": "samples"}, {"name": "t", "type": "samples"}],
                 "wires": [{"emitter": "s", "receiver": "t"}]}""")))
                .hasMessage("wire s -> t: 't' takes SAMPLES, but 's' emits RESULTS");

        source.get().emit(TestComponents.numbered(1));
        await("the previous graph still runs", () -> components.collected("out").size() == 1);
    }

    @Test
    void whenAFactoryGoesAwayItsComponentBuffersAndResumesWithNothingLost() throws Exception {
        runner.apply(graph("", "pass"));
        ComponentFactory pass = components.factories.remove("pass");
        runner.factoryRemoved("pass");
        for (long n = 0; n < 50; n++) {
            source.get().emit(TestComponents.numbered(n));
        }
        await("buffered", () -> runner.status().get(1).queued() == 50);
        assertThat(runner.status().get(1).state()).isEqualTo("WAITING");
        assertThat(components.collected("out")).isEmpty();

        components.factories.put("pass", pass);
        runner.factoryAdded("pass");
        await("resumed", () -> components.collected("out").size() == 50);
        assertThat(components.collected("out").get(49).field("n").asDouble()).isEqualTo(49);
    }
}
