package dev.continuum.launcher;

import dev.continuum.launcher.model.Assembly;
import dev.continuum.launcher.model.SystemPackages;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Creates and initialises the OSGi framework for an assembly (the framework reads its bundle cache here).
 * Nothing in it logs: {@link Main} runs it while logging is still being set up on another thread.
 */
final class FrameworkSetup {

    private FrameworkSetup() {
    }

    /** The framework, initialised (bundle cache read, system bundle STARTING), not started. */
    static Framework initialise(Options options, Assembly assembly) throws IOException, BundleException {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(properties(options, assembly));
        framework.init();
        return framework;
    }

    private static Map<String, String> properties(Options options, Assembly assembly) throws IOException {
        Path data = options.data();
        Path configuration = data.resolve("run").resolve("configuration.json");
        Files.createDirectories(configuration.getParent());
        Files.writeString(configuration, new GsonBuilder().setPrettyPrinting().create()
                .toJson(assembly.configurationDocument()), StandardCharsets.UTF_8);

        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, data.resolve("framework").toString());
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(assembly.maxStartLevel()));
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.slf4j());
        properties.put("felix.cm.dir", data.resolve("config").toString());
        properties.put("felix.log.level", "1");
        properties.put("continuum.data", data.toString());
        properties.put("continuum.configuration", configuration.toString());
        properties.put("continuum.profile", assembly.profile() == null ? "" : assembly.profile().name());
        if (assembly.profile() != null) {
            // The profile's folder: drivers find board files there (the GPIO driver's pins.json).
            properties.put("continuum.profile.dir", options.hardwareDir().resolve(assembly.profile().name()).toString());
        }
        properties.putAll(assembly.frameworkProperties());
        properties.putAll(options.properties());
        return properties;
    }
}
