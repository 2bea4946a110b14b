package dev.continuum.itests.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.itests.support.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * End to end with the simulator: the simulated line (OPC UA server) -> the OPC UA driver -> asset
 * {@code press1} -> an inference stage with the default model {@code line-anomaly}. The simulator's own
 * anomaly flag is the truth: windows that lie wholly inside an injected anomaly must be labelled
 * {@code anomaly}, windows wholly outside {@code normal}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatorInferenceIT {

    private static final Path DATA = tempDir();

    @Inject
    private BundleContext context;

    @Inject
    private InferenceService inference;

    @Configuration
    public Option[] configuration() throws IOException {
        // More anomalies than the demo default (one every ~2 s instead of ~100 s), so the test is short.
        return new Option[] {SimulatorRuntime.features(DATA, sim -> sim.addProperty("anomalyRate:Double", 0.05))};
    }

    @Test
    public void theSimulatorsInjectedAnomaliesScoreAboveTheThresholdAndItsNormalDataBelow() throws Exception {
        List<InferenceResult> results = new CopyOnWriteArrayList<>();
        ConcurrentSkipListMap<Instant, Boolean> truth = new ConcurrentSkipListMap<>();
        Models.awaitLoaded(inference, "line-anomaly");
        InferenceStage stage = inference.openStage(
                StageConfig.count("line-anomaly", List.of("press1/vibration", "press1/temperature")), results::add);
        SampleListener listener = sample -> {
            if (sample.channelId().equals("press1/anomaly") && sample.isGood()) {
                truth.put(sample.sourceTime(), sample.value().asBoolean());
            } else {
                stage.accept(sample);
            }
        };
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SampleListener.CHANNELS, new String[] {"press1/vibration", "press1/temperature", "press1/anomaly"});
        ServiceRegistration<SampleListener> registration =
                context.registerService(SampleListener.class, listener, properties);
        try {
            Await.until(Duration.ofSeconds(150), "10 anomalous and 20 normal windows", () -> {
                Map<Boolean, Integer> counts = classify(results, truth).counts();
                return counts.getOrDefault(true, 0) >= 10 && counts.getOrDefault(false, 0) >= 20;
            });
        } finally {
            registration.unregister();
            stage.close();
        }
        Classified classified = classify(results, truth);
        System.out.printf("simulator: %d windows, %s wholly anomalous/normal; mislabelled: %s%n", results.size(),
                classified.counts(), classified.wrong());
        assertThat(classified.wrong()).isEmpty();
    }

    private record Classified(Map<Boolean, Integer> counts, List<String> wrong) {
    }

    /** Windows wholly inside or outside an anomaly, by the simulator's flag; straddling windows are left out. */
    private static Classified classify(List<InferenceResult> results, ConcurrentSkipListMap<Instant, Boolean> truth) {
        Map<Boolean, Integer> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (InferenceResult result : results) {
            Map.Entry<Instant, Boolean> atStart = truth.floorEntry(result.windowStart());
            if (atStart == null || truth.higherKey(result.windowEnd()) == null) {
                continue; // state unknown, or not yet known to the end of the window
            }
            boolean changed = !truth.subMap(result.windowStart(), false, result.windowEnd(), true).isEmpty();
            if (changed) {
                continue;
            }
            boolean anomalous = atStart.getValue();
            counts.merge(anomalous, 1, Integer::sum);
            if (result.label().equals("anomaly") != anomalous) {
                wrong.add(result.windowStart() + " score " + result.score() + " label " + result.label());
            }
        }
        return new Classified(counts, wrong);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-itest-sim-inference-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
