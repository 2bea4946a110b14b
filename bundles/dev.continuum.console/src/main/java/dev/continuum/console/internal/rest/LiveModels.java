package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.Histogram;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.inference.ScoreDistribution;
import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.console.internal.http.Json;
import java.util.Optional;

/**
 * What the Models page charts, per model: the scored counter (the page derives the rate), the recent score
 * distribution with the score threshold, and the drift report. Shared by {@code GET /models/{name}/scores}
 * and the {@code models} topic of the live stream.
 */
final class LiveModels {

    private LiveModels() {
    }

    /** Every model, as one array (the live stream sends it once a second). */
    static JsonArray all(InferenceService inference) {
        JsonArray array = new JsonArray();
        for (ModelStatus status : inference.models()) {
            array.add(of(inference, status));
        }
        return array;
    }

    static JsonObject of(InferenceService inference, ModelStatus status) {
        JsonObject model = new JsonObject();
        model.addProperty("name", status.name());
        model.addProperty("version", status.activeVersion());
        model.addProperty("shadowVersion", status.shadowVersion().orElse(null));
        model.addProperty("scored", status.scored());
        model.addProperty("time", System.currentTimeMillis());
        Optional<ModelManifest> manifest = inference.manifest(status.name());
        model.add("scores", inference.scoreDistribution(status.name())
                .map(d -> distribution(d, manifest)).orElse(null));
        try {
            model.add("drift", Json.GSON.toJsonTree(inference.drift(status.name())));
        } catch (InferenceException e) {
            model.add("drift", null);
        }
        return model;
    }

    static JsonElement distribution(ScoreDistribution distribution, Optional<ModelManifest> manifest) {
        JsonObject json = new JsonObject();
        json.addProperty("version", distribution.version());
        json.add("edges", Json.GSON.toJsonTree(distribution.edges()));
        json.add("counts", Json.GSON.toJsonTree(distribution.counts()));
        json.addProperty("total", distribution.total());
        json.addProperty("periodSeconds", distribution.period().toSeconds());
        manifest.ifPresent(m -> {
            json.addProperty("kind", m.score().kind().name());
            // ARGMAX scores have no threshold (NaN, which JSON cannot carry).
            if (m.score().kind() == ScoreSpec.Kind.THRESHOLD && Double.isFinite(m.score().threshold())) {
                json.addProperty("threshold", m.score().threshold());
            }
            // Bins taken from the score reference: its proportions, for the chart to show what training looked like.
            for (Histogram reference : m.reference()) {
                if ("score".equals(reference.name())
                        && java.util.Arrays.equals(reference.edges(), distribution.edges())) {
                    json.add("reference", Json.GSON.toJsonTree(reference.proportions()));
                }
            }
        });
        return json;
    }
}
