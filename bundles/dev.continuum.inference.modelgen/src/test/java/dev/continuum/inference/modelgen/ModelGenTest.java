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

        for (String name : new String[] {ModelGen.NAME, MachineStateModel.NAME}) {
            Path dir = Path.of("models", name, ModelGen.VERSION);
            assertThat(Files.readAllBytes(first.resolve(dir).resolve("model.onnx")))
                    .isEqualTo(Files.readAllBytes(second.resolve(dir).resolve("model.onnx")));
            assertThat(Files.readString(first.resolve(dir).resolve("manifest.json")))
                    .isEqualTo(Files.readString(second.resolve(dir).resolve("manifest.json")));
        }
        assertThat(Files.readString(first.resolve("models/index"))).isEqualTo("vibration-anomaly/1.0.0\nline-anomaly/1.0.0\nvibration-features/1.0.0\nmachine-state/1.0.0\n");
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

    @Test
    void theMachineStateClassifierLabelsHeldOutWindowsOfEveryStateRight() {
        SoftmaxClassifier model = MachineStateModel.train();
        double[][] holdout = MachineStateModel.windows(99, 900);

        int[] wrongPerState = new int[MachineStateProcess.STATES.size()];
        for (int i = 0; i < holdout.length; i++) {
            int state = i % MachineStateProcess.STATES.size();
            if (model.classify(model.normalise(holdout[i])) != state) {
                wrongPerState[state]++;
            }
        }
        // 300 windows per state.
        assertThat(java.util.Arrays.stream(wrongPerState).max().orElseThrow()).isLessThanOrEqualTo(3);
        assertThat(MachineStateModel.accuracy(model, holdout)).isGreaterThanOrEqualTo(MachineStateModel.MIN_ACCURACY);
    }
}
