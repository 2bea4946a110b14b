package dev.continuum.inference.modelgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGenTest {

    @Test
    void buildsTheSameModelAndManifestEveryTime(@TempDir Path first, @TempDir Path second) throws Exception {
        ModelGen.main(new String[] {first.toString()});
        ModelGen.main(new String[] {second.toString()});

        Path dir = Path.of("models", ModelGen.NAME, ModelGen.VERSION);
        assertThat(Files.readAllBytes(first.resolve(dir).resolve("model.onnx")))
                .isEqualTo(Files.readAllBytes(second.resolve(dir).resolve("model.onnx")));
        assertThat(Files.readString(first.resolve(dir).resolve("manifest.json")))
                .isEqualTo(Files.readString(second.resolve(dir).resolve("manifest.json")));
        assertThat(Files.readString(first.resolve("models/index"))).isEqualTo("vibration-anomaly/1.0.0\nline-anomaly/1.0.0\nvibration-features/1.0.0\n");
    }

    @Test
    void theAutoencoderScoresSpikesFarAboveNormalWindows() {
        Autoencoder model = Autoencoder.train(ModelGen.windows(1, 2000), 2, 4);
        double[][] normal = ModelGen.windows(2, 200);

        double worstNormal = 0;
        double mildestSpike = Double.MAX_VALUE;
        for (double[] window : normal) {
            worstNormal = Math.max(worstNormal, model.score(model.normalise(window)));
            mildestSpike = Math.min(mildestSpike, model.score(model.normalise(ModelGen.withSpike(window))));
        }
        assertThat(mildestSpike).isGreaterThan(5 * worstNormal);
    }
}
