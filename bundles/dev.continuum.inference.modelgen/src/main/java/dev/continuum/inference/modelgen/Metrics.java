package dev.continuum.inference.modelgen;

import java.util.Arrays;

/** How well scores separate anomalies from normal windows. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The area under the ROC curve: the probability that a random anomaly scores above a random normal
     * window (ties count half). 1 separates perfectly, 0.5 is chance.
     */
    public static double auc(double[] normal, double[] anomalous) {
        double[] sorted = normal.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double a : anomalous) {
            int below = lowerBound(sorted, a);
            int notAbove = upperBound(sorted, a);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) normal.length * anomalous.length);
    }

    /** F1 of the label "anomaly" when scores above {@code threshold} are called anomalies. */
    public static double f1(double[] normal, double[] anomalous, double threshold) {
        long truePositives = Arrays.stream(anomalous).filter(s -> s > threshold).count();
        long falsePositives = Arrays.stream(normal).filter(s -> s > threshold).count();
        long falseNegatives = anomalous.length - truePositives;
        return truePositives == 0 ? 0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static int upperBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
