package dev.continuum.federated.internal;

import java.util.List;

/**
 * Builds tumbling time-major windows of {@code length} samples per channel from samples arriving one
 * channel at a time; a channel that runs ahead drops its surplus so that one stalled channel cannot grow
 * memory. Not thread-safe (one pipeline component thread).
 */
final class Windower {

    private final List<String> channels;
    private final int length;
    private final double[][] values;
    private final int[] counts;

    Windower(List<String> channels, int length) {
        this.channels = List.copyOf(channels);
        this.length = length;
        this.values = new double[channels.size()][length];
        this.counts = new int[channels.size()];
    }

    /** Adds one value; returns the completed window when this value completed one, else null. */
    double[] add(String channel, double value) {
        int c = channels.indexOf(channel);
        if (c < 0 || counts[c] == length) {
            return null;
        }
        values[c][counts[c]++] = value;
        for (int count : counts) {
            if (count < length) {
                return null;
            }
        }
        double[] window = new double[length * channels.size()];
        for (int t = 0; t < length; t++) {
            for (int k = 0; k < channels.size(); k++) {
                window[t * channels.size() + k] = values[k][t];
            }
        }
        java.util.Arrays.fill(counts, 0);
        return window;
    }
}
