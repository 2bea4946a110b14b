package dev.continuum.inference.modelgen;

import java.util.SplittableRandom;

/**
 * The normal behaviour of a machine of the simulator's production line ({@code dev.continuum.sim},
 * {@code LineModel}; keep the two in step): in cycles of 60 s it runs nine and pauses one; while running,
 * vibration {@code 2.5 + 0.5 sin(2 pi t / 7 + phase)} with noise 0.1 and temperature
 * {@code 60 + 5 sin(2 pi t / 300 + phase)} with noise 0.2; while paused vibration is noise and the
 * temperature 30 C lower. Samples every {@code updateMillis}. Deterministic for a seed. No anomalies:
 * this is what the model learns as normal.
 */
public final class LineProcess implements SignalProcess {

    private static final double CYCLE_SECONDS = 60.0;

    private final SplittableRandom random;
    private final double updateSeconds;
    private final double phase;
    private long ticks;

    public LineProcess(long seed, int machine, int updateMillis) {
        this.random = new SplittableRandom(seed);
        this.updateSeconds = updateMillis / 1000.0;
        this.phase = machine * 0.7;
    }

    /** The next sample: {@code [vibration, temperature]}. */
    @Override
    public double[] next() {
        ticks++;
        double t = ticks * updateSeconds;
        double load = ((long) (t / CYCLE_SECONDS)) % 10 != 9 ? 1.0 : 0.0;
        double vibration = load * (2.5 + 0.5 * Math.sin(2 * Math.PI * t / 7 + phase)) + 0.1 * gaussian();
        double temperature = 30 + 30 * load + 5 * Math.sin(2 * Math.PI * t / 300 + phase) + 0.2 * gaussian();
        return new double[] {vibration, temperature};
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
