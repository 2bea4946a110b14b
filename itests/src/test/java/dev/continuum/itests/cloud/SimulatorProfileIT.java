package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import dev.continuum.api.pipeline.ComponentStatus;
import dev.continuum.api.pipeline.PipelineStatus;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The simulator profile as {@code ./gw run} starts it (its features and default configuration), with its
 * cloud endpoint pointed at a test Mosquitto instead of the demo broker: the default pipeline runs end to
 * end, from the simulation OPC UA server through the anomaly model and the threshold to the broker, and
 * from the GPIO flow meter through the aggregate to the broker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatorProfileIT {

    private static final String BROKER_PROPERTY = "continuum.cloud.broker";

    @Inject
    private BundleContext context;

    @Inject
    private Pipelines pipelines;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        MosquittoBroker broker = MosquittoBroker.start();
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        return new Option[] {
            Runtime.profile("simulator", Files.createTempDirectory("continuum-simulator-"), Ports.free(),
                    List.of("dev.continuum.cloud.mqtt.demobroker")),
            frameworkProperty(BROKER_PROPERTY).value(broker.uri()),
            Runtime.pahoBundle()
        };
    }

    @Test
    public void theDefaultPipelineRunsFromTheSimulatedLineAndTheFlowMeterToTheBroker() throws Exception {
        try (Subscriber subscriber = new Subscriber(context.getProperty(BROKER_PROPERTY), "simulator-it", "#").connect()) {
            List<Subscriber.Received> scores = Await.until(Duration.ofSeconds(90), "anomaly scores at the broker", () -> {
                List<Subscriber.Received> received = subscriber.received().stream()
                        .filter(r -> r.topic().endsWith("line/press1/anomaly")).toList();
                return received.size() >= 5 ? received : null;
            });
            Subscriber.Received first = scores.get(0);
            assertThat(first.payload().metrics()).containsKeys("score", "label", "model", "version");
            assertThat(first.payload().metrics().get("model")).isEqualTo("line-anomaly");
            assertThat((Double) first.payload().metrics().get("score")).isGreaterThanOrEqualTo(0.0);

            Subscriber.Received flow = Await.until(Duration.ofSeconds(30), "flow aggregates at the broker",
                    () -> subscriber.received().stream().filter(r -> r.topic().endsWith("line/flow")).findFirst()
                            .orElse(null));
            assertThat(flow.payload().metrics()).containsKeys("min", "max", "mean", "count");
            assertThat((Double) flow.payload().metrics().get("mean")).isPositive();
        }
        PipelineStatus line = pipelines.status().stream().filter(p -> p.name().equals("line")).findFirst().orElseThrow();
        assertThat(line.state()).isEqualTo("RUNNING");
        assertThat(line.components()).extracting(ComponentStatus::name)
                .contains("press1", "score", "alarm", "stack-light", "scores", "flow", "flow-1s", "flows");
        assertThat(line.components()).allSatisfy(c -> assertThat(c.failed()).as(c.name()).isZero());
    }
}
