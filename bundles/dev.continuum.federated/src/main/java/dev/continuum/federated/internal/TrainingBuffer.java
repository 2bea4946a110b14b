package dev.continuum.federated.internal;

/**
 * The gateway's recent normal windows, bounded: the newest {@code capacity} training windows and, apart
 * from them, every {@code holdoutEvery}-th window as holdout for evaluating models. Lives in memory only
 * and is never published: only updates computed from it leave the gateway. Thread-safe.
 */
public final class TrainingBuffer {

    private final double[][] training;
    private final double[][] holdout;
    private final int holdoutEvery;
    private long offered;
    private long trainingCount;
    private long holdoutCount;

    public TrainingBuffer(int capacity, int holdoutCapacity, int holdoutEvery) {
        if (capacity < 1 || holdoutCapacity < 1 || holdoutEvery < 2) {
            throw new IllegalArgumentException("a training buffer needs capacity >= 1, holdout capacity >= 1 and"
                    + " holdoutEvery >= 2; got " + capacity + ", " + holdoutCapacity + ", " + holdoutEvery);
        }
        this.training = new double[capacity][];
        this.holdout = new double[holdoutCapacity][];
        this.holdoutEvery = holdoutEvery;
    }

    /** Keeps a copy of a normal window, replacing the oldest when full. */
    public synchronized void offer(double[] window) {
        double[] copy = window.clone();
        if (++offered % holdoutEvery == 0) {
            holdout[(int) (holdoutCount++ % holdout.length)] = copy;
        } else {
            training[(int) (trainingCount++ % training.length)] = copy;
        }
    }

    public synchronized double[][] training() {
        return copy(training, trainingCount);
    }

    public synchronized double[][] holdout() {
        return copy(holdout, holdoutCount);
    }

    public synchronized int trainingSize() {
        return (int) Math.min(trainingCount, training.length);
    }

    public synchronized int holdoutSize() {
        return (int) Math.min(holdoutCount, holdout.length);
    }

    private static double[][] copy(double[][] ring, long count) {
        int size = (int) Math.min(count, ring.length);
        double[][] out = new double[size][];
        System.arraycopy(ring, 0, out, 0, size);
        return out;
    }
}
