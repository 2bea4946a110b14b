package dev.continuum.inference.modelgen;

/**
 * The per-window features of another process, one feature vector per call: for each channel its mean,
 * standard deviation, minimum and maximum over {@code length} samples. This is exactly what a gateway sends
 * a remote inference service for a workload whose raw data stays on site (the placement bundle's
 * {@code Features} computes the same, in the same order).
 */
final class FeatureProcess implements SignalProcess {

    /** Features per channel, in this order. */
    static final String[] STATS = {"mean", "std", "min", "max"};

    private final SignalProcess raw;
    private final int length;

    FeatureProcess(SignalProcess raw, int length) {
        this.raw = raw;
        this.length = length;
    }

    @Override
    public double[] next() {
        double[] window = raw.window(length);
        int channels = window.length / length;
        double[] features = new double[channels * STATS.length];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double square = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int t = 0; t < length; t++) {
                double v = (float) window[t * channels + c];
                sum += v;
                square += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / length;
            features[c * 4] = mean;
            features[c * 4 + 1] = Math.sqrt(Math.max(0, square / length - mean * mean));
            features[c * 4 + 2] = min;
            features[c * 4 + 3] = max;
        }
        return features;
    }
}
