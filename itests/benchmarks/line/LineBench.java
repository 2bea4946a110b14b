package dev.continuum.itests.line;

import dev.continuum.itests.line.Children.CheckerProcess;
import dev.continuum.itests.line.Children.Sampler;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MiloTestServer;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The standard line benchmark (issue 10): the gateway as a process on the standard workload beside a raw
 * baseline (RawLine) on the same simulator, broker and checker, a ramp to the highest sustained rate of
 * both, and fault scenarios; see {@code docs/benchmarks.md} ("Standard line") for what each figure means.
 *
 * <p>usage: {@code LineBench [--quick] [--mode line,ramp,faults] [--tags N] [--update-ms MS] [--seconds S]
 * [--faults a,b] [--out FILE] [--gateway-heap SIZE] [--training]}; the gateway runs with the simulator profile's
 * jvm.options ({@code --gateway-heap} replaces its -Xmx). {@code --training}: the line mode's gateway also
 * trains federatedly throughout (see {@link Training}).
 */
public final class LineBench {

    private final Options options;
    private final Path work;
    private final Path repo;
    private final MosquittoBroker broker;
    /** The second broker ("cloud") of the mec-then-cloud fault; the checker subscribes to both. */
    private final MosquittoBroker cloudBroker;
    private final CheckerProcess checker;
    private final int simPort = Ports.free();
    private MiloTestServer sim;
    private int simUpdateMs = -1;
    private int simTags = -1;
    private volatile GatewayRun current;
    private volatile Process currentRaw;

