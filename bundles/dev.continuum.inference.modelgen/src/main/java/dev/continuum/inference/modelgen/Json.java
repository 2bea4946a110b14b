package dev.continuum.inference.modelgen;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;

/** Small JSON helpers for the manifest. */
final class Json {

    private static final int BINS = 10;

    private Json() {
    }

    static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    static JsonArray numbers(double[] values) {
        JsonArray array = new JsonArray();
        for (double value : values) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                array.add((long) value);
            } else {
                array.add(value);
            }
        }
        return array;
    }

    /** A histogram of {@code values} over their deciles: edges at the 10th..90th percentiles. */
    static JsonObject deciles(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            edges[i - 1] = sorted[sorted.length * i / BINS];
        }
        double[] proportions = new double[BINS];
        for (double value : values) {
            int bin = 0;
            while (bin < edges.length && value >= edges[bin]) {
                bin++;
            }
            proportions[bin] += 1.0 / values.length;
        }
        JsonObject histogram = new JsonObject();
        histogram.addProperty("name", name);
        histogram.add("edges", numbers(edges));
        histogram.add("proportions", numbers(proportions));
        return histogram;
    }
}
