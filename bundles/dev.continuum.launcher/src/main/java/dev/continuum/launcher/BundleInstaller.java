package dev.continuum.launcher;

import dev.continuum.launcher.model.BundleRef;
import dev.continuum.launcher.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the framework's bundle cache in line with an assembly before the framework starts.
 *
 * <p>Bundles the launcher installs have the location {@code continuum:groupId:artifactId}; a bundle whose
 * version changed, or whose jar is newer than the cached copy (a rebuilt snapshot), is updated in place;
 * one no feature names any more is uninstalled. Bundles installed otherwise (deployment packages, the
 * console) are left alone, so they survive restarts.
 */
final class BundleInstaller {

    static final String LOCATION_PREFIX = "continuum:";
    private static final Logger LOG = LoggerFactory.getLogger(BundleInstaller.class);

    private BundleInstaller() {
    }

    static void reconcile(BundleContext context, List<BundleRef> wanted, List<Path> repositories)
            throws ModelException, BundleException, IOException {
        Map<String, Path> jars = new HashMap<>();
        for (BundleRef ref : wanted) {
            jars.put(ref.key(), ref.resolve(repositories));
        }
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(LOCATION_PREFIX)) {
                installed.put(location.substring(LOCATION_PREFIX.length()), bundle);
            }
        }
        List<Bundle> toStart = new ArrayList<>();
        for (BundleRef ref : wanted) {
            Path jar = jars.get(ref.key());
            Bundle bundle = installed.remove(ref.key());
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle = context.installBundle(LOCATION_PREFIX + ref.key(), in);
                }
                LOG.debug("installed {} from {}", ref.coordinates(), jar);
            } else if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()
                    || !sameVersion(bundle, ref)) {
                try (InputStream in = Files.newInputStream(jar)) {
                    bundle.update(in);
                }
                LOG.info("updated {} from {}", ref.coordinates(), jar);
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(ref.startLevel());
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                toStart.add(bundle);
            }
        }
        for (Bundle stale : installed.values()) {
            LOG.info("uninstalling {} {}: no feature names it", stale.getSymbolicName(), stale.getVersion());
            stale.uninstall();
        }
        for (Bundle bundle : toStart) {
            // Marks the bundle to start when the framework reaches its start level.
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        }
    }

    private static boolean sameVersion(Bundle bundle, BundleRef ref) {
        String osgi = bundle.getVersion().toString();
        String maven = ref.version().replace("-SNAPSHOT", "");
        return osgi.startsWith(maven);
    }
}
