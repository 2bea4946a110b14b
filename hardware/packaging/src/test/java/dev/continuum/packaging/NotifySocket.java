package dev.continuum.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * systemd's notification socket, stood in for by {@code notify-receiver.py} (python3), so that the test sees
 * what the gateway sends through {@code systemd-notify}. Not available without python3 and systemd-notify:
 * then {@link #environment()} is empty and the gateway sends nothing.
 */
final class NotifySocket implements AutoCloseable {

    /** A watchdog of 3 s: the gateway reports every second. */
    static final String WATCHDOG_USEC = "3000000";

    private final Path socket;
    private final Path log;
    private final Process receiver;

    private NotifySocket(Path socket, Path log, Process receiver) {
        this.socket = socket;
        this.log = log;
        this.receiver = receiver;
    }

    static NotifySocket start(Path work) throws IOException {
        boolean tools = Command.run(List.of("sh", "-c", "command -v python3 && command -v systemd-notify")).exitCode() == 0;
        if (!tools) {
            return new NotifySocket(null, null, null);
        }
        Path script = work.resolve("notify-receiver.py");
        try (InputStream in = NotifySocket.class.getResourceAsStream("/notify-receiver.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path socket = work.resolve("notify.sock");
        Path log = work.resolve("notify.log");
        Files.deleteIfExists(socket);
        Process receiver = new ProcessBuilder("python3", script.toString(), socket.toString(), log.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("notify-receiver.out").toFile()).start();
        Await.until(Duration.ofSeconds(20), "the notify socket " + socket, () -> Files.exists(socket), ready -> ready);
        return new NotifySocket(socket, log, receiver);
    }

    boolean available() {
        return receiver != null;
    }

    Map<String, String> environment() {
        return available() ? Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", WATCHDOG_USEC) : Map.of();
    }

    List<String> messages() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.destroy();
        }
    }
}
