package dev.continuum.itests.line;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Deployment packages for the dp-update fault: the built (and signed) GPIO driver package, and new versions
 * of it: its bundle with a raised Bundle-Version, packaged and signed with the development key by the
 * project's UpdateTool, as a release would be.
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

    /**
     * Packages the GPIO driver bundle of {@code dp} as version {@code version} and signs it with the
     * development key; returns {manifest, package}.
     */
    static byte[][] signedVersion(Path repo, byte[] dp, String version, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path bundle = dir.resolve("dev.continuum.gpio-" + version + ".jar");
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(dp))) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                if (entry.getName().endsWith(".jar")) {
                    Files.write(bundle, bundleWithVersion(in.readAllBytes(), version));
                }
            }
        }
        String m2 = System.getProperty("maven.repo.local");
        String cp = repo.resolve("bundles/dev.continuum.update/target/classes") + ":"
                + repo.resolve("bundles/dev.continuum.api/target/classes") + ":" + newest(Path.of(m2, "com/google/code/gson/gson"))
                + ":" + newest(Path.of(m2, "org/osgi/osgi.core")) + ":" + newest(Path.of(m2, "org/slf4j/slf4j-api"));
        Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "dev.continuum.update.tool.UpdateTool", "package", "--key",
                repo.resolve("dp-packages/dev-keys/dev-signing-key.pk8").toString(), "--name", "dev.continuum.gpio",
                "--version", version, "--out", dir.toString(), bundle.toString()).redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes());
        if (tool.waitFor() != 0) {
            throw new IOException("UpdateTool package failed: " + output);
        }
        try (var files = Files.list(dir)) {
            List<Path> made = files.filter(p -> p.getFileName().toString().startsWith("dev.continuum.gpio-" + version))
                    .toList();
            Path manifest = made.stream().filter(p -> p.toString().endsWith(".update.json")).findFirst()
                    .orElseThrow(() -> new IOException("UpdateTool wrote no .update.json: " + output));
            Path pkg = made.stream().filter(p -> p.toString().endsWith(".dp")).findFirst()
                    .orElseThrow(() -> new IOException("UpdateTool wrote no .dp: " + output));
            return new byte[][] {Files.readAllBytes(manifest), Files.readAllBytes(pkg)};
        }
    }

    /** The jar of the newest version of a Maven artifact directory that holds one. */
    private static String newest(Path artifact) throws IOException {
        try (var versions = Files.list(artifact)) {
            for (Path dir : versions.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
                try (var jars = Files.list(dir)) {
                    var jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst();
                    if (jar.isPresent()) {
                        return jar.get().toString();
                    }
                }
            }
        }
        throw new IOException("no jar under " + artifact);
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
