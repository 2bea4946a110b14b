package dev.continuum.itests.inference;

import java.util.Arrays;

/** Percentiles of recorded durations (nanoseconds), for the benchmark. */
final class Stats {

    private Stats() {
    }

    static double percentileMicros(long[] nanos, int count, double percentile) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
        return sorted[Math.max(index, 0)] / 1000.0;
    }

    /** Committed Java heap, in MB. */
    static double committedHeapMegabytes() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()
                / (1024.0 * 1024.0);
    }

    /** Resident set size of this process from /proc, in MB (Linux). */
    static double rssMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
