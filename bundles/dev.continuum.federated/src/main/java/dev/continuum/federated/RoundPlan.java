package dev.continuum.federated;

import com.google.gson.JsonObject;

/**
 * What a gateway does in one round.
 *
 * @param round the round number, from 1
 * @param epochs passes over the local training windows
 * @param learningRate step size of local training
 * @param batchSize windows per step
 * @param clip the L2 bound of the update: a longer update is scaled down to it
 * @param noiseMultiplier Gaussian noise of standard deviation {@code noiseMultiplier * clip} is added to
 *     each coordinate of the clipped update (differential privacy); 0 for none
 * @param proximalMu FedProx coefficient; 0 for FedAvg
 * @param deadlineMillis epoch milliseconds by which the update must reach the coordinator
 */
public record RoundPlan(int round, int epochs, double learningRate, int batchSize, double clip,
        double noiseMultiplier, double proximalMu, long deadlineMillis) {

    public RoundPlan {
        if (round < 1 || epochs < 0 || !(learningRate > 0) || batchSize < 1 || !(clip > 0)
                || !(noiseMultiplier >= 0) || !(proximalMu >= 0)) {
            throw new IllegalArgumentException("a round plan needs round >= 1, epochs >= 0, learningRate > 0,"
                    + " batchSize >= 1, clip > 0, noiseMultiplier >= 0 and proximalMu >= 0; got " + round + ", " + epochs
                    + ", " + learningRate + ", " + batchSize + ", " + clip + ", " + noiseMultiplier + ", " + proximalMu);
        }
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("round", round);
        json.addProperty("epochs", epochs);
        json.addProperty("learningRate", learningRate);
        json.addProperty("batchSize", batchSize);
        json.addProperty("clip", clip);
        json.addProperty("noiseMultiplier", noiseMultiplier);
        json.addProperty("proximalMu", proximalMu);
        json.addProperty("deadline", deadlineMillis);
        return json;
    }

    /** Parses a plan; {@code IllegalArgumentException} naming the missing or bad field. */
    public static RoundPlan fromJson(JsonObject json) {
        return new RoundPlan(Jsons.integer(json, "round"), Jsons.integer(json, "epochs"),
                Jsons.number(json, "learningRate"), Jsons.integer(json, "batchSize"), Jsons.number(json, "clip"),
                Jsons.number(json, "noiseMultiplier"), Jsons.number(json, "proximalMu"),
                (long) Jsons.number(json, "deadline"));
    }
}
