package dev.continuum.inference.modelgen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled windows of one machine of the simulator's production line ({@code dev.continuum.sim},
 * {@code LineModel}; keep the two in step) in each of its states, for the machine-state classifier:
 * {@code running}, {@code paused} (the pause of one cycle in ten: no vibration, 30 C cooler, idle current)
 * and {@code fault} (the simulator's injected anomaly: vibration tripled, +15 C, motor current +40 %, in
 * either phase). Channels, per sample: vibration, temperature, pressure, motor current. Each window starts at
 * a random time of a random machine (their phases differ), sampled every {@code updateMillis}; its state
 * holds for the whole window. Deterministic for a seed.
 */
final class MachineStateProcess {

    static final List<String> CHANNELS = List.of("vibration", "temperature", "pressure", "current");
    static final List<String> STATES = List.of("running", "paused", "fault");
    static final int RUNNING = 0;
    static final int PAUSED = 1;
    static final int FAULT = 2;
    private static final int MACHINES = 4;

    private final SplittableRandom random;
    private final double updateSeconds;

    MachineStateProcess(long seed, int updateMillis) {
        this.random = new SplittableRandom(seed);
        this.updateSeconds = updateMillis / 1000.0;
    }

    /** A time-major window of {@code length} samples x {@link #CHANNELS} in {@code state}. */
    double[] window(int state, int length) {
        double phase = random.nextInt(MACHINES) * 0.7;
        double start = random.nextDouble() * 3600;
        // A fault strikes a running machine most of the time, a paused one sometimes (as often as it pauses).
        boolean running = state == RUNNING || state == FAULT && random.nextDouble() < 0.8;
        boolean fault = state == FAULT;
        double[] window = new double[length * CHANNELS.size()];
        for (int k = 0; k < length; k++) {
            double t = start + k * updateSeconds;
            double load = running ? 1 : 0;
            double vibration = load * (2.5 + 0.5 * Math.sin(2 * Math.PI * t / 7 + phase)) + 0.1 * gaussian();
            double temperature = 30 + 30 * load + 5 * Math.sin(2 * Math.PI * t / 300 + phase) + 0.2 * gaussian();
            double pressure = 1 + 5 * load + 0.3 * Math.sin(2 * Math.PI * t / 11 + phase) + 0.05 * gaussian();
            double current = running ? 12 + 0.8 * Math.sin(2 * Math.PI * t / 5 + phase) + 0.2 * gaussian() : 0.2;
            if (fault) {
                vibration *= 3;
                temperature += 15;
                current *= 1.4;
            }
            int base = k * CHANNELS.size();
            window[base] = vibration;
            window[base + 1] = temperature;
            window[base + 2] = (float) pressure;
            window[base + 3] = current;
        }
        return window;
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
