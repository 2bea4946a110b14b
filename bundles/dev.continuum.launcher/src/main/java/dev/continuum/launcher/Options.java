package dev.continuum.launcher;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the launcher.
 *
 * @param featuresDir the feature descriptors, {@code NAME.json}
 * @param hardwareDir the board profiles, {@code BOARD/profile.json}
 * @param profile the hardware profile to run
 * @param features features to run instead of a profile (comma separated on the command line)
 * @param data the data directory (configuration, bundle cache, logs, keys, models, outbox)
 * @param repositories Maven-layout repositories that bundles are resolved from, in order
 * @param properties framework properties given on the command line; they override profile and features
 */
record Options(Path featuresDir, Path hardwareDir, String profile, List<String> features, Path data, List<Path> repositories,
        Map<String, String> properties) {

    static final String USAGE = """
            usage: continuum [--profile NAME | --features A,B] [--data DIR] [options]
              --profile NAME       hardware profile, HARDWARE/NAME/profile.json (default: simulator)
              --features A,B       run these features instead of a profile
              --data DIR           data directory (default: ./data)
              --home DIR           installation with features/, hardware/ and system/ (default: .)
              --features-dir DIR   feature descriptors (default: HOME/features)
              --hardware-dir DIR   board profiles (default: HOME/hardware)
              --repository DIR     Maven-layout bundle repository, repeatable
                                   (default: HOME/system, then ~/.m2/repository)
              --property KEY=VALUE framework property overriding profile and features, repeatable
                                   (e.g. org.osgi.service.http.port=8081)
              --broker URI         MQTT broker for the profile's endpoints (tcp://, ssl://, ws://, wss://; comma
                                   separated for failover); without it the simulator uses its demo broker
            """;

    /** Framework property set by {@code --broker}; MQTT endpoints configured with it use it as their broker URIs. */
    static final String BROKER_PROPERTY = "continuum.cloud.broker";

    static Options parse(String[] args) {
        Path home = Paths.get(".");
        Path featuresDir = null;
        Path hardwareDir = null;
        String profile = "simulator";
        List<String> features = List.of();
        Path data = Paths.get("data");
        List<Path> repositories = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--profile" -> profile = value(args, ++i, arg);
                case "--features" -> features = Arrays.asList(value(args, ++i, arg).split(","));
                case "--data" -> data = Paths.get(value(args, ++i, arg));
                case "--home" -> home = Paths.get(value(args, ++i, arg));
                case "--features-dir" -> featuresDir = Paths.get(value(args, ++i, arg));
                case "--hardware-dir" -> hardwareDir = Paths.get(value(args, ++i, arg));
                case "--repository" -> repositories.add(Paths.get(value(args, ++i, arg)));
                case "--broker" -> properties.put(BROKER_PROPERTY, value(args, ++i, arg));
                case "--property" -> {
                    String pair = value(args, ++i, arg);
                    int equals = pair.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--property needs KEY=VALUE, got '" + pair + "'");
                    }
                    properties.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (repositories.isEmpty()) {
            repositories.add(home.resolve("system"));
            repositories.add(Paths.get(System.getProperty("user.home"), ".m2", "repository"));
        }
        return new Options(
                (featuresDir == null ? home.resolve("features") : featuresDir).toAbsolutePath().normalize(),
                (hardwareDir == null ? home.resolve("hardware") : hardwareDir).toAbsolutePath().normalize(),
                profile, features,
                data.toAbsolutePath().normalize(), repositories, properties);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
