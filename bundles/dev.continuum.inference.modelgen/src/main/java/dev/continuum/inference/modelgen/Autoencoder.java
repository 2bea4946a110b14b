package dev.continuum.inference.modelgen;

/**
 * A linear autoencoder over normalised windows: encode with the principal components, decode with their
 * transpose; the score is the mean squared reconstruction error. This is the reference the exported
 * ONNX graph must reproduce (the golden vector is computed here).
 */
public final class Autoencoder {

    private final double[] mean;
    private final double[] std;
    private final double[][] components;

    public Autoencoder(double[] mean, double[] std, double[][] components) {
        this.mean = mean.clone();
        this.std = std.clone();
        this.components = components;
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
        double[] out = new double[window.length];
        for (int i = 0; i < window.length; i++) {
            int c = i % mean.length;
            out[i] = (window[i] - mean[c]) / std[c];
        }
        return out;
    }

    /** The score of a normalised window. */
    public double score(double[] x) {
        double[] code = new double[components.length];
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
        return error / x.length;
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
