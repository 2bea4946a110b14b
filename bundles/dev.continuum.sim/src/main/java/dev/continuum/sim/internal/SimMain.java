package dev.continuum.sim.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the simulation server as a plain Java program (tests and benchmarks run it in its own JVM):
 * {@code java -cp <sim, milo, netty, bouncycastle, slf4j jars> dev.continuum.sim.internal.SimMain
 * --port=4840 --pki=DIR [--policies=None,Basic256Sha256] [--user=NAME:PASSWORD] [--anonymous=true]
 * [--machines=4] [--tags=0] [--update-ms=100] [--seed=1] [--anomaly-rate=0.001] [--cycle-s=60]
 * [--sampling=scan|timer]}.
 *
 * <p>Prints {@code READY <endpoint url>} once listening, and stops when standard input closes.
 */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("bad argument '" + arg + "'; expected --name=value");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Map<String, String> users = new HashMap<>();
        String user = options.get("user");
        if (user != null) {
            int colon = user.indexOf(':');
            users.put(user.substring(0, colon), user.substring(colon + 1));
        }
        SimSettings settings = new SimSettings(
                options.getOrDefault("bind", "127.0.0.1"),
                options.getOrDefault("hostname", "localhost"),
                Integer.parseInt(options.getOrDefault("port", "4840")),
                List.of(options.getOrDefault("policies", "None").split(",")),
                Boolean.parseBoolean(options.getOrDefault("anonymous", "true")),
                users,
                Path.of(options.getOrDefault("pki", "sim-pki")),
                new SimSettings.LineSettings(
                        Integer.parseInt(options.getOrDefault("machines", "4")),
                        Integer.parseInt(options.getOrDefault("tags", "0")),
                        Integer.parseInt(options.getOrDefault("update-ms", "100")),
                        Long.parseLong(options.getOrDefault("seed", "1")),
                        Double.parseDouble(options.getOrDefault("anomaly-rate", "0.001")),
                        Double.parseDouble(options.getOrDefault("cycle-s", "60")),
                        SimSettings.Sampling.parse(options.getOrDefault("sampling", "scan"))));
        try (SimServer server = SimServer.start(settings)) {
            System.out.println("READY " + server.endpointUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until standard input closes (the parent ended or closed the pipe)
            }
        }
        System.exit(0);
    }
}
