package dev.continuum.inference.modelgen;

import java.util.SplittableRandom;

/**
 * Trains the components of an {@link Autoencoder} by mini-batch gradient descent from a given model, in
 * that model's normalisation: what a federated participant runs on its own windows each round. The loss
 * of a window {@code x} is {@code |x - W'W x|^2} (tied encoder and decoder {@code W}, one row per
 * component), whose minimisers span the leading principal subspace, the same model {@link Pca} finds in
 * closed form. With {@code proximalMu > 0} the term {@code mu/2 |W - W0|^2} keeps the result near the
 * starting model (FedProx). The step is divided by the batch's mean squared norm per value when that is
 * above one, which keeps training stable on windows far from the model's normalisation.
 */
public final class GradientTrainer {

    /**
     * What one training run does.
     *
     * @param epochs passes over the windows (0: no training)
     * @param learningRate step size
     * @param batchSize windows per step
     * @param proximalMu FedProx coefficient; 0 for plain FedAvg
     * @param seed shuffling seed
     */
    public record Options(int epochs, double learningRate, int batchSize, double proximalMu, long seed) {

        public Options {
            if (epochs < 0 || !(learningRate > 0) || batchSize < 1 || !(proximalMu >= 0)) {
                throw new IllegalArgumentException("training needs epochs >= 0, a learning rate > 0, a batch size"
                        + " >= 1 and a proximal mu >= 0; got " + epochs + ", " + learningRate + ", " + batchSize + ", "
                        + proximalMu);
            }
        }
    }

    /** Called after every step; pauses to keep a CPU budget, or stops the run by returning false. */
    @FunctionalInterface
    public interface Pacer {
        boolean afterStep() throws InterruptedException;
    }

    /**
     * The result of a run.
     *
     * @param components the trained components (rows)
     * @param steps steps taken
     * @param complete false when the pacer stopped the run early
     */
    public record Result(double[][] components, long steps, boolean complete) {
    }

    private GradientTrainer() {
    }

    /** Trains from {@code start}'s components on raw {@code windows}, normalised by {@code start}. */
    public static Result train(Autoencoder start, double[][] windows, Options options, Pacer pacer)
            throws InterruptedException {
        double[][] origin = start.components();
        int k = origin.length;
        int d = origin[0].length;
        double[][] w = new double[k][];
        for (int c = 0; c < k; c++) {
            w[c] = origin[c].clone();
        }
        double[][] x = new double[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            x[i] = start.normalise(windows[i]);
        }
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        double[][] gradient = new double[k][d];
        double[] code = new double[k];
        double[] residual = new double[d];
        double[] codeOfResidual = new double[k];
        long steps = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            for (int from = 0; from < order.length; from += options.batchSize()) {
                int to = Math.min(order.length, from + options.batchSize());
                for (double[] row : gradient) {
                    java.util.Arrays.fill(row, 0);
                }
                double energy = 0;
                for (int b = from; b < to; b++) {
                    accumulate(w, x[order[b]], gradient, code, residual, codeOfResidual);
                    energy += Pca.dot(x[order[b]], x[order[b]]);
                }
                // Normalised step (as NLMS): windows far from the model's normalisation (a first round, a
                // site unlike the others) would otherwise make the step diverge.
                double scale = options.learningRate() / (to - from) / Math.max(1, energy / (to - from) / d);
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        double proximal = options.proximalMu() * (w[c][i] - origin[c][i]);
                        w[c][i] -= scale * gradient[c][i] + options.learningRate() * proximal;
                    }
                }
                steps++;
                if (!pacer.afterStep()) {
                    return new Result(w, steps, false);
                }
            }
        }
        return new Result(w, steps, true);
    }

    /** Adds the gradient of {@code |x - W'W x|^2}: {@code -2 (W x) r' - 2 (W r) x'} with {@code r = x - W'W x}. */
    private static void accumulate(double[][] w, double[] x, double[][] gradient, double[] code, double[] residual,
            double[] codeOfResidual) {
        int k = w.length;
        int d = x.length;
        for (int c = 0; c < k; c++) {
            code[c] = Pca.dot(w[c], x);
        }
        for (int i = 0; i < d; i++) {
            double reconstructed = 0;
            for (int c = 0; c < k; c++) {
                reconstructed += code[c] * w[c][i];
            }
            residual[i] = x[i] - reconstructed;
        }
        for (int c = 0; c < k; c++) {
            codeOfResidual[c] = Pca.dot(w[c], residual);
        }
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                gradient[c][i] -= 2 * (code[c] * residual[i] + codeOfResidual[c] * x[i]);
            }
        }
    }

    /** Rows made orthonormal (Gram-Schmidt), so that {@code W'W} is a projection again after averaging. */
    public static double[][] orthonormalise(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int c = 0; c < rows.length; c++) {
            double[] v = rows[c].clone();
            for (int p = 0; p < c; p++) {
                double projection = Pca.dot(out[p], v);
                for (int i = 0; i < v.length; i++) {
                    v[i] -= projection * out[p][i];
                }
            }
            double norm = Math.sqrt(Pca.dot(v, v));
            if (!(norm > 1e-12)) {
                throw new IllegalArgumentException("component " + c + " is linearly dependent on the ones before");
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
            out[c] = v;
        }
        return out;
    }

    /** {@code k} orthonormal rows of length {@code d} from a seeded Gaussian: a start with no prior knowledge. */
    public static double[][] randomComponents(int k, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[k][d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                row[i] = random.nextDouble() - 0.5;
            }
        }
        return orthonormalise(rows);
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
