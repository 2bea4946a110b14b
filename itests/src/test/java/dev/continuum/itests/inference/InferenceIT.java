package dev.continuum.itests.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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

/**
 * The inference feature in the real runtime with the real ONNX Runtime: the default model from the
 * store, anomalies scored above the threshold, hot swap, shadow, promote and rollback under load, bad
 * models rejected with the failed check, and drift raised after the signals shift and not before.
 * Each test works on its own model name, so the tests do not depend on each other's order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InferenceIT {

    private static final Path DATA = tempDir();
    private static final int HTTP_PORT = Ports.free();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private InferenceService inference;

    @Inject
    private GatewayHealth health;

    @Inject
    private org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        return new Option[] {Runtime.features(DATA, HTTP_PORT, "core", "inference")};
    }

    @org.junit.Before
    public void defaultModelsLoaded() {
        Models.awaitLoaded(inference, Models.DEFAULT, "line-anomaly");
    }

    @Test
    public void theDefaultModelServesFromTheModelStoreOnCpu() throws IOException {
        ModelStatus status = inference.status(Models.DEFAULT).orElseThrow();
        assertThat(status.activeVersion()).isEqualTo("1.0.0");
        assertThat(status.provider()).isEqualTo(ExecutionProvider.CPU);
        Path data = Path.of(context.getProperty("continuum.data"));
        Path models = data.resolve("models").resolve(Models.DEFAULT);
        assertThat(models.resolve("1.0.0/model.onnx")).exists();
        assertThat(Files.readString(models.resolve("active"), StandardCharsets.UTF_8).trim()).isEqualTo("1.0.0");
        // ORT's natives live in the gateway's data directory, not in a fresh temp copy per load.
        assertThat(data.resolve("runtime/onnxruntime/libonnxruntime.so")).exists();
        assertThat(System.getProperty("onnxruntime.native.path")).isEqualTo(
                data.resolve("runtime/onnxruntime").toAbsolutePath().toString());
    }

    @Test
    public void aStageScoresInjectedAnomaliesAboveTheThresholdAndNormalDataBelow() {
        List<InferenceResult> results = Collections.synchronizedList(new ArrayList<>());
        InferenceStage stage;
        try {
            stage = inference.openStage(StageConfig.count(Models.DEFAULT,
                    List.of("line1/vibration", "line1/temperature")), results::add);
        } catch (InferenceException e) {
            throw new AssertionError(e);
        }
        Signals signals = new Signals(7);
        List<Long> windowStarts = new ArrayList<>();
        for (int w = 0; w < 200; w++) {
            boolean spike = w % 10 == 9;
            windowStarts.add(signals.time().toEpochMilli());
            for (int t = 0; t < 16; t++) {
                java.time.Instant time = signals.time();
                double[] sample = signals.next();
                stage.accept(Sample.good("line1/other", TypedValue.ofDouble(1e9), time));
                stage.accept(Sample.good("line1/temperature", TypedValue.ofDouble(sample[1]), time));
                stage.accept(Sample.good("line1/vibration",
                        TypedValue.ofDouble(sample[0] + (spike && t == 5 ? 3 : 0)), time));
            }
        }
        Await.until(TIMEOUT, "200 results", () -> results.size() == 200);
        stage.close();

        List<InferenceResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(InferenceResult::windowStart));
        for (int w = 0; w < 200; w++) {
            InferenceResult result = sorted.get(w);
            assertThat(result.windowStart().toEpochMilli()).isEqualTo(windowStarts.get(w));
            assertThat(result.windowEnd().toEpochMilli()).isEqualTo(windowStarts.get(w) + 15);
            assertThat(result.label()).as("window %d, score %s", w, result.score())
                    .isEqualTo(w % 10 == 9 ? "anomaly" : "normal");
            assertThat(result.version()).isEqualTo("1.0.0");
            assertThat(result.latencyNanos()).isPositive();
        }
        InferenceStage.StageCounters counters = stage.counters();
        assertThat(counters.windows()).isEqualTo(200);
        assertThat(counters.results()).isEqualTo(200);
        assertThat(counters.failures()).isZero();
        assertThat(counters.samples()).isEqualTo(200 * 16 * 2);
    }

    @Test
    public void missingValuesFollowTheStagePolicyAndAreCounted() throws InferenceException {
        for (String policy : List.of("SKIP", "MARK")) {
            List<InferenceResult> results = Collections.synchronizedList(new ArrayList<>());
            StageConfig config = new StageConfig(Models.DEFAULT, List.of("m/vibration", "m/temperature"),
                    dev.continuum.api.inference.WindowKind.COUNT, 0, 0, 0,
                    dev.continuum.api.inference.MissingValuePolicy.valueOf(policy), 8, 0);
            InferenceStage stage = inference.openStage(config, results::add);
            Signals signals = new Signals(3);
            for (int step = 0; step < 48; step++) {
                java.time.Instant time = signals.time();
                double[] sample = signals.next();
                stage.accept(Sample.good("m/temperature", TypedValue.ofDouble(sample[1]), time));
                stage.accept(step == 20 ? Sample.bad("m/vibration", time, "Bad_CommunicationError")
                        : Sample.good("m/vibration", TypedValue.ofDouble(sample[0]), time));
            }
            int expected = policy.equals("SKIP") ? 2 : 3;
            Await.until(TIMEOUT, expected + " results with " + policy, () -> results.size() == expected);
            stage.close();
            InferenceStage.StageCounters counters = stage.counters();
            assertThat(counters.windows()).isEqualTo(3);
            assertThat(counters.imputedValues()).isEqualTo(1);
            assertThat(counters.skipped()).isEqualTo(policy.equals("SKIP") ? 1 : 0);
            assertThat(results).filteredOn(InferenceResult::imputed).hasSize(policy.equals("SKIP") ? 0 : 1);
        }
    }

    @Test
    public void hotSwapsUnderLoadLoseNoWindowAndKeepServing() throws Exception {
        Models shipped = Models.shipped(context);
        inference.install(shipped.model, shipped.manifest("swap-probe", "1.0.0")).get(30, TimeUnit.SECONDS);
        Load load = new Load(inference, "swap-probe", 2, batch(new Signals(5), 8));
        Await.until(TIMEOUT, "load running", () -> load.scored.get() > 1000);
        for (int i = 1; i <= 20; i++) {
            inference.install(shipped.model, shipped.manifest("swap-probe", "1.0." + i)).get(30, TimeUnit.SECONDS);
            long before = load.scored.get();
            Await.until(TIMEOUT, "windows scored after swap " + i, () -> load.scored.get() > before + 100);
        }
        load.close();
        assertThat(load.failures).isEmpty();
        assertThat(load.scored.get()).isEqualTo(load.submitted.get());
        assertThat(load.byVersion.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum())
                .isEqualTo(load.scored.get());
        assertThat(load.byVersion.keySet()).contains("1.0.0", "1.0.10", "1.0.20");
        ModelStatus status = inference.status("swap-probe").orElseThrow();
        assertThat(status.activeVersion()).isEqualTo("1.0.20");
        assertThat(status.previousVersion()).contains("1.0.19");
        System.out.printf("swap under load: %d windows, max gap between batches %.2f ms%n", load.scored.get(),
                load.maxGapNanos.get() / 1e6);
    }

    @Test
    public void badModelsAreRejectedWithTheFailedCheckWhileTheActiveVersionKeepsServing() throws Exception {
        Models shipped = Models.shipped(context);
        inference.install(shipped.model, shipped.manifest("reject-probe", "1.0.0")).get(30, TimeUnit.SECONDS);
        byte[] truncated = Arrays.copyOf(shipped.model, shipped.model.length / 2);

        assertRejected(truncated, shipped.manifest("reject-probe", "2.0.0",
                json -> json.addProperty("sha256", Models.sha256(truncated))), "cannot load");
        assertRejected(shipped.model, shipped.manifest("reject-probe", "2.0.0",
                json -> json.addProperty("sha256", "0".repeat(64))), "sha256 mismatch");
        assertRejected(shipped.model, shipped.manifest("reject-probe", "2.0.0",
                json -> json.getAsJsonArray("inputs").get(0).getAsJsonObject().addProperty("name", "samples")),
                "manifest/graph check: reject-probe@2.0.0 declares input 'samples'");
        assertRejected(shipped.model, shipped.manifest("reject-probe", "2.0.0", json -> {
            JsonArray shape = new JsonArray();
            shape.add(-1);
            shape.add(16);
            json.getAsJsonArray("inputs").get(0).getAsJsonObject().add("shape", shape);
        }), "has shape [-1, 16] in the manifest but [-1, 32] in the graph");
        assertRejected(shipped.model, shipped.manifest("reject-probe", "2.0.0", json -> {
            JsonArray expected = json.getAsJsonObject("golden").getAsJsonArray("expected");
            expected.get(3).getAsJsonArray().set(0, new com.google.gson.JsonPrimitive(0.0));
        }), "golden vector check: reject-probe@2.0.0 row 3");
        assertRejected(shipped.model, shipped.manifest("reject-probe", "2.0.0", json -> json.remove("golden")),
                "manifest: missing field 'golden'");
        assertRejected(shipped.model, "{\"name\": ".getBytes(StandardCharsets.UTF_8), "manifest: not valid JSON");

        InferenceResult result = inference.infer("reject-probe", new Signals(9).window(false));
        assertThat(result.version()).isEqualTo("1.0.0");
        assertThat(inference.status("reject-probe").orElseThrow().activeVersion()).isEqualTo("1.0.0");
        assertThat(Path.of(context.getProperty("continuum.data"), "models", "reject-probe", "2.0.0")).doesNotExist();
    }

    @Test
    public void shadowPromoteAndRollbackWorkUnderLoad() throws Exception {
        Models shipped = Models.shipped(context);
        inference.install(shipped.model, shipped.manifest("shadow-probe", "1.0.0")).get(30, TimeUnit.SECONDS);
        Load load = new Load(inference, "shadow-probe", 1, batch(new Signals(6), 8));
        inference.installShadow(shipped.model, shipped.manifest("shadow-probe", "2.0.0")).get(30, TimeUnit.SECONDS);
        Await.until(TIMEOUT, "shadow compared windows",
                () -> inference.shadowReport("shadow-probe").orElseThrow().windows() > 500);
        var report = inference.shadowReport("shadow-probe").orElseThrow();
        assertThat(report.candidateVersion()).isEqualTo("2.0.0");
        assertThat(report.agreement()).isEqualTo(1.0);
        assertThat(report.meanAbsScoreDelta()).isLessThan(1e-6);

        ModelStatus promoted = inference.promote("shadow-probe");
        assertThat(promoted.activeVersion()).isEqualTo("2.0.0");
        assertThat(promoted.previousVersion()).contains("1.0.0");
        assertThat(promoted.shadowVersion()).isEmpty();
        long afterPromote = load.scored.get();
        Await.until(TIMEOUT, "load after promote", () -> load.scored.get() > afterPromote + 100);

        ModelStatus rolledBack = inference.rollback("shadow-probe");
        assertThat(rolledBack.activeVersion()).isEqualTo("1.0.0");
        assertThat(rolledBack.previousVersion()).contains("2.0.0");
        long afterRollback = load.scored.get();
        Await.until(TIMEOUT, "load after rollback", () -> load.scored.get() > afterRollback + 100);
        load.close();

        assertThat(load.failures).isEmpty();
        assertThat(load.scored.get()).isEqualTo(load.submitted.get());
        assertThat(load.byVersion.keySet()).containsExactlyInAnyOrder("1.0.0", "2.0.0");
        assertThat(inference.infer("shadow-probe", new Signals(9).window(false)).version()).isEqualTo("1.0.0");
        Throwable noShadow = catchThrowable(() -> inference.promote("shadow-probe"));
        assertThat(noShadow).isInstanceOf(InferenceException.class).hasMessageContaining("no shadow candidate");
    }

    @Test
    public void driftIsRaisedAfterTheTemperatureShiftsAndNotBefore() throws Exception {
        Models shipped = Models.shipped(context);
        inference.install(shipped.model, shipped.manifest("drift-probe", "1.0.0")).get(30, TimeUnit.SECONDS);
        Signals signals = new Signals(11);
        for (int i = 0; i < 15; i++) {
            inference.inferBatch("drift-probe", batch(signals, 50));
            var drift = inference.drift("drift-probe");
            assertThat(drift.drifting()).as("normal data, %d windows: %s", drift.observations(), drift.psi()).isEmpty();
        }
        assertThat(inference.drift("drift-probe").psi()).containsKeys("vibration", "temperature", "score");
        // Other tests' models may drift (their load repeats one batch): only this model's entry matters.
        assertThat(inferenceHealth().reason()).doesNotContain("drift-probe 1.0.0 drifting");

        signals.shiftTemperature(3);
        int windows = 0;
        while (!inference.drift("drift-probe").isDrifting() && windows < 1000) {
            inference.inferBatch("drift-probe", batch(signals, 50));
            windows += 50;
        }
        var drift = inference.drift("drift-probe");
        assertThat(drift.drifting()).as("after the shift: %s", drift.psi()).contains("temperature");
        // Felix HC caches a check's result for 2 s: the report follows within that.
        ComponentHealth degraded = Await.until(TIMEOUT, "health DEGRADED naming drift-probe", () -> {
            ComponentHealth now = inferenceHealth();
            return now.status() == HealthStatus.DEGRADED && now.reason().contains("drift-probe") ? now : null;
        });
        assertThat(degraded.reason()).contains("drift-probe 1.0.0 drifting: [temperature");
        System.out.printf("drift raised %d windows after a +3 C temperature shift: %s%n", windows, drift.psi());
    }

    @Test
    public void aModelsConfigurationSetsItsProviderAndThreadsAndAMissingGpuFallsBackToCpu() throws Exception {
        Models shipped = Models.shipped(context);
        inference.install(shipped.model, shipped.manifest("provider-probe", "1.0.0")).get(30, TimeUnit.SECONDS);
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getFactoryConfiguration(
                "dev.continuum.inference.model", "provider-probe", "?");
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("name", "provider-probe");
        properties.put("provider", "CUDA");
        properties.put("intraOpThreads", 2);
        properties.put("interOpThreads", 1);
        properties.put("driftThreshold", 0.3);
        properties.put("driftWindow", 100);
        configuration.update(properties);

        ModelStatus status = Await.until(TIMEOUT, "provider-probe reloaded with its configuration", () -> inference
                .status("provider-probe").filter(s -> s.options().provider() == ExecutionProvider.CUDA).orElse(null));
        // This build of ONNX Runtime has no CUDA provider: the model runs, on CPU, and says so.
        assertThat(status.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(status.options().intraOpThreads()).isEqualTo(2);
        assertThat(status.activeVersion()).isEqualTo("1.0.0");
        assertThat(inference.drift("provider-probe").threshold()).isEqualTo(0.3);
        assertThat(inference.infer("provider-probe", new Signals(12).window(true)).label()).isEqualTo("anomaly");
        configuration.delete();
    }

    private ComponentHealth inferenceHealth() {
        return health.report().components().stream().filter(c -> c.name().equals("Inference"))
                .findFirst().orElseThrow();
    }

    private void assertRejected(byte[] model, byte[] manifest, String reason) throws Exception {
        Throwable failure = catchThrowable(() -> inference.install(model, manifest).get(30, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(InferenceException.class).hasMessageContaining(reason);
        assertThat(inference.status("reject-probe").orElseThrow().activeVersion()).isEqualTo("1.0.0");
    }

    private static List<Window> batch(Signals signals, int size) {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            windows.add(signals.window(false));
        }
        return windows;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-itest-inference-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
