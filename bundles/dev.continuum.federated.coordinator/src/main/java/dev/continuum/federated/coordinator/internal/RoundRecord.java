package dev.continuum.federated.coordinator.internal;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One round in the history.
 *
 * @param round the round number
 * @param baseVersion the global version the round trained from
 * @param version the aggregated version, or {@code null} when the round failed
 * @param status {@code AGGREGATED}, or {@code FAILED} (too few accepted updates by the deadline)
 * @param invited the gateways asked to train
 * @param accepted accepted updates: gateway to sample count
 * @param rejected refused updates: gateway to reason and message
 * @param stragglers invited gateways with no update by the close
 * @param metrics sample-weighted means of the accepted updates' metrics
 * @param startedMillis when the round opened
 * @param closedMillis when it closed
 */
public record RoundRecord(int round, String baseVersion, String version, String status, List<String> invited,
        Map<String, Long> accepted, Map<String, String> rejected, List<String> stragglers, Map<String, Double> metrics,
        long startedMillis, long closedMillis) {

    public static final String AGGREGATED = "AGGREGATED";
    public static final String FAILED = "FAILED";

    public RoundRecord {
        invited = List.copyOf(invited);
        accepted = Map.copyOf(accepted);
        rejected = Map.copyOf(rejected);
        stragglers = List.copyOf(stragglers);
        metrics = Map.copyOf(metrics);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("round", round);
        json.addProperty("baseVersion", baseVersion);
        json.addProperty("version", version);
        json.addProperty("status", status);
        json.add("invited", new com.google.gson.Gson().toJsonTree(invited));
        json.add("accepted", new com.google.gson.Gson().toJsonTree(accepted));
        json.add("rejected", new com.google.gson.Gson().toJsonTree(rejected));
        json.add("stragglers", new com.google.gson.Gson().toJsonTree(stragglers));
        json.add("metrics", new com.google.gson.Gson().toJsonTree(metrics));
        json.addProperty("started", startedMillis);
        json.addProperty("closed", closedMillis);
        return json;
    }
}
