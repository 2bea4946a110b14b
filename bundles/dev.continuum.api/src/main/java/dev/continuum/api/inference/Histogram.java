package dev.continuum.api.inference;

import java.util.Objects;

/**
 * A reference distribution over fixed bins, for drift monitoring.
 *
 * <p>{@code edges} are the {@code n - 1} ascending inner bin boundaries of {@code n} bins (the first
 * bin is open below, the last open above; a value equal to an edge falls in the upper bin);
 * {@code proportions} are the {@code n} fractions of the training data in each bin (summing to 1).
 *
 * @param name the feature (a channel name, or {@code score})
 * @param edges inner bin boundaries, ascending
 * @param proportions reference fraction per bin
 */
public record Histogram(String name, double[] edges, double[] proportions) {

    public Histogram {
        Objects.requireNonNull(name, "name");
        edges = edges.clone();
        proportions = proportions.clone();
        if (proportions.length != edges.length + 1) {
            throw new IllegalArgumentException("histogram '" + name + "' needs one more proportion than edges; got "
                    + edges.length + " edges and " + proportions.length + " proportions");
        }
        for (int i = 1; i < edges.length; i++) {
            if (edges[i] <= edges[i - 1]) {
                throw new IllegalArgumentException("histogram '" + name + "' edges must be strictly ascending");
            }
        }
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] proportions() {
        return proportions.clone();
    }

    /** The bin of {@code value}. */
    public int bin(double value) {
        int low = 0;
        int high = edges.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (value >= edges[mid]) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public int bins() {
        return proportions.length;
    }
}
