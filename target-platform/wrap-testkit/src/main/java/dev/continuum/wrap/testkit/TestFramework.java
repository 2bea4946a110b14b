package dev.continuum.wrap.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A bare OSGi framework (whatever {@link FrameworkFactory} is on the class path: Felix here) for
 * checking that a wrapper bundle resolves and works with only its declared runtime bundles.
 *
 * <p>slf4j is exported by the system bundle from the test class path, in both the 1.7 and 2.0
 * versions, because that is how the gateway runtime provides it. Bundle class loaders delegate to the
 * boot class loader only, so nothing else on the test class path leaks into the bundles or probes.
 */
public final class TestFramework implements AutoCloseable {

    /** Packages the system bundle exports in addition to the JRE's. */
    public static final String SLF4J_EXPORTS =
            "org.slf4j;org.slf4j.event;org.slf4j.spi;version=2.0.17,"
                    + "org.slf4j;org.slf4j.event;org.slf4j.spi;version=1.7.36";

    private final Framework framework;

    private TestFramework(Framework framework) {
        this.framework = framework;
    }

    /** Starts a framework whose storage lives in {@code storage} and is cleaned first. */
    public static TestFramework start(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SLF4J_EXPORTS);
        // Felix lets a bundle class loader fall back to the application class path when the request
        // comes from outside any bundle (a probe): off, so only wired packages are visible.
        config.put("felix.bootdelegation.implicit", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        return new TestFramework(framework);
    }

    /**
     * Installs the given bundle files, then starts them all (a start resolves every bundle, so an
     * unsatisfied import fails here with the framework's explanation).
     *
     * @return the installed bundles, in the order given
     */
    public List<Bundle> installAndStart(List<Path> bundleFiles) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path file : bundleFiles) {
            bundles.add(framework.getBundleContext().installBundle(file.toUri().toString()));
        }
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return bundles;
    }

    /**
     * Runs {@code probe} as a bundle wired to {@code bundles} would: the probe class (compiled with
     * the test, against the library's API) is defined anew by a class loader that finds every other
     * class through the given bundles' class spaces, in order, then the JRE. So every library type it
     * names is the one the framework wired, never the one on the test class path. The probe must
     * return a JRE type.
     */
    public static <T> T probe(Class<? extends Callable<T>> probe, Bundle... bundles) throws Exception {
        ClassLoader wired = new ClassLoader("wired", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                for (Bundle bundle : bundles) {
                    try {
                        return bundle.loadClass(name);
                    } catch (ClassNotFoundException notThere) {
                        // try the next bundle
                    }
                }
                throw new ClassNotFoundException(name);
            }
        };
        ClassLoader probeLoader = new ClassLoader("probe", wired) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals(probe.getName()) && !name.startsWith(probe.getName() + "$")) {
                    throw new ClassNotFoundException(name);
                }
                try (InputStream in = probe.getResourceAsStream(
                        "/" + name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        };
        @SuppressWarnings("unchecked")
        Callable<T> instance = (Callable<T>) probeLoader.loadClass(probe.getName())
                .getDeclaredConstructor().newInstance();
        return instance.call();
    }

    /**
     * The wrapper under test first, then its runtime bundles: the jars the build names in the system
     * properties {@code wrapper.bundle} and {@code runtime.bundles}.
     */
    public static List<Path> wrapperAndRuntimeBundles() throws IOException {
        List<Path> bundles = new ArrayList<>();
        bundles.add(pathProperty("wrapper.bundle"));
        bundles.addAll(jarsIn(pathProperty("runtime.bundles")));
        return bundles;
    }

    /** The jar files in {@code directory} (the wrapper's runtime bundles, copied there by the build). */
    public static List<Path> jarsIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A path given to the test by the build as a system property. */
    public static Path pathProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run the test from Maven)");
        }
        return Path.of(value);
    }

    public Framework framework() {
        return framework;
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
