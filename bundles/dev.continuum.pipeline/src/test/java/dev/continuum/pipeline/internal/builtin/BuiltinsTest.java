package dev.continuum.pipeline.internal.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.cloud.Accepted;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.StageConfig;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuiltinsTest {

    private final List<Record> out = new ArrayList<>();
    private final Emitter emitter = out::add;

    private record Ctx(String name, Map<String, Object> config) implements ComponentContext {
        @Override
        public String pipeline() {
            return "p";
        }

        @Override
        public Emitter output() {
            return record -> { };
        }
    }

    private static Component create(ComponentFactory factory, Map<String, Object> config) throws Exception {
        return factory.create(new Ctx("c", config));
    }

    private static Record sample(String channel, double value, String status) {
        return new Record(Instant.ofEpochMilli(1000), Map.of("channel", TypedValue.ofString(channel),
                "value", TypedValue.ofDouble(value), "status", TypedValue.ofString(status)));
    }

    @Test
    void inferenceStrideOverridesTheManifestsAndMustBeAWholeNumber() throws Exception {
        List<StageConfig> opened = new ArrayList<>();
        InferenceService service = (InferenceService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InferenceService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("openStage")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    opened.add((StageConfig) args[0]);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {InferenceStage.class},
                            (stage, m, a) -> null);
                });

        create(new InferenceFactory(service), Map.of("model", "m", "channels", "a/x, a/y", "stride", 1));
        create(new InferenceFactory(service), Map.of("model", "m", "channels", "a/x, a/y"));

        assertThat(opened).extracting(StageConfig::stride).containsExactly(1, 0);
        assertThat(opened.get(0).channelIds()).containsExactly("a/x", "a/y");
        for (Object bad : List.of(1.5, -2, "two")) {
            assertThatThrownBy(() -> create(new InferenceFactory(service),
                    Map.of("model", "m", "channels", "a/x", "stride", bad)))
                    .as(String.valueOf(bad)).hasMessageStartingWith("component 'c': 'stride' must be");
        }
    }

    @Test
    void filterPassesRecordsWhoseExpressionIsTrue() throws Exception {
        Component filter = create(new FilterFactory(), Map.of("expression", "status == 'GOOD' && value > 80"));
        filter.accept(sample("a", 90, "GOOD"), emitter);
        filter.accept(sample("a", 70, "GOOD"), emitter);
        filter.accept(sample("a", 95, "BAD"), emitter);

        assertThat(out).extracting(r -> r.field("value").asDouble()).containsExactly(90.0);
    }

    @Test
    void expressionsCannotLoopCallMethodsOrCreateObjectsAndBadOnesNameTheComponent() {
        for (String unsafe : List.of("''.getClass()", "while (true) {}", "new('java.io.File', '/')",
                "x = 1", "value > ")) {
            assertThatThrownBy(() -> create(new FilterFactory(), Map.of("expression", unsafe)))
                    .as(unsafe)
                    .hasMessageStartingWith("component 'c': expression '" + unsafe + "' does not compile");
        }
    }

    @Test
    void mapSetsFieldsFromExpressions() throws Exception {
        Component map = create(new MapFactory(), Map.of("set", Map.of("celsius", "(value - 32) / 1.8")));
        map.accept(sample("a", 212, "GOOD"), emitter);

        assertThat(out.get(0).field("celsius").asDouble()).isEqualTo(100.0);
        assertThat(out.get(0).field("channel").asString()).isEqualTo("a");
    }

    @Test
    void deadbandReportsByExceptionPerChannel() throws Exception {
        Component deadband = create(new DeadbandFactory(), Map.of("deadband", 1.0));
        for (double v : new double[] {10, 10.5, 11.2, 11.0, 9.9}) {
            deadband.accept(sample("a", v, "GOOD"), emitter);
        }
        deadband.accept(sample("b", 10.1, "GOOD"), emitter);
        deadband.accept(sample("a", 9.9, "BAD"), emitter);

        assertThat(out).extracting(r -> r.field("channel").asString() + "=" + r.field("value").asDouble())
                .containsExactly("a=10.0", "a=11.2", "a=9.9", "b=10.1", "a=9.9");
    }

    @Test
    void aggregateEmitsMinMaxMeanCountPerKeyEveryCountRecords() throws Exception {
        Component aggregate = create(new AggregateFactory(), Map.of("count", 4));
        for (double v : new double[] {1, 2, 3, 6}) {
            aggregate.accept(sample("a", v, "GOOD"), emitter);
        }

        assertThat(out).hasSize(1);
        Record result = out.get(0);
        assertThat(result.field("min").asDouble()).isEqualTo(1.0);
        assertThat(result.field("max").asDouble()).isEqualTo(6.0);
        assertThat(result.field("mean").asDouble()).isEqualTo(3.0);
        assertThat(result.field("count").asDouble()).isEqualTo(4.0);
    }

    @Test
    void slidingWindowsEmitOnEveryRecordOnceFullAndTumblingOnesEverySizeRecords() throws Exception {
        Component sliding = create(new WindowFactory(), Map.of("size", 3));
        for (double v : new double[] {1, 2, 3, 4}) {
            sliding.accept(sample("a", v, "GOOD"), emitter);
        }
        assertThat(out).extracting(r -> r.field("value").asDouble()).containsExactly(2.0, 3.0);
        assertThat(out.get(1).field("first").asDouble()).isEqualTo(2.0);
        assertThat(out.get(1).field("last").asDouble()).isEqualTo(4.0);

        out.clear();
        Component tumbling = create(new WindowFactory(), Map.of("size", 2, "stride", 2));
        for (double v : new double[] {1, 2, 3, 4, 5}) {
            tumbling.accept(sample("a", v, "GOOD"), emitter);
        }
        assertThat(out).extracting(r -> r.field("value").asDouble()).containsExactly(1.5, 3.5);
        assertThatThrownBy(() -> create(new WindowFactory(), Map.of("size", 2, "stride", 3)))
                .hasMessageContaining("stride between 1 and size");
    }

    @Test
    void thresholdRaisesAtHighAndClearsBelowLowOnly() throws Exception {
        Component threshold = create(new ThresholdFactory(), Map.of("high", 0.8, "low", 0.5));
        for (double score : new double[] {0.2, 0.85, 0.7, 0.6, 0.4, 0.9}) {
            threshold.accept(new Record(Instant.now(), Map.of("model", TypedValue.ofString("m"),
                    "score", TypedValue.ofDouble(score))), emitter);
        }

        assertThat(out).extracting(r -> r.field("score").asDouble() + ":" + r.field("alarm").asBoolean())
                .containsExactly("0.85:true", "0.4:false", "0.9:true");
        assertThatThrownBy(() -> create(new ThresholdFactory(), Map.of("high", 0.5, "low", 0.8)))
                .hasMessageContaining("'low' must not exceed it");
    }

    @Test
    void publishLetsMaxInFlightMessagesAwaitAcceptanceThenWaitsForOne() throws Exception {
        List<CompletableFuture<Accepted>> pending = new CopyOnWriteArrayList<>();
        PublishFactory factory = new PublishFactory();
        factory.addPublisher(message -> {
            CompletableFuture<Accepted> acceptance = new CompletableFuture<>();
            pending.add(acceptance);
            return acceptance;
        }, Map.of(CloudPublisher.ROUTE, "cloud"));
        Component publish = create(factory, Map.of("route", "cloud", "topic", "t", "maxInFlight", 3));
        for (int i = 0; i < 3; i++) {
            publish.accept(sample("a", i, "GOOD"), emitter); // none accepted yet, none waits
        }
        CountDownLatch fourthDone = new CountDownLatch(1);
        Thread fourth = new Thread(() -> {
            try {
                publish.accept(sample("a", 3, "GOOD"), emitter);
                fourthDone.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        fourth.start();

        assertThat(fourthDone.await(300, TimeUnit.MILLISECONDS)).as("a 4th message while 3 await acceptance").isFalse();
        assertThat(pending).hasSize(3);
        pending.get(0).complete(null);
        assertThat(fourthDone.await(10, TimeUnit.SECONDS)).as("the 4th once one was accepted").isTrue();
        assertThat(pending).hasSize(4);
        fourth.join();
    }

    @Test
    void publishRefusesAMaxInFlightThatIsNotAPositiveWholeNumber() {
        for (Object bad : new Object[] {0, -5, 2.5, "many"}) {
            assertThatThrownBy(() -> create(new PublishFactory(), Map.of("route", "cloud", "topic", "t", "maxInFlight", bad)))
                    .as("maxInFlight " + bad).hasMessageContaining("maxInFlight");
        }
    }

    @Test
    void publishTopicsTakeFieldValues() {
        assertThat(PublishFactory.topic("line/${channel}/score", sample("press-1/vib", 1, "GOOD")))
                .isEqualTo("line/press-1/vib/score");
    }
}
