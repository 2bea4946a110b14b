package dev.continuum.inference.internal.window;

import dev.continuum.api.data.Sample;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns samples of several channels into time steps: a step is taken on each sample of the first
 * channel, holding the latest value of the others. A missing (bad, NaN, non-numeric, never seen) value
 * is replaced by the channel's last good value, or its reference mean when there is none.
 * Not thread-safe.
 */
final class SampleRows {

    private final Map<String, Integer> index;
    private final float[] latest;
    private final boolean[] missing;
    private long replacedValues;

    SampleRows(List<String> channelIds, double[] means) {
        this.index = channelIds.stream().collect(Collectors.toMap(Function.identity(), channelIds::indexOf));
        this.latest = new float[channelIds.size()];
        this.missing = new boolean[channelIds.size()];
        for (int c = 0; c < latest.length; c++) {
            latest[c] = (float) means[c];
            missing[c] = true;
        }
    }

    /** The channel index of a sample, or -1 when the stage does not consume it. */
    int channel(Sample sample) {
        Integer c = index.get(sample.channelId());
        return c == null ? -1 : c;
    }

    /** Records the sample; true when it is a clock (first-channel) sample, i.e. a step is due. */
    boolean record(int channel, Sample sample) {
        double value = Double.NaN;
        if (sample.isGood() && sample.value() != null
                && (sample.value().isNumeric() || sample.value().value() instanceof Boolean)) {
            value = sample.value().asDouble();
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            missing[channel] = true;
        } else {
            latest[channel] = (float) value;
            missing[channel] = false;
        }
        return channel == 0;
    }

    /** Copies the current step into {@code row}; true when a value in it was replaced. */
    boolean step(float[] row) {
        boolean replaced = false;
        for (int c = 0; c < latest.length; c++) {
            row[c] = latest[c];
            if (missing[c]) {
                replaced = true;
                replacedValues++;
            }
        }
        return replaced;
    }

    long replacedValues() {
        return replacedValues;
    }
}
