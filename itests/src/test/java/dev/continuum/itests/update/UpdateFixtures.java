package dev.continuum.itests.update;

import dev.continuum.update.tool.UpdateTool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds, on the test driver's side (never inside the container: it uses the build-time tool), the signed
 * packages the update itests apply: the example-pipeline package as {@code dp-packages} built it, newer,
 * older and broken versions signed with the development key, and bad ones (tampered, foreign key, expired).
 */
public final class UpdateFixtures {

    /** System property: the directory with the fixtures. */
    public static final String DIR = "continuum.itest.updates";
    public static final String EXAMPLE = "dev.continuum.example.pipeline";
    public static final String BROKEN_BSN = "dev.continuum.itests.broken";
    public static final String MODEL = "vibration-anomaly";
    /** A package of two manifest-only bundles, {@code CRASHSET.a} and {@code CRASHSET.b}, both at 1.1.0. */
    public static final String CRASHSET = "dev.continuum.itests.crashset";
    /** The directory (under the fixtures) with {@code CRASHSET.a} at 1.4.0, the version a crash leaves it at. */
    public static final String CRASHED = "crashed";
    static final Path DP_PACKAGES = Paths.get(System.getProperty("continuum.dp.dir", "../dp-packages"));

    private UpdateFixtures() {
    }

