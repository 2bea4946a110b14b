package dev.continuum.inference.modelgen;

import java.util.SplittableRandom;

/**
 * The normal behaviour the default anomaly model learns: a machine's vibration (a sine of period 8
 * samples, amplitude 1 g, with noise) and bearing temperature (40 C with a slow swing of 1 C over 800
 * samples, with noise), sampled together. Deterministic for a seed.
 */
public final class NormalProcess implements SignalProcess {

    /** Vibration period, in samples. */
    public static final int VIBRATION_PERIOD = 8;
    /** Temperature swing period, in samples. */
    public static final int TEMPERATURE_PERIOD = 800;

    private final SplittableRandom random;
    private long step;

    public NormalProcess(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next sample: {@code [vibration, temperature]}. */
    @Override
    public double[] next() {
        double vibration = Math.sin(2 * Math.PI * step / VIBRATION_PERIOD) + gaussian(0.05);
        double temperature = 40 + Math.sin(2 * Math.PI * step / TEMPERATURE_PERIOD) + gaussian(0.05);
        step++;
        return new double[] {vibration, temperature};
    }

    private double gaussian(double sigma) {
        // Box-Muller on the seeded generator, so the stream is the same on every JVM.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
