package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Windows of {@code spanMillis} of source time starting every {@code strideMillis}; the steps inside a
 * window are resampled (nearest, evenly spaced by index) to {@code length} steps. Windows without any
 * step are not emitted.
 */
public final class TimeWindower implements Windower {

    private record Step(long millis, Instant time, float[] row, boolean replaced) {
    }

    private final int length;
    private final int channels;
    private final long spanMillis;
    private final long strideMillis;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private long windowStart = Long.MIN_VALUE;

    public TimeWindower(int length, int channels, long spanMillis, long strideMillis) {
        if (length < 1 || channels < 1 || spanMillis < 1 || strideMillis < 1 || strideMillis > spanMillis) {
            throw new IllegalArgumentException("need length, channels, span >= 1 and stride in 1..span; got "
                    + length + ", " + channels + ", " + spanMillis + ", " + strideMillis);
        }
        this.length = length;
        this.channels = channels;
        this.spanMillis = spanMillis;
        this.strideMillis = strideMillis;
    }

    @Override
    public Window[] add(float[] row, Instant time, boolean replaced) {
        long millis = time.toEpochMilli();
        if (windowStart == Long.MIN_VALUE) {
            windowStart = millis;
        }
        List<Window> done = new ArrayList<>(1);
        while (millis >= windowStart + spanMillis) {
            Window window = emit();
            if (window != null) {
                done.add(window);
            }
            windowStart += strideMillis;
            while (!steps.isEmpty() && steps.peekFirst().millis() < windowStart) {
                steps.removeFirst();
            }
        }
        steps.addLast(new Step(millis, time, row.clone(), replaced));
        return done.toArray(Window[]::new);
    }

    private Window emit() {
        List<Step> inside = new ArrayList<>();
        Iterator<Step> it = steps.iterator();
        while (it.hasNext()) {
            Step step = it.next();
            if (step.millis() < windowStart + spanMillis) {
                inside.add(step);
            }
        }
        if (inside.isEmpty()) {
            return null;
        }
        float[] values = new float[length * channels];
        boolean anyReplaced = false;
        for (int t = 0; t < length; t++) {
            Step step = inside.get((int) ((long) t * inside.size() / length));
            System.arraycopy(step.row(), 0, values, t * channels, channels);
            anyReplaced |= step.replaced();
        }
        return new Window(inside.get(0).time(), inside.get(inside.size() - 1).time(), values, anyReplaced);
    }
}