    record Options(boolean quick, List<String> modes, int tags, int updateMs, int seconds, List<String> faults,
            Path out, String gatewayHeap, boolean training, String mqtt, int warmup, boolean noRaw) {
        static Options parse(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            List<String> modes = quick ? List.of("line", "faults") : List.of("line", "ramp", "faults");
            int tags = quick ? 20 : 100;
            int updateMs = 10;
            int seconds = quick ? 10 : 30;
            List<String> faults = quick ? List.of("broker-restart+gateway-kill")
                    : List.of("broker-restart", "opcua-restart", "gateway-kill", "disk-full", "model-swap", "dp-update",
                            "mec-then-cloud");
            Path out = Paths.get("target/line-bench.json");
            String gatewayHeap = null;
            boolean training = false;
            String mqtt = "3.1.1";
            int warmup = -1;
            boolean noRaw = quick;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> { }
                    case "--mode" -> modes = List.of(args[++i].split(","));
                    case "--tags" -> tags = Integer.parseInt(args[++i]);
                    case "--update-ms" -> updateMs = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--faults" -> faults = List.of(args[++i].split(","));
                    case "--out" -> out = Paths.get(args[++i]);
                    case "--gateway-heap" -> gatewayHeap = args[++i];
                    case "--training" -> training = true;
                    case "--mqtt" -> mqtt = args[++i];
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--no-raw" -> noRaw = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; accepted: --quick,"
                            + " --mode line,ramp,faults, --tags N, --update-ms MS, --seconds S, --faults a,b, --out FILE, --gateway-heap SIZE, --training, --mqtt 3.1.1|5, --warmup S, --no-raw");
                }
            }
            if (training && !modes.contains("line")) {
                throw new IllegalArgumentException("--training applies to the line mode's gateway run; add line to --mode (got "
                        + String.join(",", modes) + ")");
            }
            if (!List.of("3.1.1", "5").contains(mqtt)) {
                throw new IllegalArgumentException("--mqtt " + mqtt + " is not supported; accepted: 3.1.1, 5");
            }
            return new Options(quick, modes, tags, updateMs, seconds, faults, out, gatewayHeap, training, mqtt, warmup,
                    noRaw);
        }
    }

    private LineBench(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("line-bench-");
        this.repo = Paths.get(System.getProperty("continuum.repo.root", ".")).toAbsolutePath().normalize();
        List<String> brokerConfig = System.getenv("LINE_BROKER_EXTRA") == null ? List.of()
                : List.of(System.getenv("LINE_BROKER_EXTRA").split(";"));
        this.broker = MosquittoBroker.start(brokerConfig);
        this.cloudBroker = MosquittoBroker.start(brokerConfig);
        this.checker = new CheckerProcess("line-checker", "continuum/#", broker.uri(), cloudBroker.uri());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LineBench bench = new LineBench(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::closeChildren, "line-bench-cleanup"));
        int exit;
        try {
            exit = bench.run();
        } finally {
            bench.close();
        }
        bench.removeWork(exit == 0);
        System.exit(exit);
    }

    /**
     * The run's directory (the gateways' data directories with their outbox files and bundle caches, hundreds of MB
     * after a ramp): removed after a run that lost nothing and had no failed gateway; kept and named otherwise, or
     * when LINE_KEEP_WORK is set.
     */
    private void removeWork(boolean clean) {
        if (!clean || System.getenv("LINE_KEEP_WORK") != null) {
            log("the run's directory is kept: " + work);
            return;
        }
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log("could not remove the run's directory " + work + ": " + e);
        }
    }

    private int run() throws Exception {
        List<String> sections = new ArrayList<>();
        StringBuilder table = new StringBuilder(Result.TABLE_HEADER);
        String machine = Machine.describe();
        sections.add("\"machine\": " + machine);
        sections.add("\"quick\": " + options.quick());
        sections.add("\"gatewayMqtt\": \"" + options.mqtt() + "\"");
        sections.add("\"warmupSeconds\": " + options.warmup());
        long lostTotal = 0;
        int failedRuns = 0;
        Training training = options.training() ? new Training(work.resolve("line-federated-identity")) : null;
        Fault lineFault = training == null ? Fault.NONE : training;
        Workload standard = workload("line", options.tags(), options.updateMs(), "", lineFault);
        if (options.modes().contains("line")) {
            Result gateway = runGateway("line", standard, options.seconds(), lineFault);
            String trained = training == null ? "" : ", \"training\": " + training.json();
            lostTotal += gateway.lost();
            failedRuns += gateway.failed() ? 1 : 0;
            table.append(gateway.markdownRow());
            if (options.noRaw()) {
                sections.add("\"line\": {\"gateway\": " + gateway.json() + trained + "}");
            } else {
                Result raw = runRaw("raw", standard, options.seconds());
                lostTotal += raw.lost();
                table.append(raw.markdownRow());
                sections.add("\"line\": {\"gateway\": " + gateway.json() + ", \"raw\": " + raw.json()
                        + ", \"ratios\": " + ratios(gateway, raw) + trained + "}");
            }
        }
        if (options.modes().contains("ramp")) {
            sections.add("\"ramp\": " + ramp(table));
        }
        if (options.modes().contains("faults")) {
            List<String> faults = new ArrayList<>();
            if (table.length() > Result.TABLE_HEADER.length()) {
                table.append("\nFaults:\n\n").append(Result.TABLE_HEADER);
            }
            for (String name : options.faults()) {
                Fault fault = Fault.named(name);
                Result result = fault.supported(this) == null
                        ? runGateway("fault-" + name, workload("fault-" + name, options.tags(), options.updateMs(),
                                fault.storeDirectory(this, work.resolve("fault-" + name)), fault),
                                options.seconds(), fault)
                        : Result.notRun(name, fault.supported(this));
                lostTotal += result.lost();
                failedRuns += result.failed() ? 1 : 0;
                faults.add(result.json());
                table.append(result.markdownRow());
            }
            sections.add("\"faults\": [\n    " + String.join(",\n    ", faults) + "]");
        }
        sections.add("\"lostTotal\": " + lostTotal);
        sections.add("\"failedRuns\": " + failedRuns);
        String json = "{\n  " + String.join(",\n  ", sections) + "\n}\n";
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), json, StandardCharsets.UTF_8);
        Path markdown = Paths.get(options.out() + ".md");
        Files.writeString(markdown, "Machine: " + machine + "\n\n" + table, StandardCharsets.UTF_8);
        System.out.println(json);
        System.out.println(table);
        System.out.println("line-bench: wrote " + options.out().toAbsolutePath() + (lostTotal == 0
                ? "; nothing confirmed was lost" : "; LOST " + lostTotal + " confirmed messages")
                + (failedRuns == 0 ? "" : "; " + failedRuns + " gateway runs FAILED (see the table)"));
        return lostTotal == 0 && failedRuns == 0 ? 0 : 1;
    }

    private Workload workload(String name, int tags, int updateMs, String storeDirectory) {
        return workload(name, tags, updateMs, storeDirectory, Fault.NONE);
    }

    private Workload workload(String name, int tags, int updateMs, String storeDirectory, Fault fault) {
        return new Workload(tags, updateMs, "opc.tcp://localhost:" + simPort + "/continuum-sim", broker.uri(),
                "gw-" + name.replaceAll("[^A-Za-z0-9-]", "-"), storeDirectory, Ports.free(), Ports.free(),
                fault.needsConsole(), fault.needsCloudBroker() ? cloudBroker.uri() : "",
                fault instanceof Training training ? training : null, options.mqtt());
    }

    /**
     * Raises the per-tag rate from 10 Hz while either side still delivers >= 90 % of the offered windows with
     * nothing lost; "sustained" additionally needs p99 <= 50 ms. Reports the highest rate of both kinds, each
     * counted up to the side's first step that missed it (a later step that happens to pass does not count).
     * The steps are finer from the standard line's 100 Hz up (100 tags: 7,143, 10,000, 12,500, 16,667, 20,000/s),
     * so a ratio of the two sides is not rounded to the next coarse step (it was 0.5 or 1.0, nothing between).
     */
    private String ramp(StringBuilder table) throws Exception {
        int[] periods = {100, 50, 20, 14, 10, 8, 6, 5, 4, 2, 1};
        List<String> steps = new ArrayList<>();
        int[] sustained = new int[2];
        int[] delivered = new int[2];
        boolean[] missed = new boolean[2];
        boolean[] done = {false, options.noRaw()};
        int seconds = Math.max(10, options.seconds() / 2);
        for (int period : periods) {
            Workload w = workload("ramp-" + period + "ms", options.tags(), period, "");
            for (int side = 0; side < 2; side++) {
                if (done[side]) {
                    continue;
                }
                Result r = side == 0 ? runGateway("ramp-" + period + "ms", w, seconds, Fault.NONE)
                        : runRaw("ramp-raw-" + period + "ms", w, seconds);
                steps.add(r.json());
                table.append(r.markdownRow());
                if (!missed[side] && r.sustained(w.ratePerSecond())) {
                    sustained[side] = w.ratePerSecond();
                } else {
                    missed[side] = true;
                }
                if (r.keepsUp(w.ratePerSecond())) {
                    delivered[side] = w.ratePerSecond();
                } else {
                    done[side] = true;
                }
            }
            if (done[0] && done[1]) {
                break;
            }
        }
        table.append("\nRamp: highest rate sustained (nothing lost, >= 90 % of the offered windows delivered, p99 <= 50 ms):"
                + " gateway ").append(sustained[0]).append("/s, raw ").append(sustained[1])
                .append("/s; highest rate kept up with (the same without the latency bound): gateway ").append(delivered[0])
                .append("/s, raw ").append(delivered[1]).append("/s.\n");
        return "{\"highestSustainedGateway\": " + sustained[0] + ", \"highestSustainedRaw\": " + sustained[1]
                + ", \"highestKeptUpGateway\": " + delivered[0] + ", \"highestKeptUpRaw\": " + delivered[1]
                + ", \"ratioKeptUp\": " + (delivered[1] == 0 ? "null"
                        : String.format(Locale.ROOT, "%.2f", (double) delivered[0] / delivered[1]))
                + ", \"steps\": [\n    " + String.join(",\n    ", steps) + "]}";
    }

    private static String ratios(Result gateway, Result raw) {
        return String.format(Locale.ROOT, "{\"throughput\": %.2f, \"p50\": %.2f, \"p99\": %.2f, \"cpu\": %.2f, \"rss\": %.2f}",
                gateway.throughput() / Math.max(1e-9, raw.throughput()),
                (double) gateway.p50() / Math.max(1, raw.p50()), (double) gateway.p99() / Math.max(1, raw.p99()),
                gateway.cpu() / Math.max(1e-9, raw.cpu()), (double) gateway.rssMb() / Math.max(1, raw.rssMb()));
    }

    /** Starts (or restarts with other settings) the simulation server. */
    void ensureSim(int tags, int updateMs) throws Exception {
        if (sim != null && simUpdateMs == updateMs && simTags == tags) {
            return;
        }
        if (sim != null) {
            sim.kill();
        }
        sim = MiloTestServer.create(simPort, work.resolve("sim-pki"), "--policies=None", "--machines=0",
                "--tags=" + tags, "--update-ms=" + updateMs).start();
        simUpdateMs = updateMs;
        simTags = tags;
        log("simulation server ready: " + tags + " tags every " + updateMs + " ms");
    }

    void stopSim() throws InterruptedException {
        if (sim != null) {
            sim.kill();
            sim = null;
        }
    }

    MiloTestServer sim() {
        return sim;
    }

    MosquittoBroker broker() {
        return broker;
    }

    Path repo() {
        return repo;
    }

    /** One gateway run: start, wait for data, warm up, measure {@code seconds} (with the fault), drain, stop. */
    /** Seconds from the first result to the measured phase: --warmup, else a fifth of the phase (at least 2). */
    private int warmup(int seconds) {
        return options.warmup() >= 0 ? options.warmup() : Math.max(2, seconds / 5);
    }

    Result runGateway(String name, Workload w, int seconds, Fault fault) throws Exception {
        try {
            return gatewayRun(name, w, seconds, fault);
        } catch (IllegalStateException | IOException e) {
            log(name + ": FAILED: " + e.getMessage());
            return Result.failed(name, String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " ("
                    + fault.describe() + ")");
        }
    }

    private Result gatewayRun(String name, Workload w, int seconds, Fault fault) throws Exception {
        ensureSim(w.tags(), w.updateMs());
        Path dir = work.resolve(name);
        Path hardware = w.writeProfile(dir.resolve("hardware"), repo.resolve("hardware"));
        GatewayRun run = new GatewayRun(dir, hardware, w, options.gatewayHeap());
        run.launcherArgs = fault.launcherArgs(this, dir);
        current = run;
        try {
            run.start();
            String id = w.gatewayId();
            log(name + ": gateway started (" + w.tags() + " tags every " + w.updateMs() + " ms)");
            awaitData(id, Duration.ofSeconds(180), run);
            log(name + ": first results arrived");
            Await.pause(Duration.ofSeconds(warmup(seconds)));
            fault.ready(this, run);
            checker.ask("phase " + name);
            run.sampler.start();
            String load = Children.loadAverage();
            fault.before(this, run);
            for (int s = 0; s < seconds; s++) {
                Await.pause(Duration.ofSeconds(1));
                run.sampler.sample();
                fault.at(this, run, s, seconds);
            }
            double cpu = run.sampler.cpuPercent();
            String measured = checker.ask("report");
            fault.after(this, run);
            stopSim();
            log(name + ": measured, draining");
            String drained = drain(id);
            log(name + ": drained");
            long storeFailures = run.logCount("could not store (\\d+) messages");
            run.close();
            String cloud = w.cloudBrokerUri().isEmpty() ? "" : Children.object(drained, id + "-cloud");
            String description = fault.describe() + (cloud.isEmpty() ? ""
                    : "; via the cloud endpoint " + (cloud.equals("{}") ? "nothing" : cloud.replace('"', '\'')));
            long cloudLost = cloud.isEmpty() || cloud.equals("{}") ? 0 : Children.number(cloud, "lost");
            return Result.of(name, "gateway", w, measured, drained, id, cpu, run.sampler, load, description,
                    storeFailures).withErrors(run.errors()).plusLost(cloudLost);
        } finally {
            run.close();
        }
    }

    /** The raw baseline on the same workload: no drain beyond the broker's. */
    Result runRaw(String name, Workload w, int seconds) throws Exception {
        ensureSim(w.tags(), w.updateMs());
        String id = "raw-" + name;
        Path model = repo.resolve("bundles/dev.continuum.inference/target/classes/models/" + Workload.MODEL + "/1.0.0");
        Process raw = Children.java(work.resolve(name + ".log"), List.of("-Xmx256m"), RawLine.class.getName(),
                w.endpointUrl(), Integer.toString(w.tags()), Integer.toString(w.updateMs()), broker.uri(),
                "continuum/" + id + "/bench/line", model.toString(), id);
        currentRaw = raw;
        try {
            log(name + ": raw baseline started");
            awaitData(id, Duration.ofSeconds(90), null);
            log(name + ": first results arrived");
            Await.pause(Duration.ofSeconds(warmup(seconds)));
            checker.ask("phase " + name);
            Sampler sampler = new Sampler(raw.pid());
            sampler.start();
            String load = Children.loadAverage();
            for (int s = 0; s < seconds; s++) {
                Await.pause(Duration.ofSeconds(1));
                sampler.sample();
            }
            double cpu = sampler.cpuPercent();
            String measured = checker.ask("report");
            stopSim();
            String drained = drain(id);
            return Result.of(name, "raw", w, measured, drained, id, cpu, sampler, load, "none", 0);
        } finally {
            raw.destroyForcibly().waitFor();
        }
    }

    private void awaitData(String id, Duration timeout, GatewayRun run) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(checker.ask("report"), id, "scored") == 0) {
            if (System.nanoTime() > deadline || (run != null && !run.gateway.isAlive())) {
                throw new IllegalStateException("no data from " + id + " within " + timeout
                        + (run != null && !run.gateway.isAlive() ? " (the gateway process exited)" : "")
                        + (run == null ? "" : "; gateway output:\n" + run.tail()));
            }
            Await.pause(Duration.ofMillis(500));
        }
    }

    /** Waits until the count from {@code id} grows by at most 2 a second (the flow aggregates) for 3 s. */
    private String drain(String id) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long previous = unique(checker.ask("report"), id);
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            Await.pause(Duration.ofSeconds(1));
            long now = unique(checker.ask("report"), id);
            quiet = now - previous <= 2 ? quiet + 1 : 0;
            previous = now;
        }
        return checker.ask("report");
    }

    /** Waits until the checker has seen {@code epochs} outbox epochs of the run's gateway (a restart delivered). */
    void awaitEpochs(GatewayRun run, int epochs, Duration timeout) throws IOException {
        String id = run.gatewayId;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String gateway = Children.object(checker.ask("report"), id);
            if (!gateway.equals("{}") && Children.number(gateway, "epochs") >= epochs) {
                return;
            }
            if (System.nanoTime() > deadline || !run.gateway.isAlive()) {
                throw new IllegalStateException("the restarted gateway delivered nothing within " + timeout
                        + (run.gateway.isAlive() ? "" : " (the gateway process exited)") + "; its output:\n" + run.tail());
            }
            Await.pause(Duration.ofMillis(500));
        }
    }

    static long unique(String report, String id) {
        return count(report, id, "unique");
    }

    static long count(String report, String id, String key) {
        String gateway = Children.object(report, id);
        return gateway.equals("{}") ? 0 : Children.number(gateway, key);
    }

    /** On Ctrl-C / SIGTERM: the gateway, raw baseline and the rest go with the harness. */
    private void closeChildren() {
        GatewayRun run = current;
        if (run != null && run.gateway != null) {
            run.gateway.close();
        }
        Process raw = currentRaw;
        if (raw != null) {
            raw.destroyForcibly();
        }
        close();
    }

    private void close() {
        checker.close();
        broker.close();
        cloudBroker.close();
        Fault.MOUNTS.forEach(Mounts::unmount);
        Fault.MOUNTS.clear();
        try {
            stopSim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String message) {
        System.err.println(Instant.now() + " line-bench: " + message);
    }

    static String now() {
        return Instant.now().toString();
    }
}
