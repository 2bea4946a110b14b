package dev.continuum.update.internal.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Verified packages kept on disk so that a failed update can reinstall the previous version, and the
 * journal of the update in progress ({@code pending}: written before Deployment Admin is called, removed
 * after the commit or the rollback) from which an update interrupted by a crash is rolled back at the next
 * start.
 */
final class PackageStore {

    private final Path root;

    PackageStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        Files.createDirectories(root.resolve("packages"));
        Files.createDirectories(root.resolve("staging"));
    }

    Path staging() {
        return root.resolve("staging");
    }

    Optional<Path> retained(String name, String version) {
        Path file = file(name, version);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Keeps {@code dp} as {@code name}'s committed version and drops the versions older than {@code previous}. */
    void keep(String name, String version, String previous, Path dp) throws IOException {
        Path dir = Files.createDirectories(root.resolve("packages").resolve(name));
        Path target = file(name, version);
        Path temporary = dir.resolve(version + ".dp.tmp");
        Files.copy(dp, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path other : files.toList()) {
                String fileName = other.getFileName().toString();
                if (!fileName.equals(version + ".dp") && !fileName.equals(previous + ".dp")) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    void forget(String name) throws IOException {
        Path dir = root.resolve("packages").resolve(name);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Journals the update about to be installed: {@code name}, the new and the previous version. */
    void begin(String name, String version, String previous) throws IOException {
        Path temporary = root.resolve("pending.tmp");
        Files.writeString(temporary, name + "\n" + version + "\n" + (previous == null ? "" : previous) + "\n",
                StandardCharsets.UTF_8);
        Files.move(temporary, root.resolve("pending"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    void end() throws IOException {
        Files.deleteIfExists(root.resolve("pending"));
    }

    /** The journaled update that never ended: name, new version, previous version ("" if none). */
    Optional<String[]> pending() throws IOException {
        Path file = root.resolve("pending");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        return lines.length >= 3 ? Optional.of(new String[] {lines[0], lines[1], lines[2]}) : Optional.empty();
    }

    private Path file(String name, String version) {
        return root.resolve("packages").resolve(name).resolve(version + ".dp");
    }
}
