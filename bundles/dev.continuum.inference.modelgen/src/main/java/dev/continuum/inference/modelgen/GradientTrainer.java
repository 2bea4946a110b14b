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

    private final int k;
    private final int d;
    private final double[][] w;
    private final double[][] gradient;
    private final double[] x;
    private final double[] code;
    private final double[] residual;
    private final double[] codeOfResidual;
    private int[] order = new int[0];

    /**
     * A trainer for models of {@code components} rows of {@code width} values. It allocates its working
     * buffers once and reuses them in every run: a participant keeps one for all its rounds, so a round
     * makes almost no garbage. Windows are normalised one at a time into a scratch row as a step takes
     * them, so no normalised copy of the buffer is made: the working set of a run is the windows themselves
     * and a few rows. Not thread-safe: one run at a time.
     */
    public GradientTrainer(int components, int width) {
        if (components < 1 || width < 1) {
            throw new IllegalArgumentException("a trainer needs at least one component of at least one value; got "
                    + components + " x " + width);
        }
        this.k = components;
        this.d = width;
        this.w = new double[k][d];
        this.gradient = new double[k][d];
        this.x = new double[d];
        this.code = new double[k];
        this.residual = new double[d];
        this.codeOfResidual = new double[k];
    }

    /** Whether this trainer's buffers fit {@code model}'s components. */
    public boolean fits(Autoencoder model) {
        double[][] rows = model.components();
        return rows.length == k && rows[0].length == d;
    }

    /** Trains from {@code start}'s components on raw {@code windows}, normalised by {@code start}. */
    public static Result train(Autoencoder start, double[][] windows, Options options, Pacer pacer)
            throws InterruptedException {
        double[][] origin = start.components();
        return new GradientTrainer(origin.length, origin[0].length).run(start, windows, options, pacer);
    }

    /**
     * Trains from {@code start}'s components on raw {@code windows} (each {@link #fits as wide as} the
     * model), normalised by {@code start}; the result is the same as {@link #train}'s.
     */
    public Result run(Autoencoder start, double[][] windows, Options options, Pacer pacer)
            throws InterruptedException {
        if (!fits(start)) {
            throw new IllegalArgumentException("this trainer takes " + k + " components of " + d + " values, the"
                    + " model has " + start.components().length + " of " + start.components()[0].length);
        }
        double[][] origin = start.components();
        for (int c = 0; c < k; c++) {
            System.arraycopy(origin[c], 0, w[c], 0, d);
        }
        if (order.length != windows.length) {
            order = new int[windows.length];
        }
        for (int i = 0; i < order.length; i++) {
            if (windows[i].length != d) {
                throw new IllegalArgumentException("window " + i + " has " + windows[i].length + " values, the model"
                        + " takes " + d);
            }
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed());
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
                    start.normalise(windows[order[b]], x);
                    accumulate(w, x, gradient, code, residual, codeOfResidual);
                    energy += Pca.dot(x, x);
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
                    return new Result(copy(w), steps, false);
                }
            }
        }
        return new Result(copy(w), steps, true);
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int c = 0; c < rows.length; c++) {
            out[c] = rows[c].clone();
        }
        return out;
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
