package dev.continuum.itests.line;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Deployment packages for the dp-update fault: the built GPIO driver package, and copies of it whose
 * package and bundle versions are raised (so that Deployment Admin really updates the bundle).
 */
final class Packages {

    private Packages() {
    }

    /** The newest built {@code dev.continuum.gpio-*.dp} under dp-packages/target/packages. */
    static Path gpioPackage(Path repo) throws IOException {
        try (var files = Files.list(repo.resolve("dp-packages/target/packages"))) {
            return files.filter(p -> p.getFileName().toString().matches("dev\\.continuum\\.gpio-.*\\.dp"))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IOException("no dev.continuum.gpio-*.dp in dp-packages/target/packages:"
                            + " build dp-packages first (./gw build)"));
        }
    }

    /** A copy of {@code dp} with package and bundle version {@code version} (every bundle of it). */
    static byte[] withVersion(byte[] dp, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(dp))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
            for (Attributes section : manifest.getEntries().values()) {
                if (section.getValue("Bundle-Version") != null) {
                    section.putValue("Bundle-Version", version);
                }
            }
            try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
                JarEntry entry;
                while ((entry = in.getNextJarEntry()) != null) {
                    byte[] content = in.readAllBytes();
                    jar.putNextEntry(new JarEntry(entry.getName()));
                    jar.write(entry.getName().endsWith(".jar") ? bundleWithVersion(content, version) : content);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] bundleWithVersion(byte[] bundle, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
                JarEntry entry;
                while ((entry = in.getNextJarEntry()) != null) {
                    jar.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /** A copy of the features directory whose {@code gpio} feature leaves the driver bundle out. */
    static Path featuresWithoutGpioDriver(Path features, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(features)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path gpio = target.resolve("gpio.json");
        String text = Files.readString(gpio);
        String without = text.replaceAll("\\s*\\{\\s*\"id\"\\s*:\\s*\"dev\\.continuum:dev\\.continuum\\.gpio:[^\"]*\"[^}]*},?", "");
        if (without.equals(text)) {
            throw new IOException("the gpio feature " + gpio + " names no dev.continuum.gpio bundle to leave out");
        }
        Files.writeString(gpio, without.replaceAll(",(\\s*])", "$1"));
        return target;
    }
}
