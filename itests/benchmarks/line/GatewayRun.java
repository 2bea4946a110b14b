package dev.continuum.itests.line;

import dev.continuum.itests.line.Children.Sampler;
import dev.continuum.itests.support.GatewayProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One gateway run of the benchmark: the gateway process on one data directory (and its replacement after a
 * kill), started with the profile's jvm.options ({@code gatewayHeap} replaces -Xmx), its /proc sampler
 * (which follows a restarted process) and its output.
 */
final class GatewayRun implements AutoCloseable {

    final Path dir;
    final Path hardware;
    final String gatewayId;
    final Workload workload;
    List<String> launcherArgs = List.of();
    GatewayProcess gateway;
    Sampler sampler;
    private final StringBuilder earlierOutput = new StringBuilder();
    private final String gatewayHeap;
    private boolean closed;

    GatewayRun(Path dir, Path hardware, Workload workload, String gatewayHeap) {
        this.dir = dir;
        this.hardware = hardware;
        this.workload = workload;
        this.gatewayHeap = gatewayHeap;
        this.gatewayId = workload.gatewayId();
    }

    void start() throws IOException {
        List<String> jvm = new ArrayList<>();
        // LINE_JVM_OPTIONS=FILE: another jvm.options than the simulator profile's (e.g. main's, for an A/B run).
        String optionsFile = System.getenv("LINE_JVM_OPTIONS");
        Path options = optionsFile != null && !optionsFile.isBlank() ? Path.of(optionsFile)
                : hardware.resolve(Workload.PROFILE).resolve("jvm.options");
        for (String line : Files.readAllLines(options)) {
            String option = line.trim();
            if (!option.isEmpty() && !option.startsWith("#")) {
                jvm.add(option.startsWith("-Xmx") && gatewayHeap != null ? "-Xmx" + gatewayHeap : option);
            }
        }
        jvm.add("-XX:+HeapDumpOnOutOfMemoryError");
        jvm.add("-XX:HeapDumpPath=" + dir);
        // Extra gateway JVM options for a run (e.g. a flight recording), space separated.
        String extra = System.getenv("LINE_GATEWAY_JVM");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        List<String> args = new ArrayList<>(List.of("--hardware-dir", hardware.toString(), "--profile",
                Workload.PROFILE, "--data", dir.resolve("data").toString()));
        args.addAll(launcherArgs);
        gateway = GatewayProcess.start(jvm, dir, args.toArray(String[]::new));
        if (sampler == null) {
            sampler = new Sampler(gateway.pid());
        } else {
            sampler.follow(gateway.pid());
        }
    }

    /** SIGKILL, then the same gateway again on the same data directory. */
    void killAndRestart() throws IOException {
        earlierOutput.append(gateway.output());
        sampler.leaving();
        gateway.close();
        try {
            gateway.waitFor(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        start();
    }

    String tail() {
        String out = gateway.output();
        return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    }

    /** The gateway's distinct ERROR log lines (time stripped), most frequent first, at most 3. */
    String errors() {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String line : (earlierOutput + gateway.output()).split("\n")) {
            if (line.contains(" ERROR ") || line.contains("OutOfMemoryError")) {
                String text = line.replaceFirst("^[0-9:.]+\\s+", "");
                counts.merge(text.length() > 200 ? text.substring(0, 200) : text, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .map(e -> e.getValue() + "x " + e.getKey()).reduce((a, b) -> a + " | " + b).orElse("");
    }

    long logCount(String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(earlierOutput + gateway.output());
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (gateway.isAlive()) {
                gateway.terminate(Duration.ofSeconds(30));
            }
        } catch (InterruptedException | AssertionError e) {
            gateway.close();
        }
        Files.writeString(dir.resolve("gateway-all.out"), earlierOutput + gateway.output(), StandardCharsets.UTF_8);
    }
}
