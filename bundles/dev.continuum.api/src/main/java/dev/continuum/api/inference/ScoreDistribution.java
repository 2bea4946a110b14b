package dev.continuum.api.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * The recent scores of a model's active version over fixed bins: what the console draws as the live
 * score distribution.
 *
 * <p>{@code edges} are the {@code n - 1} ascending inner boundaries of {@code n} bins, as in
 * {@link Histogram} (first bin open below, last open above, a score equal to an edge counts in the upper
 * bin): the edges of the manifest's {@code score} reference histogram when it has one, else ten bins over
 * [0, 1] for {@link ScoreSpec.Kind#ARGMAX} and twenty bins over [0, 2 x threshold] for
 * {@link ScoreSpec.Kind#THRESHOLD}. The counts cover the windows scored during the last {@code period}
 * (the service keeps them in a few time slots and drops the oldest as time passes), so they follow the
 * live distribution; they start empty when a version becomes active.
 *
 * @param model the model's name
 * @param version the active version the scores are from
 * @param edges inner bin boundaries, ascending
 * @param counts windows scored per bin during {@code period}
 * @param period how far back the counts reach
 * @since 1.3
 */
public record ScoreDistribution(String model, String version, double[] edges, long[] counts, Duration period) {

    public ScoreDistribution {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(period, "period");
        edges = edges.clone();
        counts = counts.clone();
        if (counts.length != edges.length + 1) {
            throw new IllegalArgumentException("a score distribution needs one more count than edges; got "
                    + edges.length + " edges and " + counts.length + " counts");
        }
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Windows counted in all bins. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
