package dev.continuum.itests.line;

import dev.continuum.itests.support.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fault injected into a gateway run of the standard line. {@link #at} is called once a second of the
 * measured phase; the fault fires a third of the way in (disk-full: fills from a quarter to three quarters).
 */
abstract class Fault {

    /** tmpfs mounts made for disk-full, unmounted when the harness ends. */
    static final List<Path> MOUNTS = new ArrayList<>();

    static final Fault NONE = new Fault("none", "no fault") { };

    private final String name;
    private final String description;

    Fault(String name, String description) {
        this.name = name;
        this.description = description;
    }

    String describe() {
        return name + ": " + description;
    }

    /** More launcher arguments for this fault's gateway (e.g. another features directory). */
    List<String> launcherArgs(LineBench bench, Path runDir) throws IOException {
        return List.of();
    }

    /** Whether the run needs the console (REST API). */
    boolean needsConsole() {
        return false;
    }

    /** Whether the run publishes through mec-then-cloud to a second broker. */
    boolean needsCloudBroker() {
        return false;
    }

    /** Null when the fault can run here, else why not. */
    String supported(LineBench bench) {
        return null;
    }

    /** The outbox's directory for this fault's run ("" = the data directory's). */
    String storeDirectory(LineBench bench, Path runDir) throws IOException {
        return "";
    }

    /** After the warm-up, before the measured phase starts (the checker's phase, the samplers). */
    void ready(LineBench bench, GatewayRun run) throws Exception {
    }

    void before(LineBench bench, GatewayRun run) throws Exception {
    }

    /** Once a second of the measured phase; by default {@link #fire} a third of the way in. */
    void at(LineBench bench, GatewayRun run, int second, int seconds) throws Exception {
        if (second == seconds / 3) {
            fire(bench, run);
        }
    }

    void fire(LineBench bench, GatewayRun run) throws Exception {
    }

    /** After the measured phase, before the tags stop and the drain starts. */
    void after(LineBench bench, GatewayRun run) throws Exception {
    }

    /** One fault, or several joined with '+' fired one after another (the i-th of n at (i+1)/(n+1) of the run). */
    static Fault named(String name) {
        if (name.contains("+")) {
            List<Fault> parts = new ArrayList<>();
            for (String part : name.split("\\+")) {
                parts.add(named(part));
            }
            return new Composite(name, parts);
        }
        return single(name);
    }

    /** Several faults in one run. */
    private static final class Composite extends Fault {
        private final List<Fault> parts;

        Composite(String name, List<Fault> parts) {
            super(name, String.join("; then ", parts.stream().map(Fault::describe).toList()));
            this.parts = parts;
        }

        @Override
        String describe() {
            return super.describe().substring(super.describe().indexOf(": ") + 2);
        }

        @Override
        String supported(LineBench bench) {
            for (Fault part : parts) {
                if (part.supported(bench) != null) {
                    return part.supported(bench);
                }
            }
            return null;
        }

        @Override
        void at(LineBench bench, GatewayRun run, int second, int seconds) throws Exception {
            for (int i = 0; i < parts.size(); i++) {
                if (second == (i + 1) * seconds / (parts.size() + 1)) {
                    parts.get(i).fire(bench, run);
                }
            }
        }

        @Override
        void after(LineBench bench, GatewayRun run) throws Exception {
            for (Fault part : parts) {
                part.after(bench, run);
            }
        }
    }

    /**
     * The outbox's file system fills up: the outbox lives on a 16 MiB tmpfs and the broker is paused (SIGSTOP)
     * from 1/4 to 3/4 of the run, so that the backlog and MVStore's own chunk churn fill it. Afterwards the
     * file system is grown to 256 MiB (space freed) and the gateway restarted on the same data, so that
     * whatever the outbox had confirmed before the disk filled must still arrive.
     */
    private static final class DiskFull extends Fault {
        private Path fs;

        DiskFull() {
            super("disk-full", "the outbox on a 16 MiB tmpfs, the broker paused from 1/4 to 3/4 of the run; then"
                    + " the file system grown to 256 MiB and the gateway restarted (kill -9) on the same data");
        }

        @Override
        String supported(LineBench bench) {
            return Mounts.canMount() ? null : "needs root to mount a small tmpfs for the outbox (not root here)";
        }

        @Override
        String storeDirectory(LineBench bench, Path runDir) throws IOException {
            fs = runDir.resolve("outbox-fs");
            Files.createDirectories(fs);
            Mounts.tmpfs(fs, "16m");
            MOUNTS.add(fs);
            return fs.toString();
        }

        @Override
        void at(LineBench bench, GatewayRun run, int second, int seconds) {
            if (second == seconds / 4) {
                bench.broker().pause();
            } else if (second == seconds * 3 / 4) {
                bench.broker().resume();
            }
        }

        @Override
        void after(LineBench bench, GatewayRun run) throws Exception {
            Mounts.resize(fs, "256m");
            run.killAndRestart();
            bench.awaitEpochs(run, 2, Duration.ofSeconds(180));
        }
    }

    /**
     * The GPIO driver updated as a deployment package while the line runs. Deployment Admin only updates
     * bundles it installed, so this run's gpio feature leaves the driver bundle out and the built package is
     * installed first (before the measured phase starts); then copies with raised package and bundle
     * versions are installed through {@code POST /api/v1/packages} at 1/3 and 2/3 of the run.
     */
    private static final class DpUpdate extends Fault {
        private final List<String> replies = java.util.Collections.synchronizedList(new ArrayList<>());
        private Rest rest;
        private byte[] dp;
        private Thread installing;
        private int updates;

        DpUpdate() {
            super("dp-update", "the GPIO driver (installed as its signed deployment package first) updated to new"
                    + " signed versions through POST /api/v1/packages (update agent, health gate) at 1/3 and 2/3 of the run");
        }

        @Override
        boolean needsConsole() {
            return true;
        }

        @Override
        List<String> launcherArgs(LineBench bench, Path runDir) throws IOException {
            Path features = bench.repo().resolve("features/target/features");
            return List.of("--features-dir", Packages.featuresWithoutGpioDriver(features, runDir.resolve("features"))
                    .toString());
        }

        @Override
        String describe() {
            return super.describe() + (replies.isEmpty() ? "" : "; " + String.join(", ", replies));
        }

        @Override
        void before(LineBench bench, GatewayRun run) throws Exception {
            // the built package targets the shipped profiles, not bench-line: sign its bundle again for any profile
            dp = Files.readAllBytes(Packages.gpioPackage(bench.repo()));
            rest = Rest.admin(run.workload.httpPort(), run.dir.resolve("data"), Duration.ofSeconds(120));
            byte[][] first = Packages.signedVersion(bench.repo(), dp, "0.1.1", run.dir.resolve("packages"));
            install("install 0.1.1", first[0], first[1]);
        }

        @Override
        void at(LineBench bench, GatewayRun run, int second, int seconds) throws Exception {
            if (second == seconds / 3 || second == 2 * seconds / 3) {
                updates++;
                String version = "0.1." + (updates + 1);
                byte[][] signed = Packages.signedVersion(bench.repo(), dp, version, run.dir.resolve("packages"));
                join();
                // the agent's health gate takes a while: install beside the measuring loop
                installing = new Thread(() -> install("update to " + version, signed[0], signed[1]), "dp-update");
                installing.start();
            }
        }

        @Override
        void after(LineBench bench, GatewayRun run) throws Exception {
            join();
        }

        private void join() throws InterruptedException {
            if (installing != null) {
                installing.join(300_000);
            }
        }

        private void install(String what, byte[] manifest, byte[] bytes) {
            try {
                var reply = rest.postPackage(manifest, bytes);
                replies.add(what + ": " + reply.statusCode() + (reply.statusCode() == 200 ? ""
                        : " " + reply.body().replace('"', '\'')));
            } catch (Exception e) {
                replies.add(what + ": " + e);
            }
        }
    }

    /** A new version of the active model installed through REST every 10 s (same weights, new version). */
    private static final class ModelSwap extends Fault {
        private final List<String> jobs = new ArrayList<>();
        private Rest rest;
        private String modelBase64;
        private String manifest;
        private String outcome = "";

        ModelSwap() {
            super("model-swap", "a new version of " + Workload.MODEL + " (same weights) installed through"
                    + " POST /api/v1/models every 10 s");
        }

        @Override
        boolean needsConsole() {
            return true;
        }

        @Override
        String describe() {
            return super.describe() + outcome;
        }

        @Override
        void before(LineBench bench, GatewayRun run) throws Exception {
            Path model = bench.repo().resolve("bundles/dev.continuum.inference/target/classes/models/" + Workload.MODEL
                    + "/1.0.0");
            modelBase64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(model.resolve("model.onnx")));
            manifest = Files.readString(model.resolve("manifest.json"));
            rest = Rest.admin(run.workload.httpPort(), run.dir.resolve("data"), Duration.ofSeconds(120));
        }

        @Override
        void at(LineBench bench, GatewayRun run, int second, int seconds) throws Exception {
            if (second % 10 == 5) {
                String version = "1.0." + (jobs.size() + 1) + "-" + System.currentTimeMillis();
                String body = "{\"model\": \"" + modelBase64 + "\", \"manifest\": "
                        + Rest.quote(manifest.replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\"")) + "}";
                var reply = rest.call("POST", "/models", body);
                if (reply.statusCode() != 202) {
                    throw new IllegalStateException("POST /models answered " + reply.statusCode() + ": " + reply.body());
                }
                jobs.add(Rest.field(reply.body(), "id"));
            }
        }

        @Override
        void after(LineBench bench, GatewayRun run) throws Exception {
            java.util.Map<String, Integer> states = new java.util.TreeMap<>();
            for (String job : jobs) {
                String state = "RUNNING";
                for (int i = 0; i < 60 && state.equals("RUNNING"); i++) {
                    state = Rest.field(rest.call("GET", "/jobs/" + job, null).body(), "state");
                    if (state.equals("RUNNING")) {
                        Await.pause(Duration.ofMillis(500));
                    }
                }
                states.merge(state, 1, Integer::sum);
            }
            outcome = "; " + jobs.size() + " installs: " + states;
        }
    }

    private static Fault single(String name) {
        return switch (name) {
            case "broker-restart" -> new Fault(name, "Mosquitto stopped (SIGTERM, it saves its persistence) for 3 s,"
                    + " then started on the same port") {
                @Override
                void fire(LineBench bench, GatewayRun run) {
                    bench.broker().stop();
                    Await.pause(Duration.ofSeconds(3));
                    bench.broker().restart();
                }
            };
            case "opcua-restart" -> new Fault(name, "the simulation server killed (SIGKILL) and started again after 3 s") {
                @Override
                void fire(LineBench bench, GatewayRun run) throws Exception {
                    bench.sim().kill();
                    Await.pause(Duration.ofSeconds(3));
                    bench.sim().start();
                }
            };
            case "gateway-kill" -> new Fault(name, "the gateway killed (SIGKILL) and started again on the same data") {
                @Override
                void fire(LineBench bench, GatewayRun run) throws Exception {
                    run.killAndRestart();
                }

                @Override
                void after(LineBench bench, GatewayRun run) throws Exception {
                    bench.awaitEpochs(run, 2, Duration.ofSeconds(180));
                }
            };
            case "disk-full" -> new DiskFull();
            case "model-swap" -> new ModelSwap();
            case "dp-update" -> new DpUpdate();
            case "mec-then-cloud" -> new Fault(name, "every publish through the route mec-then-cloud (FAILOVER after"
                    + " 2 s, back after 3 s healthy); the MEC broker stopped (SIGTERM) for 10 s, then started again") {
                @Override
                boolean needsCloudBroker() {
                    return true;
                }

                @Override
                void fire(LineBench bench, GatewayRun run) {
                    bench.broker().stop();
                    Await.pause(Duration.ofSeconds(10));
                    bench.broker().restart();
                }
            };
            default -> throw new IllegalArgumentException("unknown fault '" + name + "'; accepted: broker-restart,"
                    + " opcua-restart, gateway-kill, disk-full, model-swap, dp-update, mec-then-cloud");
        };
    }
}
