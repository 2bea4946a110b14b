package dev.continuum.api.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of scoring one window.
 *
 * @param model the model's name
 * @param version the version that scored this window (during a swap, the one the window started on)
 * @param score the score output (for the anomaly models: reconstruction error, higher is more anomalous; for
 *     classifiers: the probability of the label)
 * @param label the label {@link ScoreSpec} gives the output row
 * @param latencyNanos the time of the ONNX Runtime run that scored this window (its whole batch)
 * @param windowStart source time of the window's first sample
 * @param windowEnd source time of the window's last sample
 * @param imputed true when the window held missing values that were replaced
 */
public record InferenceResult(
        String model,
        String version,
        double score,
        String label,
        long latencyNanos,
        Instant windowStart,
        Instant windowEnd,
        boolean imputed) {

    public InferenceResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(label, "label");
    }
}
