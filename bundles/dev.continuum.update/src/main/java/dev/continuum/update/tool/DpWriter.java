package dev.continuum.update.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Assembles a deployment package the way Felix Deployment Admin accepts it: the manifest first, with
 * {@code DeploymentPackage-SymbolicName} and {@code -Version} and one section per bundle, then the bundles
 * in that order, and no directory entries.
 */
public final class DpWriter {

    /** A bundle jar with the symbolic name and version read from its own manifest. */
    public record BundleJar(Path jar, String symbolicName, String version) {

        public static BundleJar of(Path jar) throws IOException {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                if (bsn == null) {
                    throw new IOException(jar + " is not an OSGi bundle: no Bundle-SymbolicName");
                }
                String version = manifest.getMainAttributes().getValue("Bundle-Version");
                return new BundleJar(jar, bsn.split(";")[0].strip(), version == null ? "0.0.0" : version);
            }
        }

        String entryName() {
            return "bundles/" + symbolicName + "-" + version + ".jar";
        }
    }

    private DpWriter() {
    }

    public static void write(Path target, String name, String version, List<BundleJar> bundles) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", name);
        main.putValue("DeploymentPackage-Version", version);
        for (BundleJar bundle : bundles) {
            Attributes section = new Attributes();
            section.putValue("Bundle-SymbolicName", bundle.symbolicName());
            section.putValue("Bundle-Version", bundle.version());
            manifest.getEntries().put(bundle.entryName(), section);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            for (BundleJar bundle : new ArrayList<>(bundles)) {
                JarEntry entry = new JarEntry(bundle.entryName());
                jar.putNextEntry(entry);
                Files.copy(bundle.jar(), jar);
                jar.closeEntry();
            }
        }
    }
}
