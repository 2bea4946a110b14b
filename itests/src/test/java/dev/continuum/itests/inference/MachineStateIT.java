package dev.continuum.itests.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.inference.InferenceException;
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
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
 * The default multi-channel classifier {@code machine-state} end to end: the simulated line (OPC UA) ->
 * the OPC UA driver -> asset {@code press1}'s four signals -> an inference stage. The simulator runs
 * 3-second cycles (a 3 s pause every 30 s instead of every 10 min) and injects faults often; its own
 * {@code running} and {@code anomaly} flags are the truth. Windows wholly in one state must be labelled
 * with it: {@code running}, {@code paused} or {@code fault}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MachineStateIT {

    private static final Path DATA = tempDir();
    private static final String MODEL = "machine-state";
    private static final List<String> CHANNELS =
            List.of("press1/vibration", "press1/temperature", "press1/pressure", "press1/current");
    /** Windows per state before the test judges. */
    private static final int PER_STATE = 5;
    /** The least share of windows labelled right, per state. */
    private static final double MIN_ACCURACY = 0.9;
    /** A state must hold this long before a window starts: another channel's sample may still be the old state's. */
    private static final Duration SETTLE = Duration.ofMillis(250);

    @Inject
    private BundleContext context;

    @Inject
    private InferenceService inference;

    @Configuration
    public Option[] configuration() throws IOException {
        return new Option[] {SimulatorRuntime.features(DATA, sim -> {
            sim.addProperty("anomalyRate:Double", 0.02);
            // A pause is one cycle in ten: 3 s holds two or three whole windows after the settling time, so
            // that five paused windows come within a few pauses even on a slow machine (2 s was too short).
            sim.addProperty("cycleSeconds:Double", 3.0);
        })};
    }

    @Test
    public void theClassifierLabelsTheSimulatorsRunningPausedAndFaultWindows() throws Exception {
        Models.awaitLoaded(inference, MODEL);
        List<InferenceResult> results = new CopyOnWriteArrayList<>();
        ConcurrentSkipListMap<Instant, Boolean> running = new ConcurrentSkipListMap<>();
        ConcurrentSkipListMap<Instant, Boolean> fault = new ConcurrentSkipListMap<>();
        InferenceStage stage = inference.openStage(StageConfig.count(MODEL, CHANNELS), results::add);
        SampleListener listener = sample -> {
            if (sample.channelId().equals("press1/running") && sample.isGood()) {
                running.put(sample.sourceTime(), sample.value().asBoolean());
            } else if (sample.channelId().equals("press1/anomaly") && sample.isGood()) {
                fault.put(sample.sourceTime(), sample.value().asBoolean());
            } else {
                stage.accept(sample);
            }
        };
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SampleListener.CHANNELS, List.of(CHANNELS, List.of("press1/running", "press1/anomaly"))
                .stream().flatMap(List::stream).toArray(String[]::new));
        ServiceRegistration<SampleListener> registration =
                context.registerService(SampleListener.class, listener, properties);
        try {
            try {
                Await.until(Duration.ofSeconds(300), PER_STATE + " windows wholly in each state", () -> {
                    Map<String, int[]> tally = tally(results, running, fault);
                    return tally.size() == 3 && tally.values().stream().allMatch(counts -> counts[0] >= PER_STATE);
                });
            } catch (AssertionError e) {
                StringBuilder seen = new StringBuilder();
                tally(results, running, fault).forEach((state, counts) -> seen.append(' ').append(state).append(' ')
                        .append(counts[0]));
                throw new AssertionError(e.getMessage() + "; windows wholly in one state so far:" + seen, e);
            }
        } finally {
            registration.unregister();
            stage.close();
        }
        Map<String, int[]> tally = tally(results, running, fault);
        int windows = 0;
        int right = 0;
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, int[]> state : tally.entrySet()) {
            int[] counts = state.getValue();
            windows += counts[0];
            right += counts[1];
            report.append(String.format(" %s %d/%d", state.getKey(), counts[1], counts[0]));
        }
        double accuracy = (double) right / windows;
        System.out.printf("machine-state: %d windows scored, %d wholly in one state, labelled right:%s, accuracy %.3f%n",
                results.size(), windows, report, accuracy);
        assertThat(tally).containsOnlyKeys("running", "paused", "fault");
        for (Map.Entry<String, int[]> state : tally.entrySet()) {
            assertThat((double) state.getValue()[1] / state.getValue()[0]).as("accuracy on %s", state.getKey())
                    .isGreaterThanOrEqualTo(MIN_ACCURACY);
        }
        assertThat(results).allSatisfy(result -> assertThat(result.score()).isBetween(0.0, 1.0));
    }

    @Test
    public void aManifestWhoseLabelsDoNotMatchTheOutputColumnsIsRejectedAndTheClassifierKeepsServing()
            throws Exception {
        Models.awaitLoaded(inference, MODEL);
        Models shipped = Models.shipped(context, MODEL);
        byte[] manifest = shipped.manifest(MODEL, "2.0.0", json -> {
            JsonArray labels = new JsonArray();
            labels.add("normal");
            labels.add("fault");
            json.getAsJsonObject("score").add("labels", labels);
        });

        Throwable failure = catchThrowable(() -> inference.install(shipped.model, manifest).get(30, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(InferenceException.class).hasMessageContaining(
                "post-processing check: score.labels of machine-state@2.0.0 names 2 classes [normal, fault]"
                        + " but output 'probabilities' has 3 columns");
        assertThat(inference.status(MODEL).orElseThrow().activeVersion()).isEqualTo("1.0.0");
        assertThat(Path.of(context.getProperty("continuum.data"), "models", MODEL, "2.0.0")).doesNotExist();
    }

    /**
     * Per true state, {windows wholly in it, of those labelled with it}. A window counts when both flags are
     * known from {@link #SETTLE} before its start to after its end and neither changes in between.
     */
    private static Map<String, int[]> tally(List<InferenceResult> results, ConcurrentSkipListMap<Instant, Boolean> running,
            ConcurrentSkipListMap<Instant, Boolean> fault) {
        Map<String, int[]> tally = new TreeMap<>();
        for (InferenceResult result : results) {
            Instant from = result.windowStart().minus(SETTLE);
            Optional<Boolean> isRunning = steady(running, from, result.windowEnd());
            Optional<Boolean> isFault = steady(fault, from, result.windowEnd());
            if (isRunning.isEmpty() || isFault.isEmpty()) {
                continue;
            }
            String state = isFault.get() ? "fault" : isRunning.get() ? "running" : "paused";
            int[] counts = tally.computeIfAbsent(state, s -> new int[2]);
            counts[0]++;
            if (result.label().equals(state)) {
                counts[1]++;
            }
        }
        return tally;
    }

    /** The flag's value over {@code [from, to]} when it is known there and does not change. */
    private static Optional<Boolean> steady(ConcurrentSkipListMap<Instant, Boolean> flag, Instant from, Instant to) {
        Map.Entry<Instant, Boolean> atStart = flag.floorEntry(from);
        if (atStart == null || flag.higherKey(to) == null) {
            return Optional.empty();
        }
        boolean changes = flag.subMap(from, false, to, true).values().stream()
                .anyMatch(value -> !value.equals(atStart.getValue()));
        return changes ? Optional.empty() : Optional.of(atStart.getValue());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-itest-machine-state-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
