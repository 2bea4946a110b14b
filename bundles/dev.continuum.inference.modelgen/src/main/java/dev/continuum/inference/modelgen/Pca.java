package dev.continuum.inference.modelgen;

/**
 * The leading principal directions of a data set by power iteration with deflation: the weights of the
 * optimal linear autoencoder. Deterministic (fixed start vectors, fixed iteration count).
 */
public final class Pca {

    private static final int ITERATIONS = 500;

    private Pca() {
    }

    /** The {@code k} leading unit eigenvectors of the (uncentred) second-moment matrix of {@code rows}. */
    public static double[][] components(double[][] rows, int k) {
        int d = rows[0].length;
        double[][] moment = new double[d][d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    moment[i][j] += row[i] * row[j] / rows.length;
                }
            }
        }
        double[][] components = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = 1.0 + i * 0.01 * (c + 1);
            }
            double lambda = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                double[] w = multiply(moment, v);
                lambda = Math.sqrt(dot(w, w));
                for (int i = 0; i < d; i++) {
                    v[i] = w[i] / lambda;
                }
            }
            components[c] = v;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    moment[i][j] -= lambda * v[i] * v[j];
                }
            }
        }
        return components;
    }

    static double[] multiply(double[][] matrix, double[] v) {
        double[] out = new double[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = dot(matrix[i], v);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
