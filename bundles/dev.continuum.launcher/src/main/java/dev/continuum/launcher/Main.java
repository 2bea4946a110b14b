package dev.continuum.launcher;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: {@code java -cp 'lib/*' dev.continuum.launcher.Main [options]}.
 *
 * <p>Exit codes: 0 after a clean stop, 1 when the runtime failed, 2 for bad options, profiles or features.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Options options;
        Assembly assembly;
        try {
            options = Options.parse(args);
            assembly = options.features().isEmpty()
                    ? Assembly.ofProfile(options.hardwareDir(), options.featuresDir(), options.profile())
                    : Assembly.ofFeatures(options.featuresDir(), options.features());
            Files.createDirectories(options.data());
        } catch (IllegalArgumentException | ModelException | IOException e) {
            System.err.println("continuum: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Logging reads the data directory from this property, so set it before the first logger.
        // An installed gateway logs to /var/log/continuum: the service passes -Dcontinuum.log.dir.
        if (System.getProperty("continuum.log.dir") == null) {
            System.setProperty("continuum.log.dir", options.data().resolve("log").toString());
        }
        int code = new Gateway(options, assembly, started).runUntilStopped();
        System.exit(code);
    }
}
