package dev.continuum.placement.internal.workload;

import dev.continuum.api.inference.Window;
import java.util.List;

/**
 * The per-window features a {@code RAW_STAYS_ON_SITE} workload sends instead of its raw window: for each
 * channel its mean, (population) standard deviation, minimum and maximum, in that order, channel after
 * channel. The default model {@code vibration-features} is trained on exactly these (the model generator's
 * {@code FeatureProcess}).
 */
final class Features {

    static final int PER_CHANNEL = 4;

    private Features() {
    }

    /** The features of {@code windows} of {@code channels} channels, one feature vector after another. */
    static float[] of(List<Window> windows, int channels) {
        float[] features = new float[windows.size() * channels * PER_CHANNEL];
        int at = 0;
        for (Window window : windows) {
            float[] values = window.values();
            int length = values.length / channels;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                double square = 0;
                double min = Double.MAX_VALUE;
                double max = -Double.MAX_VALUE;
                for (int t = 0; t < length; t++) {
                    double v = values[t * channels + c];
                    sum += v;
                    square += v * v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                double mean = sum / length;
                features[at++] = (float) mean;
                features[at++] = (float) Math.sqrt(Math.max(0, square / length - mean * mean));
                features[at++] = (float) min;
                features[at++] = (float) max;
            }
        }
        return features;
    }
}
