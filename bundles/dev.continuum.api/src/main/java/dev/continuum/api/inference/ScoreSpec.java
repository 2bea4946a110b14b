package dev.continuum.api.inference;

import java.util.List;
import java.util.Objects;

/**
 * Post-processing: how the model's output becomes a score and a label.
 *
 * <p>{@link Kind#THRESHOLD} (anomaly models): element 0 of each output row is the score; at or above
 * {@code threshold} it gets the second label. {@link Kind#ARGMAX} (classifiers): each output row holds
 * one probability per label, in label order; the label is the one with the highest probability and the
 * score is that probability. The model must output one column per label (checked when it is installed).
 *
 * @param output the graph output that holds the score or the class probabilities
 * @param kind how the output row becomes a score and a label
 * @param threshold {@link Kind#THRESHOLD}: scores at or above it get the second label; unused by {@link Kind#ARGMAX}
 * @param labels {@link Kind#THRESHOLD}: two labels, below and at or above the threshold (e.g. {@code normal},
 *     {@code anomaly}); {@link Kind#ARGMAX}: one label per output column, at least two
 */
public record ScoreSpec(String output, Kind kind, double threshold, List<String> labels) {

    /** How an output row becomes a score and a label. */
    public enum Kind {
        /** Element 0 is the score, compared with the threshold. */
        THRESHOLD,
        /** One probability per label; the most probable label wins and its probability is the score. */
        ARGMAX
    }

    public ScoreSpec {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(kind, "kind");
        labels = List.copyOf(labels);
        if (kind == Kind.THRESHOLD && labels.size() != 2) {
            throw new IllegalArgumentException("labels must name exactly two classes (below, at or above"
                    + " the threshold), got " + labels);
        }
        if (kind == Kind.ARGMAX && labels.size() < 2) {
            throw new IllegalArgumentException("labels must name at least two classes (one per output column)"
                    + " for kind ARGMAX, got " + labels);
        }
    }

    /** A {@link Kind#THRESHOLD} post-processing. */
    public ScoreSpec(String output, double threshold, List<String> labels) {
        this(output, Kind.THRESHOLD, threshold, labels);
    }

    /** The label for {@code score} ({@link Kind#THRESHOLD}). */
    public String label(double score) {
        return score >= threshold ? labels.get(1) : labels.get(0);
    }
}
