package dev.continuum.sim.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the simulation server serves and how.
 *
 * @param bindAddress the address to listen on (loopback by default: the server is for simulation only)
 * @param hostname the host name in endpoint URLs and the certificate
 * @param port the TCP port
 * @param policies security policy names (Milo's {@code SecurityPolicy} names: None, Basic256Sha256,
 *     Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss); each secure one is offered with Sign and SignAndEncrypt
 * @param anonymous whether anonymous users may connect
 * @param users user name to password
 * @param pkiDir where the server keeps its key store and exports its certificate ({@code server.der})
 * @param line the production line to simulate
 */
public record SimSettings(
        String bindAddress,
        String hostname,
        int port,
        List<String> policies,
        boolean anonymous,
        Map<String, String> users,
        Path pkiDir,
        LineSettings line) {

    /** The path of the server's endpoints. */
    public static final String PATH = "/continuum-sim";

    public SimSettings {
        policies = List.copyOf(policies);
        users = Map.copyOf(users);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
    }

    /** {@code opc.tcp://hostname:port/continuum-sim}. */
    public String endpointUrl() {
        return "opc.tcp://" + hostname + ":" + port + PATH;
    }

    /** How the server samples the values that clients monitor. */
    public enum Sampling {
        /**
         * At the end of each line update, like a PLC's embedded server at the end of its scan cycle: a
         * sampling interval equal to the update period sees every update (the default).
         */
        SCAN,
        /** On Milo's own sampling timer ({@code SubscriptionModel}), independent of the updates. */
        TIMER;

        /**
         * {@code scan} or {@code timer}, any case.
         *
         * @throws IllegalArgumentException naming the value and what is accepted
         */
        public static Sampling parse(String text) {
            for (Sampling sampling : values()) {
                if (sampling.name().equalsIgnoreCase(text.trim())) {
                    return sampling;
                }
            }
            throw new IllegalArgumentException("sampling '" + text + "' is not known; accepted: scan, timer");
        }
    }

    /**
     * The line model's parameters.
     *
     * @param machines how many machines (each with vibration, temperature, pressure, motor current,
     *     running state, part count and an anomaly flag)
     * @param tags additional plain Double tags under {@code Tags} (for load tests), each changing every update
     * @param updateMillis milliseconds between value updates
     * @param seed the random seed: the same seed gives the same signals
     * @param anomalyRate the probability per machine and update that an anomaly starts (0..1)
     * @param cycleSeconds the length of a machine's cycle; it runs nine cycles, then pauses one (default 60)
     * @param sampling how monitored values are sampled
     */
    public record LineSettings(int machines, int tags, int updateMillis, long seed, double anomalyRate,
            double cycleSeconds, Sampling sampling) {

        /** The default cycle of 60 s. */
        public LineSettings(int machines, int tags, int updateMillis, long seed, double anomalyRate) {
            this(machines, tags, updateMillis, seed, anomalyRate, LineModel.CYCLE_SECONDS);
        }

        /** Sampled at the end of each update ({@link Sampling#SCAN}). */
        public LineSettings(int machines, int tags, int updateMillis, long seed, double anomalyRate,
                double cycleSeconds) {
            this(machines, tags, updateMillis, seed, anomalyRate, cycleSeconds, Sampling.SCAN);
        }

        public LineSettings {
            check(machines >= 0 && machines <= 1000, "machines", machines, "0..1000");
            check(tags >= 0 && tags <= 100_000, "tags", tags, "0..100000");
            check(updateMillis >= 1, "updateMillis", updateMillis, "1 or more");
            check(anomalyRate >= 0 && anomalyRate <= 1, "anomalyRate", anomalyRate, "0..1");
            check(cycleSeconds >= 0.1 && cycleSeconds <= 86_400, "cycleSeconds", cycleSeconds, "0.1..86400");
            check(sampling != null, "sampling", sampling, "scan or timer");
        }

        private static void check(boolean ok, String name, Object value, String accepted) {
            if (!ok) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %s out of range; accepted: %s",
                        name, value, accepted));
            }
        }
    }
}
