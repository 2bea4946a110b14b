package dev.continuum.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxRecord;
import dev.continuum.outbox.OutboxSettings;
import dev.continuum.outbox.Outboxes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a child JVM that appends as fast as it can, reopens its store, and checks that every
 * append the child saw confirmed is there, in order per priority.
 */
class OutboxCrashTest {

    private static final int CONFIRMED_BEFORE_KILL = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DurabilityPolicy.class, names = {"GROUP_COMMIT", "SYNC_EACH"})
    void everyConfirmedAppendSurvivesKillingTheWriterProcess(DurabilityPolicy policy) throws Exception {
        Path file = dir.resolve("crash.mv");
        int target = policy == DurabilityPolicy.SYNC_EACH ? 500 : CONFIRMED_BEFORE_KILL;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), file.toString(),
                policy.name());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process child = builder.start();
        Set<Long> confirmed = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (confirmed.size() < target && (line = lines.readLine()) != null) {
                if (line.startsWith("accepted ")) {
                    confirmed.add(Long.parseLong(line.substring(9)));
                }
            }
            // SIGKILL by pid: Process.destroyForcibly() would also close the pipe we still read from.
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            // Confirmations printed before the kill but not read yet count too.
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("accepted ")) {
                    confirmed.add(Long.parseLong(line.substring(9)));
                }
            }
        }
        assertThat(confirmed).as("confirmations seen before the kill").hasSizeGreaterThanOrEqualTo(target);

        try (Outbox outbox = Outboxes.open(OutboxSettings.of("crash", file, "gw-crash", policy))) {
            Set<Long> stored = new HashSet<>();
            List<Long> previousPerPriority = new ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
            for (List<OutboxRecord> batch = outbox.next(10_000, 0); !batch.isEmpty(); batch = outbox.next(10_000, 0)) {
                for (OutboxRecord record : batch) {
                    long sequence = record.id().sequence();
                    assertThat(sequence).as("order within priority %d", record.priority())
                            .isGreaterThan(previousPerPriority.get(record.priority()));
                    previousPerPriority.set(record.priority(), sequence);
                    stored.add(sequence);
                }
            }
            Set<Long> lost = new HashSet<>(confirmed);
            lost.removeAll(stored);
            assertThat(lost).as("confirmed but lost after kill -9 (%d confirmed, %d stored)", confirmed.size(),
                    stored.size()).isEmpty();
        }
    }
}
