package dev.continuum.outbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small real filesystem for disk-full tests: a tmpfs mounted with {@code mount -t tmpfs -o size=N}. Needs
 * root (CI runs as root); elsewhere the test is skipped with the reason.
 */
final class Tmpfs implements AutoCloseable {

    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    static Tmpfs mount(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        Assumptions.assumeTrue(output == null, () -> "cannot mount a tmpfs for the disk-full test: " + output);
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Fills all but {@code leave} bytes with a ballast file that {@link #freeBallast()} deletes. */
    void fillLeaving(long leave) throws IOException {
        long fill = Files.getFileStore(dir).getUsableSpace() - leave;
        Files.write(dir.resolve("ballast"), new byte[(int) Math.max(0, fill)]);
    }

    void freeBallast() throws IOException {
        Files.delete(dir.resolve("ballast"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    /** Null if the command succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + ": timed out";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
