package dev.continuum.inference.modelgen;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The default multi-channel classifier {@value #NAME}: the state of a machine of the simulator's line
 * ({@link MachineStateProcess#STATES}) from a window of {@value #LENGTH} samples (0.8 s at the simulator's
 * 100 ms) of its four channels. A {@link SoftmaxClassifier} trained on fixed-seed windows, balanced over the
 * states; the build fails unless it labels a held-out set almost perfectly. Its manifest's score is
 * {@code ARGMAX}: the label is the most probable state and the score that probability.
 */
final class MachineStateModel {

    static final String NAME = "machine-state";
    static final int LENGTH = 8;
    static final int UPDATE_MILLIS = 100;
    private static final long TRAIN_SEED = 11;
    private static final long HOLDOUT_SEED = 1111;
    private static final int TRAIN_WINDOWS = 3000;
    private static final int EPOCHS = 400;
    private static final double RATE = 0.5;
    /** The least held-out accuracy the build accepts. */
    static final double MIN_ACCURACY = 0.99;

    private MachineStateModel() {
    }

    /** Labelled windows, the states in turn: {@code windows[i]} is in state {@code i % 3}. */
    static double[][] windows(long seed, int count) {
        MachineStateProcess process = new MachineStateProcess(seed, UPDATE_MILLIS);
        double[][] windows = new double[count][];
        for (int i = 0; i < count; i++) {
            windows[i] = process.window(i % MachineStateProcess.STATES.size(), LENGTH);
        }
        return windows;
    }

    static int[] labels(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % MachineStateProcess.STATES.size();
        }
        return labels;
    }

    static SoftmaxClassifier train() {
        return SoftmaxClassifier.train(windows(TRAIN_SEED, TRAIN_WINDOWS), labels(TRAIN_WINDOWS),
                MachineStateProcess.CHANNELS.size(), MachineStateProcess.STATES.size(), EPOCHS, RATE);
    }

    /** The share of {@code windows} (states in turn) that {@code model} labels right. */
    static double accuracy(SoftmaxClassifier model, double[][] windows) {
        int right = 0;
        for (int i = 0; i < windows.length; i++) {
            if (model.classify(model.normalise(windows[i])) == i % MachineStateProcess.STATES.size()) {
                right++;
            }
        }
        return (double) right / windows.length;
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SoftmaxClassifier model = train();
        double[][] holdout = windows(HOLDOUT_SEED, 1500);
        double accuracy = accuracy(model, holdout);
        if (accuracy < MIN_ACCURACY) {
            throw new IllegalStateException(NAME + " labels only " + accuracy + " of its held-out windows right;"
                    + " the build needs " + MIN_ACCURACY);
        }
        byte[] onnx = OnnxExport.exportClassifier(model, NAME);
        Files.write(dir.resolve("model.onnx"), onnx);
        String manifest = new GsonBuilder().setPrettyPrinting().create().toJson(manifest(model, onnx, holdout));
        Files.writeString(dir.resolve("manifest.json"), manifest + "\n", StandardCharsets.UTF_8);
    }

    private static JsonObject manifest(SoftmaxClassifier model, byte[] onnx, double[][] holdout) {
        List<String> channels = MachineStateProcess.CHANNELS;
        JsonObject manifest = new JsonObject();
        manifest.addProperty("name", NAME);
        manifest.addProperty("version", ModelGen.VERSION);
        manifest.addProperty("sha256", ModelGen.sha256(onnx));
        manifest.add("inputs", ModelGen.tensors(OnnxExport.INPUT, LENGTH * channels.size()));
        manifest.add("outputs", ModelGen.tensors(OnnxExport.PROBABILITIES, MachineStateProcess.STATES.size()));
        manifest.add("window", ModelGen.window(LENGTH, channels, model.mean(), model.std()));
        JsonObject score = new JsonObject();
        score.addProperty("output", OnnxExport.PROBABILITIES);
        score.addProperty("kind", "ARGMAX");
        score.add("labels", Json.strings(MachineStateProcess.STATES));
        manifest.add("score", score);
        manifest.add("golden", golden(model, new double[][] {holdout[0], holdout[1], holdout[2], holdout[5]}));
        manifest.add("reference", reference(model));
        return manifest;
    }

    /** One row per window: the normalised input as float, and the probabilities the graph must give for it. */
    private static JsonObject golden(SoftmaxClassifier model, double[][] raw) {
        JsonArray input = new JsonArray();
        JsonArray expected = new JsonArray();
        for (double[] window : raw) {
            double[] x = model.normalise(window);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) x[i];
            }
            input.add(Json.numbers(x));
            double[] p = model.probabilities(x);
            for (int c = 0; c < p.length; c++) {
                p[c] = (float) p[c];
            }
            expected.add(Json.numbers(p));
        }
        JsonObject golden = new JsonObject();
        golden.add("input", input);
        golden.add("expected", expected);
        golden.addProperty("tolerance", 1e-4);
        return golden;
    }

    /**
     * Reference statistics of normal operation as the simulator runs it: nine running windows to one paused,
     * no faults (a fault is what the model reports, not drift); per channel the window mean, and the score.
     */
    private static JsonArray reference(SoftmaxClassifier model) {
        MachineStateProcess process = new MachineStateProcess(HOLDOUT_SEED + 1, UPDATE_MILLIS);
        int count = 2000;
        int channels = MachineStateProcess.CHANNELS.size();
        double[][] means = new double[channels][count];
        double[] scores = new double[count];
        for (int w = 0; w < count; w++) {
            double[] window = process.window(w % 10 == 9 ? MachineStateProcess.PAUSED : MachineStateProcess.RUNNING,
                    LENGTH);
            double[] p = model.probabilities(model.normalise(window));
            scores[w] = java.util.Arrays.stream(p).max().orElseThrow();
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < LENGTH; t++) {
                    means[c][w] += window[t * channels + c] / LENGTH;
                }
            }
        }
        JsonArray reference = new JsonArray();
        for (int c = 0; c < channels; c++) {
            reference.add(Json.deciles(MachineStateProcess.CHANNELS.get(c), means[c]));
        }
        reference.add(Json.deciles("score", scores));
        return reference;
    }
}
