package dev.continuum.api.inference;

import java.util.List;

/**
 * Pre-processing: how samples become the model's input row.
 *
 * <p>A window holds {@code length} time steps of every channel in {@code channels}, laid out
 * time-major: element {@code t * channels.size() + c} is channel {@code c} at step {@code t}. Before
 * the model sees it, each value is normalised as {@code (value - mean[c]) / std[c]}.
 *
 * @param length time steps per window
 * @param stride steps between the starts of consecutive windows ({@code stride == length}: tumbling;
 *     less: sliding)
 * @param channels the input channels in column order, by the name a stage maps channel ids to
 * @param mean per-channel mean subtracted before the model
 * @param std per-channel standard deviation divided by before the model (each &gt; 0)
 */
public record WindowSpec(int length, int stride, List<String> channels, double[] mean, double[] std) {

    public WindowSpec {
        channels = List.copyOf(channels);
        mean = mean.clone();
        std = std.clone();
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
        if (stride < 1 || stride > length) {
            throw new IllegalArgumentException("stride " + stride + " must be between 1 and the length " + length);
        }
        if (mean.length != channels.size() || std.length != channels.size()) {
            throw new IllegalArgumentException("mean and std need one value per channel (" + channels.size()
                    + "), got " + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("every std must be > 0, got " + s);
            }
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Values per window: {@code length * channels.size()}. */
    public int size() {
        return length * channels.size();
    }
}
