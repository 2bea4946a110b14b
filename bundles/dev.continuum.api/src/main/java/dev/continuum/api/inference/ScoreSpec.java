package dev.continuum.api.inference;

import java.util.List;
import java.util.Objects;

/**
 * Post-processing: how the model's output becomes a score and a label.
 *
 * @param output the graph output that holds the score (element 0 of each batch row)
 * @param threshold scores at or above it get the second label
 * @param labels two labels: below threshold, at or above (e.g. {@code normal}, {@code anomaly})
 */
public record ScoreSpec(String output, double threshold, List<String> labels) {

    public ScoreSpec {
        Objects.requireNonNull(output, "output");
        labels = List.copyOf(labels);
        if (labels.size() != 2) {
            throw new IllegalArgumentException("labels must name exactly two classes (below, at or above"
                    + " the threshold), got " + labels);
        }
    }

    /** The label for {@code score}. */
    public String label(double score) {
        return score >= threshold ? labels.get(1) : labels.get(0);
    }
}
