package dev.continuum.sim.internal;

import java.util.Random;

/**
 * The signals of one simulated machine, advanced one update at a time. Deterministic: a machine's
 * values depend only on the seed, its index and the number of updates so far.
 *
 * <p>A machine runs in cycles (60 s unless configured shorter, so that pauses come sooner in tests) and
 * pauses one cycle in ten. While an anomaly is active (it starts with
 * probability {@code anomalyRate} per update and lasts two simulated seconds) vibration triples,
 * temperature rises by 15 °C and motor current by 40 %; {@link #anomaly()} tells the truth for evaluation.
 */
final class LineModel {

    private static final double ANOMALY_SECONDS = 2.0;
    /** The default length of a cycle: nine cycles running, then one paused. */
    static final double CYCLE_SECONDS = 60.0;

    private final Random random;
    private final double updateSeconds;
    private final double anomalyRate;
    private final double phase;
    private final double cycleSeconds;
    private long ticks;
    private long anomalyUntil = -1;
    private int parts;

    private boolean running;
    private double vibration;
    private double temperature;
    private float pressure;
    private double motorCurrent;

    LineModel(long seed, int machine, int updateMillis, double anomalyRate) {
        this(seed, machine, updateMillis, anomalyRate, CYCLE_SECONDS);
    }

    /** As the default line, with cycles of {@code cycleSeconds} (the pause is one cycle in ten). */
    LineModel(long seed, int machine, int updateMillis, double anomalyRate, double cycleSeconds) {
        this.cycleSeconds = cycleSeconds;
        this.random = new Random(seed * 31 + machine);
        this.updateSeconds = updateMillis / 1000.0;
        this.anomalyRate = anomalyRate;
        this.phase = machine * 0.7;
        step();
    }

    /** Advances one update and computes the new values. */
    void step() {
        ticks++;
        double t = ticks * updateSeconds;
        running = ((long) (t / cycleSeconds)) % 10 != 9;
        if (anomalyUntil < ticks && random.nextDouble() < anomalyRate) {
            anomalyUntil = ticks + Math.max(1, Math.round(ANOMALY_SECONDS / updateSeconds));
        }
        boolean anomalous = anomaly();
        double load = running ? 1.0 : 0.0;
        vibration = load * (2.5 + 0.5 * Math.sin(2 * Math.PI * t / 7 + phase)) + 0.1 * random.nextGaussian();
        temperature = 30 + 30 * load + 5 * Math.sin(2 * Math.PI * t / 300 + phase) + 0.2 * random.nextGaussian();
        pressure = (float) (1 + 5 * load + 0.3 * Math.sin(2 * Math.PI * t / 11 + phase) + 0.05 * random.nextGaussian());
        motorCurrent = running ? 12 + 0.8 * Math.sin(2 * Math.PI * t / 5 + phase) + 0.2 * random.nextGaussian() : 0.2;
        if (anomalous) {
            vibration *= 3;
            temperature += 15;
            motorCurrent *= 1.4;
        }
        if (running && ticks % Math.max(1, Math.round(2 / updateSeconds)) == 0) {
            parts++;
        }
    }

    boolean running() {
        return running;
    }

    double vibration() {
        return vibration;
    }

    double temperature() {
        return temperature;
    }

    float pressure() {
        return pressure;
    }

    double motorCurrent() {
        return motorCurrent;
    }

    int parts() {
        return parts;
    }

    boolean anomaly() {
        return anomalyUntil >= ticks;
    }
}
