package dev.continuum.inference.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.inference.internal.TestModels;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

    @Test
    void readsTheDefaultModelsManifest() throws InferenceException {
        ModelManifest manifest = ManifestReader.parse(TestModels.manifest());

        assertThat(manifest.id()).isEqualTo("vibration-anomaly@1.0.0");
        assertThat(manifest.inputs()).singleElement().satisfies(input -> {
            assertThat(input.name()).isEqualTo("window");
            assertThat(input.shape()).containsExactly(-1, 32);
        });
        assertThat(manifest.window().channels()).containsExactly("vibration", "temperature");
        assertThat(manifest.window().size()).isEqualTo(32);
        assertThat(manifest.score().labels()).containsExactly("normal", "anomaly");
        assertThat(manifest.golden().input()).hasNumberOfRows(4);
        assertThat(manifest.reference()).extracting(h -> h.name()).containsExactly("vibration", "temperature", "score");
    }

    @Test
    void namesTheMissingField() {
        byte[] json = TestModels.manifest(m -> m.getAsJsonObject("window").remove("stride"));

        assertThatThrownBy(() -> ManifestReader.parse(json)).isInstanceOf(InferenceException.class)
                .hasMessage("manifest: missing field 'window.stride'");
    }

    @Test
    void rejectsANameThatCouldEscapeTheStoreAndSaysWhatIsAccepted() {
        byte[] json = TestModels.manifest(m -> m.addProperty("name", "../etc"));

        assertThatThrownBy(() -> ManifestReader.parse(json)).isInstanceOf(InferenceException.class)
                .hasMessageContaining("'name' is '../etc'; accepted: letters, digits and ._-");
    }

    @Test
    void rejectsATensorTypeOtherThanFloat() {
        byte[] json = TestModels.manifest(m -> m.getAsJsonArray("inputs").get(0).getAsJsonObject()
                .addProperty("type", "INT64"));

        assertThatThrownBy(() -> ManifestReader.parse(json)).hasMessageContaining("inputs[0].type is 'INT64'; accepted: FLOAT");
    }

    @Test
    void rejectsAHistogramWhoseBinsDoNotAddUp() {
        byte[] json = TestModels.manifest(m -> m.getAsJsonArray("reference").get(0).getAsJsonObject()
                .add("proportions", new JsonArray()));

        assertThatThrownBy(() -> ManifestReader.parse(json))
                .hasMessageContaining("histogram 'vibration' needs one more proportion than edges");
    }
}
