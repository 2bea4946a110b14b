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

    /** A histogram of {@code values} over their deciles: edges at the 10th..90th percentiles (distinct ones). */
    static JsonObject deciles(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // A value that fills more than a tenth (a classifier's saturated probability) repeats an edge: keep one.
        double[] edges = java.util.stream.IntStream.range(1, BINS).mapToDouble(i -> sorted[sorted.length * i / BINS])
                .distinct().toArray();
        double[] proportions = new double[edges.length + 1];
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
