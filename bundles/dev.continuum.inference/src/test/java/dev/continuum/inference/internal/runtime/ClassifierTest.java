package dev.continuum.inference.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.inference.internal.TestModels;
import dev.continuum.inference.internal.store.ModelStore;
import dev.continuum.inference.internal.store.StoredModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The default classifier {@code machine-state} with the real ONNX Runtime: ARGMAX post-processing and its checks. */
class ClassifierTest {

    private static final String NAME = "machine-state";
    private static final SessionFactory FACTORY = new SessionFactory(Path.of("target/ort-natives"));

    @Test
    void theClassifierPassesEveryCheckAndLabelsItsGoldenRowsByTheMostProbableState() throws Exception {
        StoredModel stored = stored(json -> { });
        assertThat(stored.manifest().score().kind()).isEqualTo(ScoreSpec.Kind.ARGMAX);
        try (LoadedModel model = FACTORY.load(stored, ModelOptions.DEFAULT)) {
            ModelValidator.validate(model);
            float[][] golden = stored.manifest().golden().input();
            FloatBuffer input = ByteBuffer.allocateDirect(golden.length * model.rowSize() * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (float[] row : golden) {
                input.put(row);
            }
            input.flip();

            LoadedModel.Scores scores = model.run(input, golden.length);

            // The golden rows are a running, a paused, a fault and a fault window, in that order.
            assertThat(scores.label()).containsExactly(0, 1, 2, 2);
            for (int r = 0; r < golden.length; r++) {
                float[] expected = stored.manifest().golden().expected()[r];
                assertThat(scores.score()[r]).isEqualTo(expected[scores.label()[r]], org.assertj.core.data.Offset.offset(1e-4f));
                assertThat(scores.score()[r]).isGreaterThan(0.5f);
            }
        }
    }

    @Test
    void labelsThatDoNotMatchTheOutputColumnsAreRejectedWithTheCounts() throws Exception {
        StoredModel stored = stored(json -> {
            JsonArray labels = new JsonArray();
            labels.add("running");
            labels.add("fault");
            json.getAsJsonObject("score").add("labels", labels);
        });
        try (LoadedModel model = FACTORY.load(stored, ModelOptions.DEFAULT)) {
            assertThatThrownBy(() -> ModelValidator.validate(model)).isInstanceOf(InferenceException.class)
                    .hasMessageContaining("post-processing check: score.labels of machine-state@1.0.0 names 2 classes"
                            + " [running, fault] but output 'probabilities' has 3 columns");
        }
    }

    @Test
    void anUnknownScoreKindNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> stored(json -> json.getAsJsonObject("score").addProperty("kind", "TOPK")))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("score.kind is 'TOPK'; accepted: [THRESHOLD, ARGMAX]");
    }

    private static StoredModel stored(Consumer<JsonObject> edit) throws InferenceException {
        return ModelStore.check(TestModels.model(NAME), TestModels.manifest(NAME, edit));
    }
}
