package dev.continuum.itests.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.google.gson.GsonBuilder;
import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.BundleRef;
import dev.continuum.launcher.model.ModelException;
import dev.continuum.launcher.model.SystemPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot the runtime the way the launcher does: the bundles, start orders, framework
 * properties and default configuration of the real feature descriptors, slf4j exported by the system
 * bundle, and a fresh data directory.
 */
public final class Runtime {

    /** Start level of the test probe: after every feature bundle. */
    private static final int PROBE_LEVEL = 30;

    private Runtime() {
    }

    /** The built feature descriptors (set by the failsafe configuration). */
    public static Path featuresDir() {
        return Paths.get(System.getProperty("continuum.features.dir", "../features/target/features"));
    }

    public static Path localRepository() {
        return Paths.get(System.getProperty("maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()));
    }

    /** Paho's MQTT 3.1.1 client as a bundle, for tests that talk to a broker from inside the framework. */
    public static Option pahoBundle() {
        Path paho = localRepository().resolve(
                "org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5/org.eclipse.paho.client.mqttv3-1.2.5.jar");
        return bundle(paho.toUri().toString()).startLevel(20);
    }

    /** The board profiles (set by the failsafe configuration). */
    public static Path hardwareDir() {
        return Paths.get(System.getProperty("continuum.hardware.dir", "../hardware"));
    }

    /** Options that run {@code features} with {@code data} as the data directory and HTTP on {@code httpPort}. */
    public static Option features(Path data, int httpPort, String... features) {
        try {
            return options(Assembly.ofFeatures(featuresDir(), List.of(features)), data, httpPort, List.of());
        } catch (ModelException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Options that run the board profile {@code profile} as the launcher does, without the configurations
     * named in {@code withoutPids} (e.g. a demo convenience the test replaces).
     */
    public static Option profile(String profile, Path data, int httpPort, List<String> withoutPids) {
        try {
            return options(Assembly.ofProfile(hardwareDir(), featuresDir(), profile), data, httpPort, withoutPids);
        } catch (ModelException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Option options(Assembly assembly, Path data, int httpPort, List<String> withoutPids) {
        List<Option> options = new ArrayList<>();
        for (BundleRef ref : assembly.bundles()) {
            Path jar;
            try {
                jar = ref.resolve(List.of(localRepository()));
            } catch (ModelException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            options.add(bundle(jar.toUri().toString()).startLevel(ref.startLevel()));
        }
        for (Map.Entry<String, String> property : assembly.frameworkProperties().entrySet()) {
            options.add(frameworkProperty(property.getKey()).value(property.getValue()));
        }
        if (assembly.profile() != null) {
            // As the launcher does: drivers find the board's files (pin map) in the profile's folder.
            options.add(frameworkProperty("continuum.profile").value(assembly.profile().name()));
            options.add(frameworkProperty("continuum.profile.dir")
                    .value(hardwareDir().resolve(assembly.profile().name()).toAbsolutePath().toString()));
        }
        com.google.gson.JsonObject document = assembly.configurationDocument();
        withoutPids.forEach(document::remove);
        Path configuration = data.resolve("run").resolve("configuration.json");
        write(configuration, new GsonBuilder().setPrettyPrinting().create().toJson(document));
        options.add(frameworkProperty("org.osgi.service.http.port").value(Integer.toString(httpPort)));
        options.add(frameworkProperty("org.osgi.service.http.port.secure").value(Integer.toString(Ports.free())));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("continuum.data").value(data.toString()));
        options.add(frameworkProperty("continuum.configuration").value(configuration.toString()));
        options.add(frameworkProperty("felix.cm.dir").value(data.resolve("config").toString()));
        // Pax Exam adds its own packages to the system bundle's exports: append, do not replace.
        options.add(systemPackages(SystemPackages.slf4j().split(",")));
        options.add(frameworkStartLevel(PROBE_LEVEL));
        options.add(systemProperty("org.ops4j.pax.url.mvn.offline").value("true"));
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepository().toString()));
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value(""));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(junitBundles());
        options.add(bundle(jarOf(org.assertj.core.api.Assertions.class)));
        options.add(bundle(jarOf(net.bytebuddy.ByteBuddy.class)));
        return composite(options.toArray(Option[]::new));
    }

    /** Replaces the default configuration file the core bundle applies at start. */
    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
