package dev.continuum.inference.modelgen;

import java.util.SplittableRandom;

/**
 * The normal behaviour the default anomaly model learns: a machine's vibration (a sine of period 8
 * samples, amplitude 1 g, with noise) and bearing temperature (40 C with a slow swing of 1 C over 800
 * samples, with noise), sampled together. Deterministic for a seed. A {@link Shift} describes another
 * site's machine of the same kind (another speed, load or ambient temperature): the non-IID data of
 * federated learning.
 */
public final class NormalProcess implements SignalProcess {

    /** Vibration period, in samples. */
    public static final int VIBRATION_PERIOD = 8;
    /** Temperature swing period, in samples. */
    public static final int TEMPERATURE_PERIOD = 800;

    /**
     * How one site's machine differs from the reference machine.
     *
     * @param vibrationPeriod vibration period in samples (reference {@value NormalProcess#VIBRATION_PERIOD})
     * @param amplitude vibration amplitude in g (reference 1)
     * @param temperatureOffset added to the temperature, in C (reference 0)
     */
    public record Shift(double vibrationPeriod, double amplitude, double temperatureOffset) {

        /** The reference machine. */
        public static final Shift NONE = new Shift(VIBRATION_PERIOD, 1, 0);

        /**
         * Five sites of one machine builder whose machines run at different speeds and loads: the non-IID
         * data of the federated learning tests and benchmarks. A model trained on one site's windows alone
         * takes the others' normal vibration for anomalies.
         */
        public static java.util.List<Shift> fiveSites() {
            return java.util.List.of(NONE, new Shift(5, 1.3, 0.5), new Shift(11, 0.8, 1), new Shift(6.5, 1.1, 1.5),
                    new Shift(14, 0.9, 2));
        }

        public Shift {
            if (!(vibrationPeriod >= 2) || !(amplitude > 0) || !Double.isFinite(temperatureOffset)) {
                throw new IllegalArgumentException("a shift needs a vibration period >= 2 samples, an amplitude > 0"
                        + " and a finite temperature offset; got " + vibrationPeriod + ", " + amplitude + ", "
                        + temperatureOffset);
            }
        }
    }

    private final SplittableRandom random;
    private final Shift shift;
    private long step;

    public NormalProcess(long seed) {
        this(seed, Shift.NONE);
    }

    public NormalProcess(long seed, Shift shift) {
        this.random = new SplittableRandom(seed);
        this.shift = shift;
    }

    /** The next sample: {@code [vibration, temperature]}. */
    @Override
    public double[] next() {
        double vibration = shift.amplitude() * Math.sin(2 * Math.PI * step / shift.vibrationPeriod()) + gaussian(0.05);
        double temperature = 40 + shift.temperatureOffset() + Math.sin(2 * Math.PI * step / TEMPERATURE_PERIOD)
                + gaussian(0.05);
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
