package dev.continuum.api.inference;

import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs to know about one model version; stored as {@code manifest.json} beside
 * {@code model.onnx} in the model store (format: {@code docs/inference.md}).
 *
 * @param name the model's name (letters, digits, {@code .-_}); versions of one name replace each other
 * @param version the version (letters, digits, {@code .-_+}), unique per name
 * @param sha256 the lower-case hex SHA-256 of the model file
 * @param inputs the graph's inputs; today exactly one FLOAT input of {@code [-1, window size]}
 * @param outputs the graph's outputs; must contain {@link ScoreSpec#output()}
 * @param window pre-processing
 * @param score post-processing
 * @param golden the golden test vector
 * @param reference reference histograms of each channel's per-window mean and of the score
 */
public record ModelManifest(
        String name,
        String version,
        String sha256,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        WindowSpec window,
        ScoreSpec score,
        GoldenVector golden,
        List<Histogram> reference) {

    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(golden, "golden");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        reference = List.copyOf(reference);
    }

    /** {@code name@version}. */
    public String id() {
        return name + "@" + version;
    }
}
