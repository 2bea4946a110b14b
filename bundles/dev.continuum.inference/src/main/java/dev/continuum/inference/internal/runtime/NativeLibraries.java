package dev.continuum.inference.internal.runtime;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts ONNX Runtime's native libraries in a directory the gateway owns and points ORT at it
 * ({@code onnxruntime.native.path}), instead of ORT's default: a fresh copy under {@code java.io.tmpdir}
 * on every load. Must run before ORT's classes first load their natives; once per ORT class loader
 * (the ORT bundle is never refreshed in a gateway, so once per JVM there).
 */
final class NativeLibraries {

    static final String PROPERTY = "onnxruntime.native.path";
    /** Set beside {@link #PROPERTY} when this class set it. */
    static final String MARKER = "continuum.onnxruntime.native.path.managed";
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
    private static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private NativeLibraries() {
    }

    static void prepare(Path directory) {
        // A path an operator set is kept. One this class set (marked) is replaced: each framework in a JVM
        // (tests boot several) loads ORT in a new class loader and needs its own copy of the library.
        if (System.getProperty(PROPERTY) != null && System.getProperty(MARKER) == null) {
            return;
        }
        String platform = platform();
        if (platform == null) {
            LOG.debug("no bundled ONNX Runtime natives for {}/{}: ORT extracts them itself",
                    System.getProperty("os.name"), System.getProperty("os.arch"));
            return;
        }
        try {
            Files.createDirectories(directory);
            for (String library : LIBRARIES) {
                copy("/ai/onnxruntime/native/" + platform + "/" + library, directory.resolve(library));
            }
            System.setProperty(PROPERTY, directory.toAbsolutePath().toString());
            System.setProperty(MARKER, "true");
        } catch (IOException e) {
            LOG.warn("cannot place ONNX Runtime natives in {}; ORT extracts them to the temp directory", directory, e);
        }
    }

    /**
     * Streams the library to {@code target} (never whole into the heap: it is 28 MB and gateways run with a
     * heap of 64-96 MB); skipped when the target already has the resource's size.
     */
    private static void copy(String resource, Path target) throws IOException {
        URL url = OrtEnvironment.class.getResource(resource);
        if (url == null) {
            throw new IOException("the ONNX Runtime bundle has no " + resource);
        }
        URLConnection connection = url.openConnection();
        long size = connection.getContentLengthLong();
        if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
            return;
        }
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return null;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-aarch64";
            default -> null;
        };
    }
}
