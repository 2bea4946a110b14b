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

    /** {collections, milliseconds} of every garbage collector so far. */
    static long[] gc() {
        long collections = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean bean
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {collections, millis};
    }

    static long[] minus(long[] after, long[] before) {
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /** The element-wise sum of the first {@code count} pairs. */
    static long[] sum(long[][] pairs, int count) {
        long[] sum = new long[2];
        for (int i = 0; i < count; i++) {
            sum[0] += pairs[i][0];
            sum[1] += pairs[i][1];
        }
        return sum;
    }

    /** The JVM's heap flags and collector, e.g. {@code -Xms1g -Xmx1g, G1}. */
    static String heapSettings() {
        String flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:+Use") || a.startsWith("-XX:+AlwaysPreTouch"))
                .collect(java.util.stream.Collectors.joining(" "));
        String collectors = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining("/"));
        return (flags.isEmpty() ? "default heap" : flags) + ", " + collectors;
    }

    /** Bytes the live thread named {@code name} has allocated on the heap so far (HotSpot). */
    static long allocatedBytes(String name) {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(thread(name).getId());
    }

    /** CPU time the live thread named {@code name} has used so far, in nanoseconds. */
    static long cpuNanos(String name) {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread(name).getId());
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name));
    }

    /**
     * The JVM's own committed native memory (heap, metaspace, code cache, threads, GC, ...) by Native Memory
     * Tracking, in MB; NaN when the JVM runs without {@code -XX:NativeMemoryTracking}.
     */
    static double nmtCommittedMegabytes() {
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                .matcher(nmt("summary"));
        return total.find() ? Long.parseLong(total.group(1)) / 1024.0 : Double.NaN;
    }

    /** The output of {@code jcmd PID VM.native_memory COMMAND scale=KB}, or why there is none. */
    static String nmt(String command) {
        try {
            return (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {command, "scale=KB"}}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException e) {
            return "no native memory tracking: " + e.getMessage();
        }
    }
}
