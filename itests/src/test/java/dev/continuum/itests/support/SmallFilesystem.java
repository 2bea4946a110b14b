package dev.continuum.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small filesystem for disk-full fault tests: a tmpfs of a given size, grown online (remount)
 * when the test gives space back. Mounting needs root (CI runs as root); elsewhere the test is skipped
 * with the reason.
 */
public final class SmallFilesystem implements AutoCloseable {

    private final Path dir;

    private SmallFilesystem(Path dir) {
        this.dir = dir;
    }

    public static SmallFilesystem mount(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String error = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
        Assumptions.assumeTrue(error == null, () -> "cannot mount a tmpfs for the disk-full test: " + error);
        return new SmallFilesystem(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Gives the filesystem more space, as freeing space on a full disk does. */
    public void grow(long bytes) throws IOException, InterruptedException {
        String error = run("mount", "-o", "remount,size=" + bytes, dir.toString());
        if (error != null) {
            throw new IOException(error);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }

    /** Null if the command succeeded, else what went wrong. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + ": timed out";
            }
            return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e;
        }
    }
}
