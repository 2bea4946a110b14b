package dev.continuum.itests.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineStatus;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Pipelines in the real runtime, configured through ConfigAdmin, with components contributed through the
 * SPI by the test probe: live reconfiguration of one pipeline leaves another's sequence unbroken, a bad
 * graph is refused with the previous one still running, and a provider that goes away costs nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class PipelineIT {

    private static final String FLOW = """
            {"components": [
              {"name": "in", "type": "seq-source", "config": {"period.ms": %d}},
              {"name": "keep", "type": "filter", "config": {"expression": "%s"}},
              {"name": "out", "type": "seq-sink"}],
             "wires": [{"emitter": "in", "receiver": "keep"}, {"emitter": "keep", "receiver": "out"}]}""";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private Pipelines pipelines;

    @Inject
    private GatewayHealth health;

    private ServiceRegistration<ComponentFactory> source;
    private ServiceRegistration<ComponentFactory> sink;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        return new Option[] {Runtime.features(Files.createTempDirectory("continuum-pipeline-"), Ports.free(),
                "core", "pipeline")};
    }

    @Before
    public void registerTestComponents() {
        source = context.registerService(ComponentFactory.class, SequenceComponents.source(), type("seq-source"));
        sink = context.registerService(ComponentFactory.class, SequenceComponents.sink(), type("seq-sink"));
    }

    @After
    public void unregister() {
        source.unregister();
        sink.unregister();
    }

    private static Dictionary<String, Object> type(String type) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ComponentFactory.TYPE, type);
        return properties;
    }

    private Configuration pipeline(String name, String graph) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(Pipelines.FACTORY_PID, name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Pipelines.NAME, name);
        properties.put(Pipelines.GRAPH, graph);
        configuration.update(properties);
        return configuration;
    }

    private PipelineStatus status(String name) {
        return pipelines.status().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static void assertNoGap(List<Long> sequence) {
        for (int i = 1; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("record %d follows %d", i, i - 1).isEqualTo(sequence.get(i - 1) + 1);
        }
    }

    @Test
    public void editingOnePipelineLeavesAnothersSequenceUnbroken() throws Exception {
        pipeline("steady", FLOW.formatted(1, "value >= 0"));
        Configuration edited = pipeline("edited", FLOW.formatted(1, "value >= 0"));
        Await.until(Duration.ofSeconds(20), "both pipelines flowing", () ->
                SequenceComponents.RECEIVED.getOrDefault("steady", List.of()).size() > 100
                        && SequenceComponents.RECEIVED.getOrDefault("edited", List.of()).size() > 100);

        for (int i = 0; i < 5; i++) {
            Dictionary<String, Object> properties = edited.getProperties();
            properties.put(Pipelines.GRAPH, FLOW.formatted(1, "value >= " + i));
            edited.update(properties);
            int before = SequenceComponents.RECEIVED.get("steady").size();
            Await.until(Duration.ofSeconds(10), "steady keeps flowing",
                    () -> SequenceComponents.RECEIVED.get("steady").size() > before + 50);
        }

        assertNoGap(SequenceComponents.RECEIVED.get("steady"));
        assertThat(status("steady").state()).isEqualTo("RUNNING");
        assertThat(status("edited").state()).isEqualTo("RUNNING");
        assertThat(status("steady").components()).allSatisfy(c -> assertThat(c.dropped() + c.failed()).isZero());
    }

    @Test
    public void aBadGraphIsRefusedWithTheComponentAndReasonAndThePreviousGraphKeepsRunning() throws Exception {
        Configuration configuration = pipeline("guarded", FLOW.formatted(1, "value >= 0"));
        Await.until(Duration.ofSeconds(20), "flowing",
                () -> SequenceComponents.RECEIVED.getOrDefault("guarded", List.of()).size() > 20);

        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put(Pipelines.GRAPH, FLOW.formatted(1, "value >= "));
        configuration.update(properties);
        PipelineStatus refused = Await.until(Duration.ofSeconds(10), "refusal",
                () -> status("guarded").state().equals("REJECTED") ? status("guarded") : null);

        assertThat(refused.reason()).contains("component 'keep': expression 'value >= ' does not compile")
                .contains("the previous graph keeps running");
        int before = SequenceComponents.RECEIVED.get("guarded").size();
        Await.until(Duration.ofSeconds(10), "previous graph still flowing",
                () -> SequenceComponents.RECEIVED.get("guarded").size() > before + 20);
        ComponentHealth check = health.report().components().stream()
                .filter(c -> c.name().equals("Pipelines")).findFirst().orElseThrow();
        assertThat(check.status()).as(check.toString()).isEqualTo(HealthStatus.DOWN);
        assertThat(check.reason()).contains("guarded");
    }

    @Test
    public void whenAComponentProviderGoesAwayTheStageBuffersAndResumesWithoutLoss() throws Exception {
        pipeline("resilient", FLOW.formatted(2, "value >= 0"));
        Await.until(Duration.ofSeconds(20), "flowing",
                () -> SequenceComponents.RECEIVED.getOrDefault("resilient", List.of()).size() > 20);

        sink.unregister();
        Await.until(Duration.ofSeconds(10), "sink waiting", () -> status("resilient").components().stream()
                .anyMatch(c -> c.name().equals("out") && c.state().equals("WAITING") && c.queued() > 50));
        sink = context.registerService(ComponentFactory.class, SequenceComponents.sink(), type("seq-sink"));
        int before = SequenceComponents.RECEIVED.get("resilient").size();
        Await.until(Duration.ofSeconds(10), "resumed", () -> SequenceComponents.RECEIVED.get("resilient").size() > before + 100);

        assertNoGap(SequenceComponents.RECEIVED.get("resilient"));
    }

    @Test
    public void aLinearRunIsChainedOntoOneThreadAndChainingCanBeTurnedOffLive() throws Exception {
        Configuration configuration = pipeline("chained", FLOW.formatted(1, "value >= 0"));
        Await.until(Duration.ofSeconds(20), "flowing",
                () -> SequenceComponents.RECEIVED.getOrDefault("chained", List.of()).size() > 100);
        assertThat(SequenceComponents.SINK_THREAD.get("chained")).as("filter and sink share a thread")
                .isEqualTo("pipeline-chained-keep..out");
        PipelineStatus chained = status("chained");
        assertThat(chained.components()).extracting(c -> c.name()).containsExactly("in", "keep", "out");
        assertThat(chained.components()).allSatisfy(c -> assertThat(c.emitted() + c.received()).as(c.name()).isPositive());

        long filteredBefore = chained.components().get(1).received();
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put(Pipelines.GRAPH, FLOW.formatted(1, "value >= 0").replaceFirst("\\{", "{\"chaining\": false, "));
        configuration.update(properties);
        Await.until(Duration.ofSeconds(10), "the sink on its own thread",
                () -> "pipeline-chained-out".equals(SequenceComponents.SINK_THREAD.get("chained")));
        assertThat(status("chained").components().get(1).received()).as("the unchanged filter kept its counters")
                .isGreaterThanOrEqualTo(filteredBefore);
        int before = SequenceComponents.RECEIVED.get("chained").size();
        Await.until(Duration.ofSeconds(10), "still flowing",
                () -> SequenceComponents.RECEIVED.get("chained").size() > before + 100);

        assertNoGap(SequenceComponents.RECEIVED.get("chained"));
        assertThat(status("chained").components()).allSatisfy(c -> assertThat(c.dropped() + c.failed()).isZero());
    }
}
