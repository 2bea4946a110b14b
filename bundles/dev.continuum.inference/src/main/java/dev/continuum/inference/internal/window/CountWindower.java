package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.Window;
import java.time.Instant;

/** Windows of {@code length} steps starting every {@code stride} steps (tumbling when equal). */
public final class CountWindower implements Windower {

    private static final Window[] NONE = {};

    private final int length;
    private final int stride;
    private final int channels;
    private final float[] values;
    private final Instant[] times;
    private final boolean[] replaced;
    private long steps;

    public CountWindower(int length, int stride, int channels) {
        if (length < 1 || stride < 1 || stride > length || channels < 1) {
            throw new IllegalArgumentException("need length >= 1, stride in 1..length, channels >= 1; got "
                    + length + ", " + stride + ", " + channels);
        }
        this.length = length;
        this.stride = stride;
        this.channels = channels;
        this.values = new float[length * channels];
        this.times = new Instant[length];
        this.replaced = new boolean[length];
    }

    @Override
    public Window[] add(float[] row, Instant time, boolean rowReplaced) {
        int slot = (int) (steps % length);
        System.arraycopy(row, 0, values, slot * channels, channels);
        times[slot] = time;
        replaced[slot] = rowReplaced;
        steps++;
        if (steps < length || (steps - length) % stride != 0) {
            return NONE;
        }
        float[] window = new float[length * channels];
        int oldest = (int) (steps % length);
        boolean anyReplaced = false;
        for (int t = 0; t < length; t++) {
            int from = (oldest + t) % length;
            System.arraycopy(values, from * channels, window, t * channels, channels);
            anyReplaced |= replaced[from];
        }
        return new Window[] {new Window(times[oldest], time, window, anyReplaced)};
    }
}
