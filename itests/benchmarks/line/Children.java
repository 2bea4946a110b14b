package dev.continuum.itests.line;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The harness's own child JVMs (checker, raw baseline) and /proc sampling of any process. */
final class Children {

    private Children() {
    }

    /** A Java main class of this harness in a JVM of its own, with this JVM's class path. */
    static Process java(Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (log != null) {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        return builder.start();
    }

    /** The checker process: commands on its stdin, one JSON line back per command. */
    static final class CheckerProcess implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        CheckerProcess(String clientId, String filter, String... brokerUris) throws IOException {
            List<String> args = new ArrayList<>(List.of(clientId, filter));
            args.addAll(List.of(brokerUris));
            process = java(null, List.of("-Xmx256m"), Checker.class.getName(), args.toArray(String[]::new));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        synchronized String ask(String command) throws IOException {
            in.println(command);
            String answer = out.readLine();
            if (answer == null) {
                throw new IOException("the checker process ended (exit " + process.exitValue() + ")");
            }
            return answer;
        }

        long received() throws IOException {
            return number(ask("count"), "received");
        }

        @Override
        public void close() {
            in.println("quit");
            process.destroyForcibly();
        }
    }

    static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no number '" + key + "' in " + json);
        }
        return (long) Double.parseDouble(m.group(1));
    }

    /** The object value of {@code key} (a flat {@code {...}}) in a JSON line, or "{}". */
    static String object(String json, String key) {
        int at = json.indexOf("\"" + key + "\":{");
        if (at < 0) {
            return "{}";
        }
        int start = json.indexOf('{', at);
        int end = json.indexOf('}', start);
        return json.substring(start, end + 1);
    }

    /** CPU time (ms) and RSS (kB) of a process from /proc; sampled once a second by {@link Sampler}. */
    static final class Sampler {
        private long pid;
        private long cpuCarriedMs;
        private long cpuStartMs;
        private long startNanos;
        private long maxRssKb;
        private long rssSum;
        private int rssCount;

        Sampler(long pid) {
            this.pid = pid;
        }

        void start() throws IOException {
            cpuCarriedMs = 0;
            cpuStartMs = cpuMs();
            startNanos = System.nanoTime();
            maxRssKb = 0;
            rssSum = 0;
            rssCount = 0;
        }

        void sample() {
            try {
                long rss = rssKb();
                maxRssKb = Math.max(maxRssKb, rss);
                rssSum += rss;
                rssCount++;
            } catch (IOException e) {
                // the process ended
            }
        }

        /** CPU % of one core since {@link #start()} (of every process followed since). */
        double cpuPercent() throws IOException {
            double elapsedMs = (System.nanoTime() - startNanos) / 1e6;
            return 100.0 * (cpuCarriedMs + cpuMs() - cpuStartMs) / elapsedMs;
        }

        /** Before the followed process is killed: keeps the CPU it used. */
        void leaving() {
            try {
                cpuCarriedMs += cpuMs() - cpuStartMs;
            } catch (IOException gone) {
                // already gone: its last second is not counted
            }
        }

        /** Follows a new process (a restarted gateway) from now on, keeping CPU and RSS figures. */
        void follow(long newPid) {
            pid = newPid;
            try {
                cpuStartMs = cpuMs();
            } catch (IOException e) {
                cpuStartMs = 0;
            }
        }

        long maxRssMb() {
            return maxRssKb / 1024;
        }

        long meanRssMb() {
            return rssCount == 0 ? 0 : rssSum / rssCount / 1024;
        }

        private long cpuMs() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11] = utime, fields[12] = stime (clock ticks, 100 per second on Linux)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }

        private long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        }
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
