package dev.continuum.placement.internal.workload;

import java.util.Arrays;

/**
 * The recent scoring times and failures of one placement: a ring of the last samples, summarised over a
 * time span. Thread-safe (the stage thread records, the controller's and readers' threads summarise).
 */
final class Meter {

    private static final int CAPACITY = 4096;

    private final long[] times = new long[CAPACITY];
    private final double[] millis = new double[CAPACITY];
    private final boolean[] failed = new boolean[CAPACITY];
    private long count;
    private double costMicros = Double.NaN;
    private double bytesPerWindow;

    /** One request (or local run) that took {@code millis}; {@code failed} when it gave no result. */
    synchronized void record(long nowNanos, double elapsedMillis, boolean failure) {
        int slot = (int) (count++ % CAPACITY);
        times[slot] = nowNanos;
        millis[slot] = elapsedMillis;
        failed[slot] = failure;
    }

    /** Gateway CPU time per window, smoothed. */
    synchronized void cost(double micros) {
        costMicros = Double.isNaN(costMicros) ? micros : 0.8 * costMicros + 0.2 * micros;
    }

    synchronized void bytesPerWindow(double bytes) {
        bytesPerWindow = bytes;
    }

    /** The samples newer than {@code spanNanos}. */
    synchronized Summary summary(long nowNanos, long spanNanos) {
        int n = (int) Math.min(count, CAPACITY);
        double[] recent = new double[n];
        int kept = 0;
        int failures = 0;
        for (int i = 0; i < n; i++) {
            if (nowNanos - times[i] <= spanNanos) {
                recent[kept++] = millis[i];
                failures += failed[i] ? 1 : 0;
            }
        }
        double[] sorted = Arrays.copyOf(recent, kept);
        Arrays.sort(sorted);
        return new Summary(kept, percentile(sorted, 0.5), percentile(sorted, 0.99),
                kept == 0 ? 0 : (double) failures / kept, costMicros, bytesPerWindow);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** A placement's recent measurements. */
    record Summary(int samples, double p50Millis, double p99Millis, double errorRate, double costMicros,
            double bytesPerWindow) {
    }
}
