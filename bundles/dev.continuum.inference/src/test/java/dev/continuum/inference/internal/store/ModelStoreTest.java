package dev.continuum.inference.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.inference.internal.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path root;

    @Test
    void storesAVersionAndReadsItBackVerified() throws InferenceException {
        ModelStore store = new ModelStore(root);

        store.put(TestModels.model(), TestModels.manifest());
        store.setPointer("vibration-anomaly", ModelStore.ACTIVE, Optional.of("1.0.0"));

        assertThat(root.resolve("vibration-anomaly/1.0.0/model.onnx")).exists();
        assertThat(store.read("vibration-anomaly", "1.0.0").model()).isEqualTo(TestModels.model());
        assertThat(store.activeNames()).containsExactly("vibration-anomaly");
        assertThat(store.pointer("vibration-anomaly", ModelStore.ACTIVE)).contains("1.0.0");
        assertThat(root.resolve(".incoming")).isEmptyDirectory();
    }

    @Test
    void storesAnAlreadyCheckedVersionAsTheOneThatChecksItself() throws InferenceException {
        ModelStore store = new ModelStore(root);
        StoredModel checked = ModelStore.check(TestModels.model("machine-state"),
                TestModels.manifest("machine-state", json -> { }));

        store.put(checked, TestModels.manifest("machine-state", json -> { }));

        StoredModel read = store.read("machine-state", "1.0.0");
        assertThat(read.model()).isEqualTo(checked.model());
        assertThat(read.manifest().score()).isEqualTo(checked.manifest().score());
        assertThat(root.resolve(".incoming")).isEmptyDirectory();
    }

    @Test
    void rejectsAModelWhoseSha256DiffersFromTheManifest() {
        ModelStore store = new ModelStore(root);
        byte[] truncated = Arrays.copyOf(TestModels.model(), 100);

        assertThatThrownBy(() -> store.put(truncated, TestModels.manifest())).isInstanceOf(InferenceException.class)
                .hasMessageContaining("sha256 mismatch for vibration-anomaly@1.0.0")
                .hasMessageContaining("(100 bytes)");
        assertThat(root.resolve("vibration-anomaly")).doesNotExist();
    }

    @Test
    void detectsAModelFileCorruptedOnDisk() throws Exception {
        ModelStore store = new ModelStore(root);
        store.put(TestModels.model(), TestModels.manifest());
        Path file = root.resolve("vibration-anomaly/1.0.0/model.onnx");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store.read("vibration-anomaly", "1.0.0")).hasMessageContaining("sha256 mismatch");
    }

    @Test
    void saysWhenTheManifestIsMissing() throws Exception {
        ModelStore store = new ModelStore(root);
        store.put(TestModels.model(), TestModels.manifest());
        Files.delete(root.resolve("vibration-anomaly/1.0.0/manifest.json"));

        assertThatThrownBy(() -> store.read("vibration-anomaly", "1.0.0")).hasMessageContaining("missing manifest");
    }

    @Test
    void refusesToReplaceAStoredVersionWithOtherContent() throws Exception {
        ModelStore store = new ModelStore(root);
        store.put(TestModels.model(), TestModels.manifest());
        byte[] other = Arrays.copyOf(TestModels.model(), 10);

        assertThatThrownBy(() -> store.put(other, TestModels.manifest(m -> m.addProperty("sha256", ModelStore.sha256(other)))))
                .hasMessageContaining("already exists with different content; give the new model a new version");
    }
}
