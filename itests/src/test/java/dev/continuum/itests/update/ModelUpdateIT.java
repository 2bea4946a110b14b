package dev.continuum.itests.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Model updates through the update agent in the real runtime (features core, inference, update; real ONNX
 * Runtime): a signed model becomes active after the inference service's validation, the next one runs in
 * shadow and is promoted, rollback returns to the previous version, a tampered model is refused with nothing
 * changed, and an older version is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelUpdateIT {

    @Inject
    private UpdateAgent agent;

    @Inject
    private InferenceService inference;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path fixtures = Files.createTempDirectory("continuum-model-updates-");
        UpdateFixtures.buildModels(fixtures);
        return new Option[] {Runtime.features(Files.createTempDirectory("continuum-model-update-"), Ports.free(),
                "core", "inference", "update"),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString())};
    }

    private UpdateRequest request(String fixture, boolean shadow) {
        URI manifest = UpdateFixtures.manifest(Paths.get(System.getProperty(UpdateFixtures.DIR)), fixture).toUri();
        return new UpdateRequest(manifest, false, shadow, "itest");
    }

    private ModelStatus status() {
        return inference.status(UpdateFixtures.MODEL).orElseThrow();
    }

    private Reason refused(UpdateRequest request) throws Exception {
        try {
            agent.apply(request, p -> { }).get(120, TimeUnit.SECONDS);
            throw new AssertionError(request + " was installed");
        } catch (ExecutionException e) {
            return ((UpdateException) e.getCause()).reason();
        }
    }

    @Test
    public void verifiesShadowsPromotesAndRollsBackASignedModel() throws Exception {
        Await.until(Duration.ofSeconds(60), "default model loaded",
                () -> inference.status(UpdateFixtures.MODEL).orElse(null));
        assertThat(status().activeVersion()).isEqualTo("1.0.0");

        assertThat(refused(request("model-tampered", false))).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(status().activeVersion()).isEqualTo("1.0.0");

        agent.apply(request("model-2", false), p -> { }).get(120, TimeUnit.SECONDS);
        assertThat(status().activeVersion()).isEqualTo("2.0.0");
        assertThat(status().previousVersion()).isEqualTo(Optional.of("1.0.0"));

        agent.apply(request("model-3", true), p -> { }).get(120, TimeUnit.SECONDS);
        assertThat(status().activeVersion()).isEqualTo("2.0.0");
        assertThat(status().shadowVersion()).isEqualTo(Optional.of("3.0.0"));

        inference.promote(UpdateFixtures.MODEL);
        assertThat(status().activeVersion()).isEqualTo("3.0.0");

        inference.rollback(UpdateFixtures.MODEL);
        assertThat(status().activeVersion()).isEqualTo("2.0.0");

        assertThat(refused(request("model-2", false))).isEqualTo(Reason.DOWNGRADE);
    }
}
