package dev.continuum.itests.line;

import dev.continuum.itests.line.Children.Sampler;
import java.util.Locale;

/**
 * One measured run: what the checker saw during the measured phase (throughput, latency) and, after the
 * drain, the delivery check of this run's dedup identities. {@code lost} = sequence gaps minus the messages
 * the outbox refused with STORE_FAILURE (never confirmed, so never owed).
 */
record Result(String name, String kind, int tags, int updateMs, int offered, double throughput, long p50, long p99,
        long max, double cpu, long rssMb, long meanRssMb, String load, String fault, long unique, long gaps,
        long storeFailures, long duplicated, long reordered, long epochs, String notRun, String errors) {

    static Result of(String name, String kind, Workload w, String measured, String drained, String id, double cpu,
            Sampler sampler, String load, String fault, long storeFailures) {
        String latency = Children.object(measured, "latencyMs");
        String delivery = Children.object(drained, id);
        return new Result(name, kind, w.tags(), w.updateMs(), w.ratePerSecond(),
                Double.parseDouble(measured.replaceAll(".*\"throughputPerSecond\":([0-9.]+).*", "$1")),
                Children.number(latency, "p50"), Children.number(latency, "p99"), Children.number(latency, "max"), cpu,
                sampler.maxRssMb(), sampler.meanRssMb(), load, fault, Children.number(delivery, "unique"),
                Children.number(delivery, "lost"), storeFailures, Children.number(delivery, "duplicated"),
                Children.number(delivery, "reordered"), Children.number(delivery, "epochs"), null, "");
    }

    static Result notRun(String name, String reason) {
        return new Result("fault-" + name, "gateway", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Children.loadAverage(), name, 0, 0, 0,
                0, 0, 0, reason, "");
    }

    static Result failed(String name, String reason) {
        return new Result(name, "gateway", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Children.loadAverage(), "", 0, 0, 0, 0, 0, 0,
                "FAILED: " + reason, "");
    }

    Result withErrors(String gatewayErrors) {
        return new Result(name, kind, tags, updateMs, offered, throughput, p50, p99, max, cpu, rssMb, meanRssMb, load, fault,
                unique, gaps, storeFailures, duplicated, reordered, epochs, notRun, gatewayErrors);
    }

    /** The same result with {@code more} gaps (a second endpoint's). */
    Result plusLost(long more) {
        return new Result(name, kind, tags, updateMs, offered, throughput, p50, p99, max, cpu, rssMb, meanRssMb, load, fault,
                unique, gaps + more, storeFailures, duplicated, reordered, epochs, notRun, errors);
    }

    boolean failed() {
        return notRun != null && notRun.startsWith("FAILED");
    }

    long lost() {
        return Math.max(0, gaps - storeFailures);
    }

    /** Sustained: kept up with, and p99 <= 50 ms. */
    boolean sustained(int offeredRate) {
        return keepsUp(offeredRate) && p99 >= 0 && p99 <= 50;
    }

    /** Kept up with: the run delivered, nothing lost, and at least 90 % of the offered windows per second arrived. */
    boolean keepsUp(int offeredRate) {
        return !failed() && lost() == 0 && throughput >= 0.9 * offeredRate;
    }

    static final String TABLE_HEADER = "| run | offered/s | delivered/s | p50 / p99 / max ms | CPU % of a core | RSS MB |"
            + " lost / dup / reordered (epochs) | load | gateway errors |\n|---|---|---|---|---|---|---|---|---|\n";

    String markdownRow() {
        if (notRun != null) {
            return "| " + name + " | " + (failed() ? "" : "not run: ") + notRun + " | | | | | | " + load + " | |\n";
        }
        return String.format(Locale.ROOT, "| %s (%s%s) | %d | %.0f | %d / %d / %d | %.0f | %d | %d / %d / %d (%d) | %s | %s |%n",
                name, kind, fault.equals("none") || fault.startsWith("none:") ? "" : ": " + fault, offered, throughput,
                p50, p99, max, cpu, rssMb, lost(), duplicated, reordered, epochs, load, errors.replace("|", "/"));
    }

    String json() {
        if (notRun != null) {
            return "{\"name\": \"" + name + "\", \"run\": " + failed() + ", \"failed\": " + failed() + ", \"reason\": \""
                    + notRun.replace("\"", "'").replace("\\", "/") + "\", \"loadAverage\": \"" + load + "\"}";
        }
        return String.format(Locale.ROOT, "{\"name\": \"%s\", \"kind\": \"%s\", \"tags\": %d, \"updateMs\": %d,"
                + " \"offeredPerSecond\": %d, \"throughputPerSecond\": %.1f, \"latencyMs\": {\"p50\": %d, \"p99\": %d,"
                + " \"max\": %d}, \"cpuPercentOfOneCore\": %.1f, \"rssMbMax\": %d, \"rssMbMean\": %d,"
                + " \"loadAverage\": \"%s\", \"fault\": \"%s\", \"delivery\": {\"unique\": %d, \"gaps\": %d,"
                + " \"refusedByStore\": %d, \"lost\": %d, \"duplicated\": %d, \"reordered\": %d, \"epochs\": %d},"
                + " \"gatewayErrors\": \"%s\"}",
                name, kind, tags, updateMs, offered, throughput, p50, p99, max, cpu, rssMb, meanRssMb, load,
                fault.replace("\"", "'"), unique, gaps, storeFailures, lost(), duplicated, reordered, epochs,
                errors.replace("\\", "/").replace("\"", "'").replace("\t", " "));
    }
}
