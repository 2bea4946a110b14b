package dev.continuum.launcher;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.slf4j.LoggerFactory;

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
            String tightened = DataDirectory.prepare(options.data());
            if (tightened != null) {
                System.err.println("continuum: " + tightened);
            }
            // Logging reads the data directory from this property, so set it before the first logger.
            // An installed gateway logs to /var/log/continuum: the service passes -Dcontinuum.log.dir.
            if (System.getProperty("continuum.log.dir") == null) {
                System.setProperty("continuum.log.dir", options.data().resolve("log").toString());
            }
            // Setting up logging (logback, its rolling file, the JDK's time zone and calendar classes) is ~6 %
            // of the CPU of a start: it runs on a second thread while this one reads the features and
            // the framework reads its bundle cache. Nothing on this thread logs until it is done.
            Thread logging = new Thread(LoggerFactory::getILoggerFactory, "continuum-logging-setup");
            logging.start();
            assembly = options.features().isEmpty()
                    ? Assembly.ofProfile(options.hardwareDir(), options.featuresDir(), options.profile())
                    : Assembly.ofFeatures(options.featuresDir(), options.features());
            Framework framework = initialise(options, assembly, logging);
            System.exit(new Gateway(options, assembly, framework, started).runUntilStopped());
        } catch (IllegalArgumentException | ModelException | IOException e) {
            System.err.println("continuum: " + e.getMessage());
            System.exit(2);
        }
    }

    private static Framework initialise(Options options, Assembly assembly, Thread logging) {
        Framework framework = null;
        Exception failure = null;
        try {
            framework = FrameworkSetup.initialise(options, assembly);
        } catch (BundleException | IOException | RuntimeException e) {
            failure = e;
        }
        try {
            logging.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            LoggerFactory.getLogger(Main.class).error("cannot create the OSGi framework: {}", failure.getMessage(), failure);
            System.exit(2);
        }
        return framework;
    }
}
