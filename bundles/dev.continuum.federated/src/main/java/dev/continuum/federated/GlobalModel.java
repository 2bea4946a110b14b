package dev.continuum.federated;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.continuum.inference.modelgen.Autoencoder;

/**
 * The parameters of one version of the global model: a linear autoencoder of the default family over
 * windows of {@code length} samples of {@code mean.length} channels.
 *
 * @param name the model's name in the model store
 * @param version its version (OSGi syntax)
 * @param length samples per window
 * @param mean per-channel normalisation mean
 * @param std per-channel normalisation standard deviation
 * @param components the autoencoder's rows, each {@code length * channels} long
 */
public record GlobalModel(String name, String version, int length, double[] mean, double[] std,
        double[][] components) {

    public GlobalModel {
        if (mean.length == 0 || mean.length != std.length || components.length == 0) {
            throw new IllegalArgumentException("a model needs as many means as standard deviations (one per channel)"
                    + " and at least one component");
        }
        for (double[] row : components) {
            if (row.length != length * mean.length) {
                throw new IllegalArgumentException("every component must have length * channels = "
                        + length * mean.length + " values, got " + row.length);
            }
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("standard deviations must be finite and > 0, got " + s);
            }
        }
    }

    public int channels() {
        return mean.length;
    }

    /** Values per window. */
    public int width() {
        return length * mean.length;
    }

    /** Number of values of an update: two statistics per channel, then every component's values. */
    public int parameterCount() {
        return 2 * channels() + components.length * width();
    }

    public Autoencoder autoencoder() {
        return new Autoencoder(mean, std, components);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("version", version);
        json.addProperty("length", length);
        json.add("mean", Jsons.array(mean));
        json.add("std", Jsons.array(std));
        JsonArray rows = new JsonArray();
        for (double[] row : components) {
            rows.add(Jsons.array(row));
        }
        json.add("components", rows);
        return json;
    }

    /** Parses a model; {@code IllegalArgumentException} naming the missing or bad field. */
    public static GlobalModel fromJson(JsonObject json) {
        JsonArray rows;
        try {
            rows = Jsons.required(json, "components").getAsJsonArray();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the field 'components' must be an array of arrays", e);
        }
        double[][] components = new double[rows.size()][];
        for (int c = 0; c < components.length; c++) {
            JsonObject holder = new JsonObject();
            holder.add("components[" + c + "]", rows.get(c));
            components[c] = Jsons.numbers(holder, "components[" + c + "]");
        }
        return new GlobalModel(Jsons.text(json, "name"), Jsons.text(json, "version"), Jsons.integer(json, "length"),
                Jsons.numbers(json, "mean"), Jsons.numbers(json, "std"), components);
    }
}
