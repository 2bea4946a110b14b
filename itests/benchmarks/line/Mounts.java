package dev.continuum.itests.line;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small tmpfs mounts for the disk-full fault (root only). */
final class Mounts {

    private Mounts() {
    }

    static boolean canMount() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void tmpfs(Path dir, String size) throws IOException {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    /** Grows (or shrinks) a tmpfs in place, keeping its files. */
    static void resize(Path dir, String size) throws IOException {
        run("mount", "-o", "remount,size=" + size, dir.toString());
    }

    static void unmount(Path dir) {
        try {
            run("umount", "-l", dir.toString());
        } catch (IOException e) {
            System.err.println("line-bench: could not unmount " + dir + ": " + e.getMessage());
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
