package dev.continuum.inference.modelgen;

/** A deterministic multi-channel signal source: one sample (one value per channel) per call. */
public interface SignalProcess {

    double[] next();

    /** The next {@code length} samples as one time-major window. */
    default double[] window(int length) {
        double[] first = next();
        int channels = first.length;
        double[] window = new double[length * channels];
        System.arraycopy(first, 0, window, 0, channels);
        for (int t = 1; t < length; t++) {
            System.arraycopy(next(), 0, window, t * channels, channels);
        }
        return window;
    }
}
