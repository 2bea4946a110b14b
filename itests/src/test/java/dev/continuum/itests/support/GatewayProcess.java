package dev.continuum.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as operators run it: the launcher in its own JVM, from the built class path
 * ({@code bundles/dev.continuum.launcher/target/lib}), with its output captured to a file.
 */
public final class GatewayProcess implements AutoCloseable {

    /** glibc's malloc arenas for the gateway's JVM, as every launcher sets them. */
    public static final String MALLOC_ARENAS = "2";

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the launcher with {@code args} (e.g. --features core,console --data DIR). */
    public static GatewayProcess start(Path workDir, String... args) {
        return start(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), workDir, args);
    }

    /** Starts the launcher in a JVM with {@code jvmOptions} (e.g. a board profile's jvm.options). */
    public static GatewayProcess start(List<String> jvmOptions, Path workDir, String... args) {
        Path repo = Paths.get(System.getProperty("continuum.repo.root", "..")).toAbsolutePath().normalize();
        Path lib = repo.resolve("bundles/dev.continuum.launcher/target/lib");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", lib + "/*", "dev.continuum.launcher.Main",
                "--features-dir", repo.resolve("features/target/features").toString(),
                "--hardware-dir", repo.resolve("hardware").toString()));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.addAll(List.of("--repository", repository));
        }
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("gateway.out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // As ./gw and the packaged launcher run it: two glibc malloc arenas (docs/install.md); a value
            // in this JVM's environment wins (an A/B run against the default sets it to 8 x cores).
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENAS);
            Process process = builder.start();
            return new GatewayProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (what systemd and Ctrl-C do) and waits for the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return waitFor(timeout);
    }

    /** SIGKILL (kill -9): no shutdown hook runs, nothing is flushed; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
