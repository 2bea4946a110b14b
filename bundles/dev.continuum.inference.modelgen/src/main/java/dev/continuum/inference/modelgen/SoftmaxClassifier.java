package dev.continuum.inference.modelgen;

/**
 * Multinomial logistic regression over normalised windows: {@code p = softmax(x W + b)}, trained by full-batch
 * gradient descent on the cross-entropy with a small L2 penalty, from zero weights (no random start), so the
 * same data gives the same weights on every JVM. The reference the exported ONNX graph must reproduce.
 */
final class SoftmaxClassifier {

    private static final double L2 = 1e-4;

    private final double[] mean;
    private final double[] std;
    /** {@code [inputs][classes]}. */
    private final double[][] weights;
    private final double[] bias;

    private SoftmaxClassifier(double[] mean, double[] std, double[][] weights, double[] bias) {
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Trains on raw windows of {@code channels} time-major channels with class indexes {@code labels}
     * ({@code 0..classes-1}).
     */
    static SoftmaxClassifier train(double[][] windows, int[] labels, int channels, int classes, int epochs,
            double rate) {
        // The per-channel scaling of the autoencoders (and of the inference stage's pre-processing).
        Autoencoder scaler = Autoencoder.train(windows, channels, 1);
        double[] mean = scaler.mean();
        double[] std = scaler.std();
        int d = windows[0].length;
        double[][] x = new double[windows.length][];
        for (int w = 0; w < windows.length; w++) {
            x[w] = scaler.normalise(windows[w]);
        }
        SoftmaxClassifier model = new SoftmaxClassifier(mean, std, new double[d][classes], new double[classes]);
        double[][] gradW = new double[d][classes];
        double[] gradB = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (double[] row : gradW) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(gradB, 0);
            for (int w = 0; w < x.length; w++) {
                double[] p = model.probabilities(x[w]);
                p[labels[w]] -= 1;
                for (int i = 0; i < d; i++) {
                    for (int c = 0; c < classes; c++) {
                        gradW[i][c] += x[w][i] * p[c];
                    }
                }
                for (int c = 0; c < classes; c++) {
                    gradB[c] += p[c];
                }
            }
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < classes; c++) {
                    model.weights[i][c] -= rate * (gradW[i][c] / x.length + L2 * model.weights[i][c]);
                }
            }
            for (int c = 0; c < classes; c++) {
                model.bias[c] -= rate * gradB[c] / x.length;
            }
        }
        return model;
    }

    double[] normalise(double[] window) {
        double[] out = new double[window.length];
        for (int i = 0; i < window.length; i++) {
            out[i] = (window[i] - mean[i % mean.length]) / std[i % mean.length];
        }
        return out;
    }

    /** The class probabilities of a normalised window. */
    double[] probabilities(double[] x) {
        int classes = bias.length;
        double[] logits = bias.clone();
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < classes; c++) {
                logits[c] += x[i] * weights[i][c];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < classes; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    /** The most probable class of a normalised window. */
    int classify(double[] x) {
        double[] p = probabilities(x);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    double[] mean() {
        return mean.clone();
    }

    double[] std() {
        return std.clone();
    }

    double[][] weights() {
        return weights;
    }

    double[] bias() {
        return bias.clone();
    }
}
