package dev.continuum.update.internal.dp;

import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/**
 * What a deployment package declares in its manifest: symbolic name, version and the bundles of its
 * manifest sections (OSGi Compendium 114.3).
 */
public record DpContents(String name, String version, List<PinnedBundle> bundles) {

    public static final String SYMBOLIC_NAME = "DeploymentPackage-SymbolicName";
    public static final String VERSION = "DeploymentPackage-Version";

    public static DpContents read(Path dp) throws UpdateException {
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(dp))) {
            Manifest manifest = jar.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(SYMBOLIC_NAME);
            if (name == null) {
                throw new UpdateException(Reason.MALFORMED, dp.getFileName() + " is not a deployment package: its"
                        + " manifest has no " + SYMBOLIC_NAME);
            }
            String version = manifest.getMainAttributes().getValue(VERSION);
            List<PinnedBundle> bundles = new ArrayList<>();
            for (Map.Entry<String, Attributes> section : manifest.getEntries().entrySet()) {
                String bsn = section.getValue().getValue("Bundle-SymbolicName");
                if (bsn != null) {
                    bundles.add(new PinnedBundle(bsn, section.getValue().getValue("Bundle-Version")));
                }
            }
            return new DpContents(name, version, bundles);
        } catch (IOException e) {
            throw new UpdateException(Reason.MALFORMED, dp.getFileName() + " is not a readable jar: " + e, e);
        }
    }

    /** MIXED_SET unless this package is exactly the one {@code manifest} pins: same name, version and bundles. */
    public void requireMatches(UpdateManifest manifest) throws UpdateException {
        if (!name.equals(manifest.name()) || !same(version, manifest.version())) {
            throw new UpdateException(Reason.MIXED_SET, "the package is " + name + " " + version + " but the signed"
                    + " manifest is for " + manifest.name() + " " + manifest.version());
        }
        Set<String> inPackage = keys(bundles);
        Set<String> pinned = keys(manifest.bundles());
        if (!inPackage.equals(pinned)) {
            throw new UpdateException(Reason.MIXED_SET, "the package's bundles " + inPackage + " are not the set"
                    + " its signed manifest pins " + pinned);
        }
    }

    private static Set<String> keys(List<PinnedBundle> bundles) {
        Set<String> keys = new HashSet<>();
        for (PinnedBundle bundle : bundles) {
            keys.add(bundle.symbolicName() + ";" + Version.parseVersion(bundle.version()));
        }
        return keys;
    }

    private static boolean same(String a, String b) {
        return a != null && Version.parseVersion(a).equals(Version.parseVersion(b));
    }
}
