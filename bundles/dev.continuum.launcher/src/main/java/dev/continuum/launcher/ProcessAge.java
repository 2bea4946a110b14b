package dev.continuum.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How long ago this process started, for the start-up time the launcher reports.
 *
 * <p>{@link ProcessHandle.Info#startInstant()} is off by up to a second on Linux: it adds the process's
 * start (clock ticks since boot) to the boot time from {@code /proc/stat}, which has whole seconds only.
 * On Linux this class compares the process's start with {@code /proc/uptime} instead: both count from boot,
 * so the result is exact to a clock tick (10 ms).
 */
final class ProcessAge {

    /** Clock ticks per second in {@code /proc}: USER_HZ, 100 on every Linux architecture the gateway runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessAge() {
    }

    /** Milliseconds since this process started, or -1 when the system cannot tell. */
    static long millis() {
        try {
            return fromProc(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII),
                    Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        }
    }

    /**
     * The age from the contents of {@code /proc/self/stat} (field 22: start time in clock ticks after boot)
     * and {@code /proc/uptime} (seconds since boot, two decimals).
     */
    static long fromProc(String stat, String uptime) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(fields[22 - 3]);
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        return Math.round(upSeconds * 1000 - startTicks * 1000 / TICKS_PER_SECOND);
    }
}
