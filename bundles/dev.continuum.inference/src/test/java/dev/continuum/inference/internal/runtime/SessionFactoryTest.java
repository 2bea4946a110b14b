package dev.continuum.inference.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.inference.internal.TestModels;
import dev.continuum.inference.internal.store.ModelStore;
import dev.continuum.inference.internal.store.StoredModel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** With the real ONNX Runtime (CPU build) of the wrapper bundle. */
class SessionFactoryTest {

    private static final SessionFactory FACTORY = new SessionFactory(Path.of("target/ort-natives"));

    @Test
    void theDefaultModelPassesEveryCheck() throws Exception {
        try (LoadedModel model = FACTORY.load(stored(), ModelOptions.DEFAULT)) {
            ModelValidator.validate(model);
            assertThat(model.provider()).isEqualTo(ExecutionProvider.CPU);
        }
    }

    @Test
    void aGpuProviderThatIsNotAvailableFallsBackToCpu() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this machine has CUDA");
        ModelOptions cuda = new ModelOptions(ExecutionProvider.CUDA, 1, 1, 0.25, 500);

        try (LoadedModel model = FACTORY.load(stored(), cuda)) {
            ModelValidator.validate(model);
            assertThat(model.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(model.options().provider()).isEqualTo(ExecutionProvider.CUDA);
        }
    }

    @Test
    void aTruncatedModelIsRejectedByTheLoader() throws Exception {
        byte[] truncated = Arrays.copyOf(TestModels.model(), 700);
        StoredModel stored = ModelStore.check(truncated,
                TestModels.manifest(m -> m.addProperty("sha256", ModelStore.sha256(truncated))));

        assertThatThrownBy(() -> FACTORY.load(stored, ModelOptions.DEFAULT)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("ONNX Runtime cannot load vibration-anomaly@1.0.0");
    }

    @Test
    void aClosedVersionRefusesNewLeasesAndWaitsForTheOneInFlight() throws Exception {
        LoadedModel model = FACTORY.load(stored(), ModelOptions.DEFAULT);
        assertThat(model.tryAcquire()).isTrue();
        Thread closer = new Thread(model::close);
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the lease in flight").isTrue();

        model.release();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(model.tryAcquire()).isFalse();
    }

    private static StoredModel stored() throws InferenceException {
        return ModelStore.check(TestModels.model(), TestModels.manifest());
    }
}
