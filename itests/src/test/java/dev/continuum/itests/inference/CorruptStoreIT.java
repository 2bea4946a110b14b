package dev.continuum.itests.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A gateway starting with a truncated model as the active version of one name in its store (its manifest's
 * sha256 matching the truncated file, as after a bad copy): that model does not serve and health says why;
 * the other models serve.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CorruptStoreIT {

    private static final Path DATA = tempDir();

    @Inject
    private InferenceService inference;

    @Inject
    private GatewayHealth health;

    @Configuration
    public Option[] configuration() throws IOException {
        Path shipped = Path.of("../bundles/dev.continuum.inference/target/classes/models/vibration-anomaly/1.0.0");
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(shipped.resolve("model.onnx")), 900);
        JsonObject manifest = JsonParser.parseString(Files.readString(shipped.resolve("manifest.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        manifest.addProperty("name", "broken");
        manifest.addProperty("sha256", Models.sha256(truncated));
        Path version = DATA.resolve("models/broken/1.0.0");
        Files.createDirectories(version);
        Files.write(version.resolve("model.onnx"), truncated);
        Files.writeString(version.resolve("manifest.json"), manifest.toString(), StandardCharsets.UTF_8);
        Files.writeString(DATA.resolve("models/broken/active"), "1.0.0\n", StandardCharsets.UTF_8);
        return new Option[] {Runtime.features(DATA, Ports.free(), "core", "inference")};
    }

    @Test
    public void aModelThatFailsToLoadAtStartIsReportedDownAndTheOthersServe() throws Exception {
        ComponentHealth down = Await.until(Duration.ofSeconds(30), "Inference health DOWN", () -> health.report()
                .components().stream().filter(c -> c.name().equals("Inference") && c.status() == HealthStatus.DOWN)
                .findFirst().orElse(null));

        Models.awaitLoaded(inference, Models.DEFAULT);
        assertThat(down.reason()).contains("model broken not serving: load: ONNX Runtime cannot load broken@1.0.0");
        assertThat(inference.status("broken")).isEmpty();
        assertThat(inference.status(Models.DEFAULT)).isPresent();
        assertThat(inference.infer(Models.DEFAULT, new Signals(1).window(false)).label()).isEqualTo("normal");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-itest-corrupt-store-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
