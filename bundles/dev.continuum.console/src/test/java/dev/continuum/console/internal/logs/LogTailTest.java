package dev.continuum.console.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsTheFileWithStackTracesInTheirEntryAndFiltersByLevel() throws IOException {
        Path file = dir.resolve("continuum.log");
        LogTail tail = new LogTail(file);
        tail.poll();
        assertThat(tail.since(0, LogLevel.TRACE, 10)).isEmpty();

        append(file, "2026-11-27 11:00:00,001 INFO  [main] dev.continuum.core - Continuum is running\n"
                + "2026-11-27 11:00:01,002 ERROR [worker-1] dev.continuum.opcua - lost the server\n"
                + "java.io.IOException: closed\n\tat x.y(Z.java:1)\n"
                + "2026-11-27 11:00:02,003 WARN  [wor");
        tail.poll();
        assertThat(tail.since(0, LogLevel.INFO, 10)).extracting(LogEntryLine::message)
                .containsExactly("Continuum is running", "lost the server\njava.io.IOException: closed\n\tat x.y(Z.java:1)");
        append(file, "ker-2] dev.continuum.cloud - slow broker\n");
        tail.poll();

        assertThat(tail.since(0, LogLevel.WARN, 10)).extracting(LogEntryLine::level)
                .containsExactly(LogLevel.ERROR, LogLevel.WARN);
        assertThat(tail.since(2, LogLevel.TRACE, 10)).singleElement().satisfies(e -> {
            assertThat(e.sequence()).isEqualTo(3);
            assertThat(e.thread()).isEqualTo("worker-2");
            assertThat(e.logger()).isEqualTo("dev.continuum.cloud");
        });
    }

    @Test
    void readsARotatedFileFromItsStart() throws IOException {
        Path file = dir.resolve("continuum.log");
        LogTail tail = new LogTail(file);
        append(file, "2026-11-27 11:00:00,001 INFO  [main] a - first of the old file, a long line to rotate\n");
        tail.poll();
        Files.delete(file);
        append(file, "2026-11-28 00:00:00,001 INFO  [main] a - new day\n");
        tail.poll();

        assertThat(tail.since(0, LogLevel.INFO, 10)).extracting(LogEntryLine::message).last().isEqualTo("new day");
        assertThat(tail.sequence()).isEqualTo(2);
    }

    @Test
    void anUnknownLevelIsRefusedNamingTheLevels() {
        assertThatThrownBy(() -> LogLevel.parse("loud")).hasMessageContaining("'loud'").hasMessageContaining("WARN");
        assertThat(LogLevel.parse("warn")).isEqualTo(LogLevel.WARN);
    }
}
