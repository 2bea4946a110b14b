package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.MosquittoBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway {@code kill -9} mid-stream: a child JVM runs a real MQTT endpoint (durable outbox + Paho client)
 * publishing to a real Mosquitto as fast as it can; it is killed with SIGKILL while messages are in
 * flight, restarted on the same store, and the subscriber must end up with every message the child had
 * confirmed to its publisher (duplicates allowed, all with the same dedup id).
 */
class EndpointKillTest {

    private static final int CONFIRMED_BEFORE_KILL = 3000;
    private final Closer cleanup = new Closer();

    @AfterEach
    void cleanUp() throws Exception {
        cleanup.close();
    }

    @Test
    void nothingConfirmedIsLostWhenTheGatewayIsKilledMidStream() throws Exception {
        MosquittoBroker broker = MosquittoBroker.start();
        cleanup.add(broker);
        Subscriber subscriber = new Subscriber(broker.uri(), "sub-kill", "acme/gw-kill/#").connect();
        cleanup.add(subscriber);
        Path store = Files.createTempDirectory("endpoint-kill-");

        Process first = child(store, broker.uri(), "publish");
        Set<Long> confirmed = new TreeSet<>();
        try (BufferedReader lines = reader(first)) {
            String line;
            while (confirmed.size() < CONFIRMED_BEFORE_KILL && (line = lines.readLine()) != null) {
                record(line, confirmed);
            }
            // Confirmed means stored; delivery lags behind it, so wait (with a deadline) for the first delivery.
            Await.until(Duration.ofSeconds(30), "messages flowing before the kill", () -> !subscriber.received().isEmpty());
            kill(first);
            while ((line = lines.readLine()) != null) {
                record(line, confirmed);
            }
        }
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(CONFIRMED_BEFORE_KILL);

        Process second = child(store, broker.uri(), "drain");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            DeliveryCheck check = DeliveryCheck.of(confirmed, sequences(subscriber));
            while (check.lost() > 0 && System.nanoTime() < deadline) {
                Await.pause(Duration.ofMillis(100));
                check = DeliveryCheck.of(confirmed, sequences(subscriber));
            }
            assertThat(check.lost()).as("confirmed but never delivered: %s", check).isZero();
            assertThat(subscriber.received()).allSatisfy(r -> assertThat(r.dedupId()).startsWith("gw-kill/"));
        } finally {
            kill(second);
        }
    }

    private static List<Long> sequences(Subscriber subscriber) {
        return subscriber.received().stream().map(Subscriber.Received::sequence).toList();
    }

    private static void record(String line, Set<Long> confirmed) {
        if (line.startsWith("accepted ")) {
            confirmed.add(Long.parseLong(line.substring(9)));
        }
    }

    static Process child(Path store, String uri, String mode) throws IOException {
        return child(store, uri, mode, "KURA");
    }

    static Process child(Path store, String uri, String mode, String format) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EndpointKillChild.class.getName(),
                store.toString(), uri, "GROUP_COMMIT", mode, format)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** SIGKILL by pid (Process.destroyForcibly would also close the pipe still being read). */
    static void kill(Process process) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
