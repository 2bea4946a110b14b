package dev.continuum.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker process for tests: its own configuration, persistence and log in a temporary
 * directory, listening on a free loopback port. It can be stopped (SIGTERM: Mosquitto saves its
 * persistence), killed (SIGKILL), paused (SIGSTOP, a network cut as clients see it) and restarted on the
 * same port with the same persistence.
 *
 * <p>The configuration lifts Mosquitto's defaults that would drop or throttle test traffic:
 * {@code max_queued_messages 0} (no queue limit for offline persistent subscribers) and
 * {@code max_inflight_messages 0} (no in-flight limit; MQTT 5 clients get no Receive Maximum).
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path executable;
    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private MosquittoBroker(Path executable, Path dir, int port, List<String> extraConfig) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // As root Mosquitto would switch to user "mosquitto", who cannot write this directory.
                "user " + System.getProperty("user.name"),
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval 1",
                "max_queued_messages 0",
                "max_inflight_messages 0",
                "log_dest file " + log,
                "log_type error",
                "log_type warning",
                "log_type notice"));
        lines.addAll(extraConfig);
        try {
            Files.write(config, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker on a free loopback port. */
    public static MosquittoBroker start() {
        return start(List.of());
    }

    /**
     * Starts a broker on a free loopback port with extra configuration lines (e.g. a password file).
     *
     * @throws IllegalStateException if Mosquitto is not installed or does not come up
     */
    public static MosquittoBroker start(List<String> extraConfig) {
        try {
            MosquittoBroker broker = new MosquittoBroker(executable(), Files.createTempDirectory("mosquitto-"),
                    Ports.free(), extraConfig);
            broker.restart();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Mosquitto executable on the PATH or in /usr/sbin. */
    public static Path executable() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, "mosquitto"));
            }
        }
        candidates.add(Path.of("/usr/sbin/mosquitto"));
        candidates.add(Path.of("/usr/local/sbin/mosquitto"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("mosquitto is not installed (looked on the PATH and in /usr/sbin):"
                + " install it with 'apt-get install -y mosquitto' or run .ci/provision");
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Waits until Mosquitto has saved its persistence (autosave, every second) after {@code since}, so that
     * sessions and subscriptions made before then survive a {@link #kill()}.
     */
    public void awaitSavedAfter(java.time.Instant since) {
        Path db = dir.resolve("mosquitto.db");
        Await.until(Duration.ofSeconds(10), "mosquitto to save " + db, () -> {
            try {
                return Files.exists(db) && Files.getLastModifiedTime(db).toInstant().isAfter(since);
            } catch (IOException e) {
                return false;
            }
        });
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) on the same port with the same persistence; waits until it accepts connections. */
    public synchronized void restart() {
        if (running()) {
            throw new IllegalStateException("mosquitto on port " + port + " is already running");
        }
        try {
            process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Ports.accepting(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto did not start on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; its output: " + tail(dir.resolve("stdout.log"))
                        + " log: " + tail(log));
            }
            Await.pause(Duration.ofMillis(20));
        }
    }

    /** SIGTERM: Mosquitto disconnects clients and saves its persistence; waits for the exit. */
    public synchronized void stop() {
        signal("TERM");
    }

    /** SIGKILL: the broker dies at once, as in a crash or power cut. */
    public synchronized void kill() {
        signal("KILL");
    }

    /** SIGSTOP: connections stay open but nothing is answered, as in a network cut. */
    public synchronized void pause() {
        send("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        send("CONT");
    }

    private void signal(String signal) {
        if (!running()) {
            return;
        }
        send(signal);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping mosquitto", e);
        }
    }

    private void send(String signal) {
        if (process == null) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling mosquitto", e);
        }
    }

    /** Kills the broker (resuming it first if paused). */
    @Override
    public synchronized void close() {
        if (running()) {
            send("CONT");
            kill();
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