    /** Builds every fixture into a new directory and returns it. */
    public static Path build() {
        try {
            Path dir = Files.createTempDirectory("continuum-updates-");
            Path key = DP_PACKAGES.resolve("dev-keys/dev-signing-key.pk8");
            Path example = DP_PACKAGES.resolve("target/bundles/" + EXAMPLE + ".jar");
            copyBuilt(dir.resolve("built"));
            sign(dir.resolve("v1"), key, "1.0.0", "365", example);
            sign(dir.resolve("broken"), key, "2.0.0", "365", example, brokenBundle(dir));
            sign(dir.resolve("older"), key, "0.0.1", "365", example);
            sign(dir.resolve("expired"), key, "1.0.0", "-1", example);
            Path crashset = dir.resolve("crashset-bundles");
            signPackage(dir.resolve("crashset"), CRASHSET, "1.1.0", bundle(crashset, CRASHSET + ".a", "1.1.0", null),
                    bundle(crashset, CRASHSET + ".b", "1.1.0", null));
            bundle(dir.resolve(CRASHED), CRASHSET + ".a", "1.4.0", null);
            Path foreignKey = dir.resolve("foreign.pk8");
            UpdateTool.main(new String[] {"keygen", foreignKey.toString(), dir.resolve("foreign.pub").toString()});
            sign(dir.resolve("foreign"), foreignKey, "1.0.0", "365", example);
            // A newer version than the built one, so that the version check passes and the digest is what fails.
            Files.createDirectories(dir.resolve("tampered"));
            try (Stream<Path> files = Files.list(dir.resolve("v1"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve("tampered").resolve(file.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(dir.resolve("tampered"))) {
                Path dp = files.filter(f -> f.toString().endsWith(".dp")).findFirst().orElseThrow();
                byte[] bytes = Files.readAllBytes(dp);
                bytes[bytes.length / 2] ^= 0x01;
                Files.write(dp, bytes);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code count} successive versions (1.1.0, 1.2.0, ...) into {@code dir/cycle-N}, for the benchmark. */
    public static void buildCycles(Path dir, int count) {
        try {
            Path key = DP_PACKAGES.resolve("dev-keys/dev-signing-key.pk8");
            Path example = DP_PACKAGES.resolve("target/bundles/" + EXAMPLE + ".jar");
            for (int i = 1; i <= count; i++) {
                sign(dir.resolve("cycle-" + i), key, "1." + i + ".0", "365", example);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signs model updates of the inference bundle's default model: versions 2.0.0 ({@code model-2}) and 3.0.0
     * ({@code model-3}), the shipped ONNX file with its manifest renamed, and a tampered copy of 3.0.0
     * ({@code model-tampered}).
     */
    public static void buildModels(Path dir) {
        Path jar = dev.continuum.itests.support.Runtime.localRepository().resolve(
                "dev/continuum/dev.continuum.inference/0.1.0-SNAPSHOT/dev.continuum.inference-0.1.0-SNAPSHOT.jar");
        try (java.util.jar.JarFile inference = new java.util.jar.JarFile(jar.toFile())) {
            byte[] onnx = inference.getInputStream(inference.getEntry("models/" + MODEL + "/1.0.0/model.onnx"))
                    .readAllBytes();
            String json = new String(inference.getInputStream(inference.getEntry("models/" + MODEL
                    + "/1.0.0/manifest.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Path key = DP_PACKAGES.resolve("dev-keys/dev-signing-key.pk8");
            for (String version : new String[] {"2.0.0", "3.0.0"}) {
                Path staged = Files.createDirectories(dir.resolve("model-src-" + version));
                Path model = Files.write(staged.resolve(MODEL + "-" + version + ".onnx"), onnx);
                com.google.gson.JsonObject manifest = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
                manifest.addProperty("version", version);
                Path modelManifest = Files.writeString(staged.resolve(MODEL + "-" + version + ".json"),
                        manifest.toString());
                Map<String, String> options = new HashMap<>();
                options.put("key", key.toString());
                options.put("name", MODEL);
                options.put("version", version);
                options.put("out", dir.resolve("model-" + version.charAt(0)).toString());
                UpdateTool.modelUpdate(options, List.of(model.toString(), modelManifest.toString()));
            }
            Path tampered = Files.createDirectories(dir.resolve("model-tampered"));
            try (Stream<Path> files = Files.list(dir.resolve("model-3"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, tampered.resolve(file.getFileName()));
                }
            }
            Path model = tampered.resolve(MODEL + "-3.0.0.onnx");
            byte[] bytes = Files.readAllBytes(model);
            bytes[bytes.length - 1] ^= 0x01;
            Files.write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed manifest in {@code dir/name}. */
    public static Path manifest(Path dir, String name) {
        try (Stream<Path> files = Files.list(dir.resolve(name))) {
            return files.filter(f -> f.toString().endsWith(".update.json")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest example-pipeline package that the dp-packages module built, with its manifest. */
    private static void copyBuilt(Path target) throws IOException {
        Files.createDirectories(target);
        Path packages = DP_PACKAGES.resolve("target/packages");
        Path manifest;
        try (Stream<Path> files = Files.list(packages)) {
            manifest = files.filter(f -> f.getFileName().toString().startsWith(EXAMPLE + "-")
                    && f.toString().endsWith(".dp.update.json"))
                    .max(Comparator.comparing(f -> f.getFileName().toString())).orElseThrow(() ->
                            new IllegalStateException("no " + EXAMPLE + " package in " + packages + "; build dp-packages"));
        }
        String dp = manifest.getFileName().toString().replace(".update.json", "");
        Files.copy(manifest, target.resolve(manifest.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(packages.resolve(dp), target.resolve(dp), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void sign(Path out, Path key, String version, String days, Path... bundles) throws IOException {
        sign(out, key, EXAMPLE, version, days, bundles);
    }

    /** Signs the package {@code name} {@code version} of {@code bundles} with the development key into {@code out}. */
    public static void signPackage(Path out, String name, String version, Path... bundles) throws IOException {
        sign(out, DP_PACKAGES.resolve("dev-keys/dev-signing-key.pk8"), name, version, "365", bundles);
    }

    private static void sign(Path out, Path key, String name, String version, String days, Path... bundles)
            throws IOException {
        Map<String, String> options = new HashMap<>();
        options.put("key", key.toString());
        options.put("name", name);
        options.put("version", version);
        options.put("out", out.toString());
        options.put("days", days);
        options.put("gateway", "[0.1,1)");
        UpdateTool.packageUpdate(options, Stream.of(bundles).map(Path::toString).toList());
    }

    /** A bundle that resolves but cannot start: its activator class does not exist. */
    private static Path brokenBundle(Path dir) throws IOException {
        return bundle(dir, BROKEN_BSN, "1.0.0", "dev.continuum.itests.broken.Missing");
    }

    /** A bundle of a manifest only, {@code symbolicName} {@code version}; with an activator when not null. */
    public static Path bundle(Path dir, String symbolicName, String version, String activator) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (activator != null) {
            main.putValue("Bundle-Activator", activator);
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // manifest only
        }
        return jar;
    }
}
