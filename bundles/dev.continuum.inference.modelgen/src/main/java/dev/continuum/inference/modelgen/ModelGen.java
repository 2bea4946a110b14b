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
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds the default models, each trained on a fixed-seed normal process, exported to ONNX with its
 * threshold, golden vector and reference statistics, and writes {@code models/NAME/VERSION/model.onnx}
 * and {@code manifest.json} plus {@code models/index} under the directory given as the only argument.
 * Same output on every build.
 *
 * <ul>
 *   <li>{@value #NAME} {@value #VERSION}: a machine's vibration and temperature ({@link NormalProcess}),
 *       windows of 16 samples; a linear autoencoder.
 *   <li>{@value #LINE_NAME} {@value #VERSION}: a machine of the simulator's production line
 *       ({@link LineProcess}, 100 ms updates), windows of 8 samples; a linear autoencoder plus a range
 *       term for level shifts.
 * </ul>
 */
public final class ModelGen {

    public static final String NAME = "vibration-anomaly";
    public static final String LINE_NAME = "line-anomaly";
    public static final String FEATURES_NAME = "vibration-features";
    public static final String VERSION = "1.0.0";
    public static final int LENGTH = 16;
    public static final List<String> CHANNELS = List.of("vibration", "temperature");
    private static final int COMPONENTS = 4;

    /**
     * One default model.
     *
     * @param anomaly turns a normal raw window into an anomalous one (for the golden vector and the
     *     build's self-check that anomalies score far above the threshold)
     * @param rangeMargin the range term's margin in standard deviations; negative: no range term
     */
    record Definition(String name, int length, List<String> channels, Function<Long, SignalProcess> process,
            long trainSeed, long holdoutSeed, UnaryOperator<double[]> anomaly, double rangeMargin) {

        double[][] windows(long seed, int count) {
            SignalProcess source = process.apply(seed);
            double[][] windows = new double[count][];
            for (int i = 0; i < count; i++) {
                windows[i] = source.window(length);
            }
            return windows;
        }
    }

    static final Definition VIBRATION = new Definition(NAME, LENGTH, CHANNELS, NormalProcess::new, 42, 4242,
            ModelGen::withSpike, -1);
    static final Definition LINE = new Definition(LINE_NAME, 8, CHANNELS, seed -> new LineProcess(seed, 0, 100), 7,
            77, ModelGen::withTripledVibration, 0.5);
    /**
     * {@value #FEATURES_NAME}: {@link #NAME}'s machine seen through per-window features only (a window of one
     * step whose channels are each raw channel's mean, std, min and max over {@value #LENGTH} samples), for
     * remote inference of workloads whose raw data stays on site.
     */
    static final Definition FEATURES = new Definition(FEATURES_NAME, 1, featureChannels(),
            seed -> new FeatureProcess(new NormalProcess(seed), LENGTH), 43, 4343, ModelGen::withSpikeFeatures, -1);

    private ModelGen() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModelGen OUTPUT_DIR");
        }
        Path models = Path.of(args[0]).resolve("models");
        StringBuilder index = new StringBuilder();
        for (Definition definition : List.of(VIBRATION, LINE, FEATURES)) {
            Path dir = models.resolve(definition.name()).resolve(VERSION);
            Files.createDirectories(dir);
            double[][] training = definition.windows(definition.trainSeed(), 4000);
            Autoencoder model = Autoencoder.train(training, definition.channels().size(), COMPONENTS);
            if (definition.rangeMargin() >= 0) {
                model = model.withRanges(training, definition.rangeMargin());
            }
            byte[] onnx = OnnxExport.export(model, definition.name());
            Files.write(dir.resolve("model.onnx"), onnx);
            String manifest = new GsonBuilder().setPrettyPrinting().create()
                    .toJson(manifest(definition, model, onnx));
            Files.writeString(dir.resolve("manifest.json"), manifest + "\n", StandardCharsets.UTF_8);
            index.append(definition.name()).append('/').append(VERSION).append('\n');
        }
        MachineStateModel.write(models.resolve(MachineStateModel.NAME).resolve(VERSION));
        index.append(MachineStateModel.NAME).append('/').append(VERSION).append('\n');
        Files.writeString(models.resolve("index"), index.toString(), StandardCharsets.UTF_8);
    }

    static double[][] windows(long seed, int count) {
        return VIBRATION.windows(seed, count);
    }

    /** A vibration spike of 3 g at step 5: the anomaly the vibration model must catch. */
    public static double[] withSpike(double[] window) {
        double[] copy = window.clone();
        copy[2 * 5] += 3;
        return copy;
    }

    /** What {@link #withSpike} does to the features: the vibration's maximum and spread rise. */
    static double[] withSpikeFeatures(double[] features) {
        double[] copy = features.clone();
        copy[1] += 0.7;
        copy[3] += 3;
        return copy;
    }

    private static List<String> featureChannels() {
        List<String> names = new java.util.ArrayList<>();
        for (String channel : CHANNELS) {
            for (String stat : FeatureProcess.STATS) {
                names.add(channel + "." + stat);
            }
        }
        return List.copyOf(names);
    }

    /** The simulator's anomaly: vibration triples and temperature rises by 15 C. */
    static double[] withTripledVibration(double[] window) {
        double[] copy = window.clone();
        for (int i = 0; i < copy.length; i += 2) {
            copy[i] *= 3;
            copy[i + 1] += 15;
        }
        return copy;
    }

    private static JsonObject manifest(Definition definition, Autoencoder model, byte[] onnx) {
        double[][] holdout = definition.windows(definition.holdoutSeed(), 2000);
        double[] scores = new double[holdout.length];
        double[][] channelMeans = new double[definition.channels().size()][holdout.length];
        for (int w = 0; w < holdout.length; w++) {
            scores[w] = model.score(model.normalise(holdout[w]));
            for (int c = 0; c < definition.channels().size(); c++) {
                channelMeans[c][w] = meanOf(holdout[w], c, definition.channels().size());
            }
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        // Twice the 99.9th percentile of normal scores: normal data stays below, spikes land far above.
        double threshold = 2 * sorted[(int) (sorted.length * 0.999)];
        double anomalyScore = model.score(model.normalise(definition.anomaly().apply(holdout[0])));
        if (anomalyScore < 2 * threshold) {
            throw new IllegalStateException(definition.name() + " does not separate anomalies: anomaly "
                    + anomalyScore + ", threshold " + threshold);
        }

        JsonArray reference = new JsonArray();
        for (int c = 0; c < definition.channels().size(); c++) {
            reference.add(Json.deciles(definition.channels().get(c), channelMeans[c]));
        }
        reference.add(Json.deciles("score", scores));
        return manifest(definition.name(), VERSION, definition.length(), definition.channels(), model, onnx, threshold,
                new double[][] {holdout[1], holdout[2], holdout[3], definition.anomaly().apply(holdout[4])}, reference);
    }

    /**
     * The inference manifest ({@code docs/inference.md}) of an exported model of this family over
     * {@code channels} ({@link #CHANNELS} for the default models).
     *
     * @param length samples per window (also the stride)
     * @param channels the channels of a window, in input order
     * @param threshold the score threshold between normal and anomaly
     * @param goldenWindows raw windows whose scores become the golden vector
     * @param reference reference histograms (may be empty)
     */
    public static JsonObject manifest(String name, String version, int length, List<String> channels, Autoencoder model,
            byte[] onnx,
            double threshold, double[][] goldenWindows, JsonArray reference) {
        JsonObject manifest = new JsonObject();
        manifest.addProperty("name", name);
        manifest.addProperty("version", version);
        manifest.addProperty("sha256", sha256(onnx));
        int size = length * channels.size();
        manifest.add("inputs", tensors(OnnxExport.INPUT, size));
        manifest.add("outputs", tensors(OnnxExport.OUTPUT, 1));
        manifest.add("window", window(length, channels, model.mean(), model.std()));
        JsonObject score = new JsonObject();
        score.addProperty("output", OnnxExport.OUTPUT);
        score.addProperty("threshold", threshold);
        score.add("labels", Json.strings(List.of("normal", "anomaly")));
        manifest.add("score", score);
        manifest.add("golden", golden(model, goldenWindows));
        manifest.add("reference", reference);
        return manifest;
    }

    /** Pre-processing: tumbling windows of {@code length} samples, normalised per channel. */
    static JsonObject window(int length, List<String> channels, double[] mean, double[] std) {
        JsonObject window = new JsonObject();
        window.addProperty("length", length);
        window.addProperty("stride", length);
        window.add("channels", Json.strings(channels));
        window.add("mean", Json.numbers(mean));
        window.add("std", Json.numbers(std));
        return window;
    }

    static JsonArray tensors(String name, int width) {
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
