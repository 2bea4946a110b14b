package dev.continuum.inference.modelgen;

/**
 * A linear autoencoder over normalised windows: encode with the principal components, decode with their
 * transpose; the score is the mean squared reconstruction error. Optionally a range term is added: the
 * mean squared excess of each value beyond its channel's normal range (the training range widened by a
 * margin), which catches level shifts a linear autoencoder reconstructs well. This is the reference the
 * exported ONNX graph must reproduce (the golden vector is computed here).
 */
public final class Autoencoder {

    private final double[] mean;
    private final double[] std;
    private final double[][] components;
    private final double[] low;
    private final double[] high;

    public Autoencoder(double[] mean, double[] std, double[][] components) {
        this(mean, std, components, null, null);
    }

    private Autoencoder(double[] mean, double[] std, double[][] components, double[] low, double[] high) {
        this.mean = mean.clone();
        this.std = std.clone();
        this.components = components;
        this.low = low;
        this.high = high;
    }

    /**
     * This model plus the range term: per channel, the normalised range of {@code windows} widened by
     * {@code margin} (normalised units).
     */
    public Autoencoder withRanges(double[][] windows, double margin) {
        int channels = mean.length;
        double[] lowPerChannel = new double[channels];
        double[] highPerChannel = new double[channels];
        java.util.Arrays.fill(lowPerChannel, Double.MAX_VALUE);
        java.util.Arrays.fill(highPerChannel, -Double.MAX_VALUE);
        for (double[] window : windows) {
            double[] x = normalise(window);
            for (int i = 0; i < x.length; i++) {
                lowPerChannel[i % channels] = Math.min(lowPerChannel[i % channels], x[i]);
                highPerChannel[i % channels] = Math.max(highPerChannel[i % channels], x[i]);
            }
        }
        int size = components[0].length;
        double[] lowPerElement = new double[size];
        double[] highPerElement = new double[size];
        for (int i = 0; i < size; i++) {
            lowPerElement[i] = (float) (lowPerChannel[i % channels] - margin);
            highPerElement[i] = (float) (highPerChannel[i % channels] + margin);
        }
        return new Autoencoder(mean, std, components, lowPerElement, highPerElement);
    }

    /** Per-element lower bounds of the range term (normalised), or null without one. */
    public double[] low() {
        return low == null ? null : low.clone();
    }

    public double[] high() {
        return high == null ? null : high.clone();
    }

    /** Trains on raw windows of {@code channels} time-major channels, keeping {@code k} components. */
    public static Autoencoder train(double[][] windows, int channels, int k) {
        double[] mean = new double[channels];
        double[] square = new double[channels];
        long n = 0;
        for (double[] window : windows) {
            for (int i = 0; i < window.length; i++) {
                mean[i % channels] += window[i];
                square[i % channels] += window[i] * window[i];
            }
            n += window.length / channels;
        }
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] /= n;
            std[c] = Math.sqrt(square[c] / n - mean[c] * mean[c]);
        }
        Autoencoder scaler = new Autoencoder(mean, std, new double[0][]);
        double[][] normalised = new double[windows.length][];
        for (int w = 0; w < windows.length; w++) {
            normalised[w] = scaler.normalise(windows[w]);
        }
        return new Autoencoder(mean, std, Pca.components(normalised, k));
    }

    public double[] normalise(double[] window) {
        return normalise(window, new double[window.length]);
    }

    /** Normalises {@code window} into {@code out} (at least as long) and returns {@code out}: no allocation. */
    public double[] normalise(double[] window, double[] out) {
        for (int i = 0; i < window.length; i++) {
            int c = i % mean.length;
            out[i] = (window[i] - mean[c]) / std[c];
        }
        return out;
    }

    /** The score of a normalised window. */
    public double score(double[] x) {
        return score(x, new double[components.length]);
    }

    /** The score of a normalised window, with {@code code} (one value per component) as scratch: no allocation. */
    public double score(double[] x, double[] code) {
        for (int c = 0; c < components.length; c++) {
            code[c] = Pca.dot(components[c], x);
        }
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            double reconstructed = 0;
            for (int c = 0; c < components.length; c++) {
                reconstructed += code[c] * components[c][i];
            }
            error += (x[i] - reconstructed) * (x[i] - reconstructed);
        }
        double score = error / x.length;
        if (low != null) {
            double excess = 0;
            for (int i = 0; i < x.length; i++) {
                double beyond = Math.max(0, x[i] - high[i]) + Math.max(0, low[i] - x[i]);
                excess += beyond * beyond;
            }
            score += excess / x.length;
        }
        return score;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    public double[][] components() {
        return components;
    }
}
