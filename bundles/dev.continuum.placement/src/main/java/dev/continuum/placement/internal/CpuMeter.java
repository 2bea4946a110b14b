package dev.continuum.placement.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gateway's CPU load (0..1) from {@code /proc/stat}'s aggregate line, as the busy share of the time
 * since the previous sample (smoothed over about the measuring span); where there is no {@code /proc/stat},
 * the one-minute load average per processor. Called from one thread.
 */
final class CpuMeter {

    private static final Path STAT = Path.of("/proc/stat");

    private final double smoothing;
    private long lastBusy;
    private long lastTotal;
    private double load;

    CpuMeter(long tickMillis, long spanMillis) {
        this.smoothing = Math.min(1, (double) tickMillis / Math.max(tickMillis, spanMillis));
    }

    double sample() {
        long[] times = read();
        if (times == null) {
            double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            load = average < 0 ? 0 : Math.min(1, average / Runtime.getRuntime().availableProcessors());
            return load;
        }
        long busy = times[0];
        long total = times[1];
        if (lastTotal != 0 && total > lastTotal) {
            double now = (double) (busy - lastBusy) / (total - lastTotal);
            load = load + smoothing * (now - load);
        }
        lastBusy = busy;
        lastTotal = total;
        return load;
    }

    double load() {
        return load;
    }

    /** {busy, total} jiffies, or null. */
    private static long[] read() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            String[] fields = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
