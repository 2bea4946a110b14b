package dev.continuum.itests.inference;

import dev.continuum.api.inference.Window;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The machine signals the default model was trained on (docs/inference.md): vibration, a sine of period
 * 8 samples and amplitude 1 g with noise 0.05; temperature 40 C swinging 1 C over 800 samples with noise
 * 0.05; one sample of each every millisecond. Optional faults: a vibration spike, a temperature shift.
 */
final class Signals {

    private final SplittableRandom random;
    private double temperatureShift;
    private long step;

    Signals(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** From now on, adds {@code degrees} to the temperature (drift). */
    Signals shiftTemperature(double degrees) {
        temperatureShift = degrees;
        return this;
    }

    long step() {
        return step;
    }

    Instant time() {
        return Instant.ofEpochMilli(1_700_000_000_000L + step);
    }

    /** The next sample pair {@code [vibration, temperature]}. */
    double[] next() {
        double vibration = Math.sin(2 * Math.PI * step / 8) + gaussian(0.05);
        double temperature = 40 + temperatureShift + Math.sin(2 * Math.PI * step / 800) + gaussian(0.05);
        step++;
        return new double[] {vibration, temperature};
    }

    /** The next 16 steps as one raw window; with a 3 g vibration spike at step 5 if {@code spike}. */
    Window window(boolean spike) {
        Instant start = time();
        float[] values = new float[32];
        for (int t = 0; t < 16; t++) {
            double[] sample = next();
            values[2 * t] = (float) (sample[0] + (spike && t == 5 ? 3 : 0));
            values[2 * t + 1] = (float) sample[1];
        }
        return new Window(start, time().minusMillis(1), values, false);
    }

    private double gaussian(double sigma) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
