package dev.continuum.inference.internal.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.continuum.api.inference.GoldenVector;
import dev.continuum.api.inference.Histogram;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.api.inference.TensorSpec;
import dev.continuum.api.inference.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code manifest.json} into a {@link ModelManifest}; every error names the field at fault. */
public final class ManifestReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ManifestReader() {
    }

    public static ModelManifest parse(byte[] json) throws InferenceException {
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new InferenceException("manifest: must be a JSON object");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InferenceException("manifest: not valid JSON: " + e.getMessage(), e);
        }
        try {
            String name = matching(root, "name", NAME, "letters, digits and ._- (at most 64)");
            String version = matching(root, "version", VERSION, "letters, digits and ._+- (at most 64)");
            String sha256 = matching(root, "sha256", SHA256, "64 lower-case hex digits");
            JsonObject window = object(root, "window");
            JsonObject score = object(root, "score");
            JsonObject golden = object(root, "golden");
            return new ModelManifest(name, version, sha256, tensors(root, "inputs"), tensors(root, "outputs"),
                    new WindowSpec(integer(window, "window.length"), integer(window, "window.stride"),
                            strings(window, "window.channels"), doubles(window, "window.mean"),
                            doubles(window, "window.std")),
                    score(score),
                    new GoldenVector(matrix(golden, "golden.input"), matrix(golden, "golden.expected"),
                            number(golden, "golden.tolerance")),
                    histograms(root));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new InferenceException("manifest: " + e.getMessage(), e);
        }
    }

    /** {@code score.kind} is optional ({@code THRESHOLD}); an {@code ARGMAX} score needs no threshold. */
    private static ScoreSpec score(JsonObject score) {
        ScoreSpec.Kind kind = ScoreSpec.Kind.THRESHOLD;
        if (score.has("kind")) {
            String value = string(score, "score.kind");
            try {
                kind = ScoreSpec.Kind.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("score.kind is '" + value + "'; accepted: "
                        + java.util.Arrays.toString(ScoreSpec.Kind.values()), e);
            }
        }
        double threshold = kind == ScoreSpec.Kind.ARGMAX && !score.has("threshold") ? Double.NaN
                : number(score, "score.threshold");
        return new ScoreSpec(string(score, "score.output"), kind, threshold, strings(score, "score.labels"));
    }

    private static List<TensorSpec> tensors(JsonObject root, String field) {
        List<TensorSpec> tensors = new ArrayList<>();
        JsonArray array = array(root, field);
        for (int i = 0; i < array.size(); i++) {
            String path = field + "[" + i + "]";
            JsonObject tensor = array.get(i).getAsJsonObject();
            String type = string(tensor, path + ".type");
            if (!"FLOAT".equals(type)) {
                throw new IllegalArgumentException(path + ".type is '" + type + "'; accepted: FLOAT");
            }
            double[] dims = doubles(tensor, path + ".shape");
            long[] shape = new long[dims.length];
            for (int d = 0; d < dims.length; d++) {
                if (dims[d] != Math.rint(dims[d]) || (dims[d] < 1 && dims[d] != -1)) {
                    throw new IllegalArgumentException(path + ".shape: each dimension must be a positive integer or -1"
                            + " (dynamic), got " + dims[d]);
                }
                shape[d] = (long) dims[d];
            }
            tensors.add(new TensorSpec(string(tensor, path + ".name"), type, shape));
        }
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(field + " must list at least one tensor");
        }
        return tensors;
    }

    private static List<Histogram> histograms(JsonObject root) {
        List<Histogram> histograms = new ArrayList<>();
        JsonArray array = array(root, "reference");
        for (int i = 0; i < array.size(); i++) {
            String path = "reference[" + i + "]";
            JsonObject histogram = array.get(i).getAsJsonObject();
            histograms.add(new Histogram(string(histogram, path + ".name"), doubles(histogram, path + ".edges"),
                    doubles(histogram, path + ".proportions")));
        }
        return histograms;
    }

    private static float[][] matrix(JsonObject object, String path) {
        JsonArray rows = array(object, path);
        float[][] matrix = new float[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            matrix[r] = new float[row.size()];
            for (int c = 0; c < row.size(); c++) {
                matrix[r][c] = row.get(c).getAsFloat();
            }
        }
        return matrix;
    }

    private static JsonElement field(JsonObject object, String path) {
        JsonElement element = object.get(path.substring(path.lastIndexOf('.') + 1));
        if (element == null || element.isJsonNull()) {
            throw new IllegalArgumentException("missing field '" + path + "'");
        }
        return element;
    }

    private static JsonObject object(JsonObject object, String path) {
        JsonElement element = field(object, path);
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("'" + path + "' must be an object");
        }
        return element.getAsJsonObject();
    }

    private static JsonArray array(JsonObject object, String path) {
        JsonElement element = field(object, path);
        if (!element.isJsonArray()) {
            throw new IllegalArgumentException("'" + path + "' must be an array");
        }
        return element.getAsJsonArray();
    }

    private static String string(JsonObject object, String path) {
        JsonElement element = field(object, path);
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + path + "' must be a string");
        }
        return element.getAsString();
    }

    private static String matching(JsonObject object, String path, Pattern pattern, String accepted) {
        String value = string(object, path);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + path + "' is '" + value + "'; accepted: " + accepted);
        }
        return value;
    }

    private static double number(JsonObject object, String path) {
        JsonElement element = field(object, path);
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("'" + path + "' must be a number");
        }
        return element.getAsDouble();
    }

    private static int integer(JsonObject object, String path) {
        double value = number(object, path);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + path + "' must be an integer, got " + value);
        }
        return (int) value;
    }

    private static List<String> strings(JsonObject object, String path) {
        List<String> values = new ArrayList<>();
        for (JsonElement element : array(object, path)) {
            values.add(element.getAsString());
        }
        return values;
    }

    private static double[] doubles(JsonObject object, String path) {
        JsonArray array = array(object, path);
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }
}
