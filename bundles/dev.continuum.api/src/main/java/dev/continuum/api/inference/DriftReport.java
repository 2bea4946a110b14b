package dev.continuum.api.inference;

import java.util.List;
import java.util.Map;

/**
 * Drift of the active version's live inputs and scores against its manifest's reference statistics.
 *
 * @param model the model's name
 * @param version the active version
 * @param observations windows observed so far (capped at the drift window)
 * @param threshold the configured PSI threshold
 * @param psi population stability index per feature (channel names and {@code score}); empty until
 *     the drift window is full
 * @param drifting the features whose PSI is at or above the threshold
 */
public record DriftReport(
        String model, String version, int observations, double threshold, Map<String, Double> psi,
        List<String> drifting) {

    public DriftReport {
        psi = Map.copyOf(psi);
        drifting = List.copyOf(drifting);
    }

    public boolean isDrifting() {
        return !drifting.isEmpty();
    }
}
