package dev.continuum.inference.modelgen;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the default anomaly model {@value #NAME} {@value #VERSION}: trains on the fixed-seed
 * {@link NormalProcess}, exports ONNX, computes the threshold, golden vector and reference statistics,
 * and writes {@code models/NAME/VERSION/model.onnx} and {@code manifest.json} plus {@code models/index}
 * under the directory given as the only argument. Same output on every build.
 */
public final class ModelGen {

    public static final String NAME = "vibration-anomaly";
    public static final String VERSION = "1.0.0";
    public static final int LENGTH = 16;
    public static final List<String> CHANNELS = List.of("vibration", "temperature");
    private static final int COMPONENTS = 4;
    private static final long TRAIN_SEED = 42;
    private static final long HOLDOUT_SEED = 4242;

    private ModelGen() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModelGen OUTPUT_DIR");
        }
        Path dir = Path.of(args[0]).resolve("models").resolve(NAME).resolve(VERSION);
        Files.createDirectories(dir);
        Autoencoder model = Autoencoder.train(windows(TRAIN_SEED, 4000), CHANNELS.size(), COMPONENTS);
        byte[] onnx = OnnxExport.export(model, NAME);
        Files.write(dir.resolve("model.onnx"), onnx);
        String manifest = new GsonBuilder().setPrettyPrinting().create().toJson(manifest(model, onnx));
        Files.writeString(dir.resolve("manifest.json"), manifest + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.getParent().getParent().resolve("index"), NAME + "/" + VERSION + "\n",
                StandardCharsets.UTF_8);
    }

    static double[][] windows(long seed, int count) {
        NormalProcess process = new NormalProcess(seed);
        double[][] windows = new double[count][];
        for (int i = 0; i < count; i++) {
            windows[i] = process.window(LENGTH);
        }
        return windows;
    }

    /** A vibration spike of 3 g at step 5: the anomaly kind the golden vector carries. */
    static double[] withSpike(double[] window) {
        double[] copy = window.clone();
        copy[2 * 5] += 3;
        return copy;
    }

    private static JsonObject manifest(Autoencoder model, byte[] onnx) {
        double[][] holdout = windows(HOLDOUT_SEED, 2000);
        double[] scores = new double[holdout.length];
        double[][] channelMeans = new double[CHANNELS.size()][holdout.length];
        for (int w = 0; w < holdout.length; w++) {
            scores[w] = model.score(model.normalise(holdout[w]));
            for (int c = 0; c < CHANNELS.size(); c++) {
                channelMeans[c][w] = meanOf(holdout[w], c, CHANNELS.size());
            }
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        // Twice the 99.9th percentile of normal scores: normal data stays below, spikes land far above.
        double threshold = 2 * sorted[(int) (sorted.length * 0.999)];
        double spikeScore = model.score(model.normalise(withSpike(holdout[0])));
        if (spikeScore < 2 * threshold) {
            throw new IllegalStateException("model does not separate anomalies: spike " + spikeScore
                    + ", threshold " + threshold);
        }

        JsonObject manifest = new JsonObject();
        manifest.addProperty("name", NAME);
        manifest.addProperty("version", VERSION);
        manifest.addProperty("sha256", sha256(onnx));
        int size = LENGTH * CHANNELS.size();
        manifest.add("inputs", tensors(OnnxExport.INPUT, size));
        manifest.add("outputs", tensors(OnnxExport.OUTPUT, 1));
        JsonObject window = new JsonObject();
        window.addProperty("length", LENGTH);
        window.addProperty("stride", LENGTH);
        window.add("channels", Json.strings(CHANNELS));
        window.add("mean", Json.numbers(model.mean()));
        window.add("std", Json.numbers(model.std()));
        manifest.add("window", window);
        JsonObject score = new JsonObject();
        score.addProperty("output", OnnxExport.OUTPUT);
        score.addProperty("threshold", threshold);
        score.add("labels", Json.strings(List.of("normal", "anomaly")));
        manifest.add("score", score);
        manifest.add("golden", golden(model, new double[][] {holdout[1], holdout[2], holdout[3], withSpike(holdout[4])}));
        JsonArray reference = new JsonArray();
        for (int c = 0; c < CHANNELS.size(); c++) {
            reference.add(Json.deciles(CHANNELS.get(c), channelMeans[c]));
        }
        reference.add(Json.deciles("score", scores));
        manifest.add("reference", reference);
        return manifest;
    }

    private static JsonArray tensors(String name, int width) {
        JsonObject tensor = new JsonObject();
        tensor.addProperty("name", name);
        tensor.addProperty("type", "FLOAT");
        tensor.add("shape", Json.numbers(new double[] {-1, width}));
        JsonArray array = new JsonArray();
        array.add(tensor);
        return array;
    }

    private static JsonObject golden(Autoencoder model, double[][] raw) {
        JsonArray input = new JsonArray();
        JsonArray expected = new JsonArray();
        for (double[] window : raw) {
            double[] x = model.normalise(window);
            double[] asFloat = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                asFloat[i] = (float) x[i];
            }
            input.add(Json.numbers(asFloat));
            expected.add(Json.numbers(new double[] {(float) model.score(asFloat)}));
        }
        JsonObject golden = new JsonObject();
        golden.add("input", input);
        golden.add("expected", expected);
        golden.addProperty("tolerance", 1e-4);
        return golden;
    }

    private static double meanOf(double[] window, int channel, int channels) {
        double sum = 0;
        for (int i = channel; i < window.length; i += channels) {
            sum += window[i];
        }
        return sum / (window.length / channels);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
