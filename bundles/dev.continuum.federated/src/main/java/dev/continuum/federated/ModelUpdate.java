package dev.continuum.federated;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a gateway sends back from a round: no data, only the difference between its locally trained model
 * and the global model it started from (clipped, possibly noised), how many windows it trained on, and
 * metrics of its own evaluation.
 *
 * @param gateway the gateway's client id
 * @param model the model's name
 * @param baseVersion the global version the update is relative to
 * @param round the round
 * @param samples training windows used (the aggregation weight)
 * @param delta {@link Deltas#layout the update}
 * @param metrics local metrics, e.g. the holdout loss of the global and of the locally trained model
 */
public record ModelUpdate(String gateway, String model, String baseVersion, int round, long samples, double[] delta,
        Map<String, Double> metrics) {

    public ModelUpdate {
        metrics = Map.copyOf(metrics);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("gateway", gateway);
        json.addProperty("model", model);
        json.addProperty("baseVersion", baseVersion);
        json.addProperty("round", round);
        json.addProperty("samples", samples);
        json.add("delta", Jsons.array(delta));
        JsonObject values = new JsonObject();
        metrics.forEach(values::addProperty);
        json.add("metrics", values);
        return json;
    }

    /** Parses an update; {@code IllegalArgumentException} naming the missing or bad field. */
    public static ModelUpdate fromJson(JsonObject json) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (json.has("metrics") && json.get("metrics").isJsonObject()) {
            JsonObject values = json.getAsJsonObject("metrics");
            for (String key : values.keySet()) {
                metrics.put(key, Jsons.number(values, key));
            }
        }
        double samples = Jsons.number(json, "samples");
        if (samples != Math.rint(samples) || samples < 0) {
            throw new IllegalArgumentException("the field 'samples' must be a whole number >= 0, got " + samples);
        }
        return new ModelUpdate(Jsons.text(json, "gateway"), Jsons.text(json, "model"), Jsons.text(json, "baseVersion"),
                Jsons.integer(json, "round"), (long) samples, Jsons.numbers(json, "delta"), metrics);
    }
}
