package dev.continuum.federated;

import dev.continuum.inference.modelgen.GradientTrainer;
import java.util.Random;

/**
 * The arithmetic of updates. <b>Layout</b> of a delta, in the normalisation of the global model it is
 * relative to: per channel {@code c} first the mean shift {@code (localMean - mean) / std}, then per
 * channel the second moment minus one {@code E[((x - mean) / std)^2] - 1}; then every component's values,
 * row by row, as trained minus global. Averaging the statistics weighted by sample count gives the pooled
 * mean and variance of all gateways exactly (without clipping and noise), so normalisation is learnt
 * federatedly like the weights.
 */
public final class Deltas {

    private Deltas() {
    }

    /** The update of a gateway that trained {@code trained} components on {@code windows}. */
    public static double[] delta(GlobalModel global, double[][] windows, double[][] trained) {
        int channels = global.channels();
        double[] delta = new double[global.parameterCount()];
        long n = 0;
        for (double[] window : windows) {
            for (int i = 0; i < window.length; i++) {
                int c = i % channels;
                double z = (window[i] - global.mean()[c]) / global.std()[c];
                delta[c] += z;
                delta[channels + c] += z * z;
            }
            n += window.length / channels;
        }
        for (int c = 0; c < channels; c++) {
            delta[c] = n == 0 ? 0 : delta[c] / n;
            delta[channels + c] = n == 0 ? 0 : delta[channels + c] / n - 1;
        }
        int at = 2 * channels;
        double[][] start = global.components();
        for (int r = 0; r < start.length; r++) {
            for (int i = 0; i < start[r].length; i++) {
                delta[at++] = trained[r][i] - start[r][i];
            }
        }
        return delta;
    }

    /** FedAvg: the mean of {@code deltas} weighted by {@code weights} (the sample counts). */
    public static double[] weightedAverage(java.util.List<double[]> deltas, java.util.List<Long> weights) {
        double[] sum = new double[deltas.get(0).length];
        double total = 0;
        for (int u = 0; u < deltas.size(); u++) {
            double weight = weights.get(u);
            double[] delta = deltas.get(u);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weight * delta[i];
            }
            total += weight;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= total;
        }
        return sum;
    }

    public static double norm(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    /** Scales {@code delta} in place down to L2 norm {@code bound} if it is longer; returns the norm before. */
    public static double clip(double[] delta, double bound) {
        double norm = norm(delta);
        if (norm > bound) {
            double scale = bound / norm;
            for (int i = 0; i < delta.length; i++) {
                delta[i] *= scale;
            }
        }
        return norm;
    }

    /** Adds Gaussian noise of standard deviation {@code sigma} to every value, in place. */
    public static void addNoise(double[] delta, double sigma, Random random) {
        if (sigma > 0) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] += sigma * random.nextGaussian();
            }
        }
    }

    /**
     * The longest update a round accepts: the clipping bound, plus what the plan's noise can add with
     * overwhelming probability (the norm of {@code n} Gaussians of deviation {@code s} stays below
     * {@code s (sqrt(n) + 6)} but for odds far below one in a million).
     */
    public static double acceptedNorm(RoundPlan plan, int parameters) {
        double sigma = plan.noiseMultiplier() * plan.clip();
        return plan.clip() * (1 + 1e-9) + sigma * (Math.sqrt(parameters) + 6);
    }

    /**
     * The next global model: {@code global} moved by {@code averageDelta}, its components made orthonormal
     * again.
     */
    public static GlobalModel apply(GlobalModel global, double[] averageDelta, String version) {
        int channels = global.channels();
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double shift = averageDelta[c];
            double secondMoment = Math.max(1 + averageDelta[channels + c], 0);
            mean[c] = global.mean()[c] + global.std()[c] * shift;
            double variance = global.std()[c] * global.std()[c] * (secondMoment - shift * shift);
            // A variance driven to zero or below by noise would make the model useless: keep a floor.
            std[c] = Math.sqrt(Math.max(variance, 1e-6 * global.std()[c] * global.std()[c]));
        }
        double[][] start = global.components();
        double[][] rows = new double[start.length][];
        int at = 2 * channels;
        for (int r = 0; r < start.length; r++) {
            rows[r] = new double[start[r].length];
            for (int i = 0; i < rows[r].length; i++) {
                rows[r][i] = start[r][i] + averageDelta[at++];
            }
        }
        return new GlobalModel(global.name(), version, global.length(), mean, std,
                GradientTrainer.orthonormalise(rows));
    }
}
