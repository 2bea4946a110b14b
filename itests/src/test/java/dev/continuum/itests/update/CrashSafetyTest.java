package dev.continuum.itests.update;

import dev.continuum.itests.support.KapuaClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.GatewayProcess;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of updates (issue 8): the gateway runs as operators run it (its own JVM, features core,
 * cloud-mqtt, update, remote), a management client asks it over a real Mosquitto (DEPLOY-V2) to update a
 * package of two bundles that always carry the same version, and the gateway is killed with SIGKILL at a
 * random moment of the update (download, verification, Deployment Admin, health window, commit). After each
 * restart the gateway must boot with every bundle active, and the two bundles and the package must be at
 * one version - the old or the new one, never a mix.
 *
 * <p>The suite runs {@value #DEFAULT_KILLS} kills; {@code itests/benchmarks/crash.sh N} runs N and prints the
 * tally (docs/benchmarks.md).
 */
class CrashSafetyTest {

    static final String KILLS = "continuum.crash.kills";
    private static final int DEFAULT_KILLS = 4;
    private static final String PACKAGE = UpdateFixtures.CRASHSET;
    private static final String[] SET = {PACKAGE + ".a", PACKAGE + ".b"};
    private static final Pattern BUNDLE = Pattern.compile(
            "<bundle><name>([^<]*)</name><version>([^<]*)</version><id>\\d+</id><state>([A-Z]+)</state></bundle>");
    private static final Pattern PACKAGE_VERSION = Pattern.compile(
            "<package><name>" + Pattern.quote(PACKAGE) + "</name><version>([^<]*)</version>");

    @TempDir
    Path work;

    @Test
    void killedAtAnyMomentOfAnUpdateTheGatewayBootsWithTheOldOrTheNewSetNeverAMix() throws Exception {
        int kills = Integer.getInteger(KILLS, DEFAULT_KILLS);
        Random random = new Random(Long.getLong("continuum.crash.seed", System.nanoTime()));
        Path packages = Files.createDirectories(work.resolve("packages"));
        for (int i = 1; i <= kills + 1; i++) {
            String version = "1." + i + ".0";
            Path bundles = work.resolve("bundles-" + i);
            UpdateFixtures.signPackage(packages.resolve("v" + i), PACKAGE, version,
                    UpdateFixtures.bundle(bundles, SET[0], version, null), UpdateFixtures.bundle(bundles, SET[1], version,
                            null));
        }
        Tally tally = new Tally();
        try (MosquittoBroker broker = MosquittoBroker.start(); FileServer server = new FileServer(packages)) {
            Path features = features(broker.uri());
            Path data = work.resolve("data");
            try (KapuaClient kapua = new KapuaClient(broker.uri(), "acme", "gw", "ops")) {
                long updateMillis;
                try (GatewayProcess gateway = boot(features, data, 0)) {
                    managed(kapua);
                    long begin = System.nanoTime();
                    update(kapua, server, packages, 1, 1);
                    awaitJob(kapua, 1);
                    updateMillis = (System.nanoTime() - begin) / 1_000_000;
                    assertThat(versions(kapua, gateway)).as("after the first install").isEqualTo(new VersionSet("1.1.0",
                            "1.1.0", "1.1.0"));
                    gateway.kill();
                }
                String current = "1.1.0";
                for (int i = 2; i <= kills + 1; i++) {
                    long delay = (long) (random.nextDouble() * updateMillis * 1.3);
                    try (GatewayProcess gateway = boot(features, data, i)) {
                        managed(kapua);
                        update(kapua, server, packages, i, i);
                        Thread.sleep(delay);
                        gateway.kill();
                    }
                    try (GatewayProcess gateway = boot(features, data, 100 + i)) {
                        VersionSet after = versions(kapua, gateway);
                        tally.record(i, delay, after, current, "1." + i + ".0");
                        current = after.consistent() ? after.dp() : current;
                        gateway.kill();
                    }
                }
                System.out.printf("crash safety: %d kills at 0-%d ms into an update (a full update took %d ms): %s%n",
                        kills, (long) (updateMillis * 1.3), updateMillis, tally);
            }
        }
        assertThat(tally.failures).as("kills that left no booting gateway or a mixed set: %s", tally).isEmpty();
    }

    /** Starts the gateway and waits until it runs with every bundle active. */
    private GatewayProcess boot(Path features, Path data, int run) {
        GatewayProcess gateway = GatewayProcess.start(work.resolve("run-" + run), "--features",
                "core,cloud-mqtt,update,remote,crash-test", "--features-dir", features.toString(), "--data", data.toString(),
                "--property", "org.osgi.service.http.port=" + Ports.free(), "--property", "org.apache.felix.http.host=127.0.0.1");
        Await.until(Duration.ofSeconds(120), "the gateway running (run " + run + ")", () -> {
            if (!gateway.isAlive()) {
                throw new AssertionError("the gateway exited (run " + run + "):\n" + gateway.output());
            }
            return gateway.output().contains("Continuum is running");
        });
        assertThat(gateway.output()).as("run %d", run).doesNotContain("bundles are not active");
        return gateway;
    }

    /** Waits until the gateway answers DEPLOY-V2 (its endpoint connected and subscribed), so that the timed
     * update request is not the one that waits for the connection. */
    private static void managed(KapuaClient kapua) throws Exception {
        assertThat(ask(kapua, "GET/packages", Map.of()).metrics()).containsEntry("response.code", 200);
    }

    private static void update(KapuaClient kapua, FileServer server, Path packages, int fixture, long job)
            throws Exception {
        String manifest = "v" + fixture + "/" + UpdateFixtures.manifest(packages, "v" + fixture).getFileName();
        String dp = manifest.replace(".update.json", "");
        // Once only (the gateway answers by now, see managed): a repeated download would be refused as busy.
        KuraPayload reply = kapua.request("DEPLOY-V2", "EXEC/download", Map.of("dp.uri", server.uri(dp), "dp.name", PACKAGE,
                "dp.version", "1." + fixture + ".0", "job.id", job, "dp.install", "true"));
        assertThat(reply.metrics()).as("download accepted").containsEntry("response.code", 200);
    }

    private static void awaitJob(KapuaClient kapua, long job) {
        Object status = Await.until(Duration.ofSeconds(120), "install job " + job, () -> kapua.notifications("install", job)
                .stream().map(n -> n.metric("dp.install.status")).filter(s -> "COMPLETED".equals(s) || "FAILED".equals(s))
                .findFirst().orElse(null));
        assertThat(status).as("install job %d", job).isEqualTo("COMPLETED");
    }

    /** The package's version and its two bundles' versions, once the agent has finished recovering. */
    private static VersionSet versions(KapuaClient kapua, GatewayProcess gateway) throws Exception {
        return Await.until(Duration.ofSeconds(60), "a settled version set", () -> {
            try {
                String packagesXml = body(ask(kapua, "GET/packages", Map.of()));
                String bundlesXml = body(ask(kapua, "GET/bundles", Map.of()));
                Map<String, String> versions = new TreeMap<>();
                Matcher bundles = BUNDLE.matcher(bundlesXml);
                while (bundles.find()) {
                    if (bundles.group(1).startsWith(PACKAGE + ".")) {
                        if (!bundles.group(3).equals("ACTIVE")) {
                            return null;
                        }
                        versions.put(bundles.group(1), bundles.group(2));
                    }
                }
                Matcher dp = PACKAGE_VERSION.matcher(packagesXml);
                return new VersionSet(dp.find() ? dp.group(1) : null, versions.get(SET[0]), versions.get(SET[1]));
            } catch (Exception e) {
                return null;
            }
        });
    }

    /** A request the gateway may not see yet (it is still connecting): asked again until it answers (2 min). */
    private static KuraPayload ask(KapuaClient kapua, String path, Map<String, Object> metrics) throws Exception {
        AssertionError last = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                return kapua.request("DEPLOY-V2", path, metrics, null, Duration.ofSeconds(3));
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    private static String body(KuraPayload reply) {
        return reply.body() == null ? "" : new String(reply.body(), StandardCharsets.UTF_8);
    }

    /** The built features plus one that points an MQTT endpoint at the test's broker. */
    private Path features(String brokerUri) throws IOException {
        Path repo = Paths.get(System.getProperty("continuum.repo.root", "..")).toAbsolutePath().normalize();
        Path dir = Files.createDirectories(work.resolve("features"));
        try (Stream<Path> files = Files.list(repo.resolve("features/target/features"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("crash-test.json"), """
                {"name": "crash-test", "description": "CrashSafetyTest: the management endpoint.", "bundles": [],
                 "configurations": {"dev.continuum.cloud.mqtt.endpoint~crash": {"name": "cloud",
                   "brokerUris:String[]": ["%s"], "clientId": "gw", "account": "acme",
                   "backoffInitialMillis:Long": 200}}}
                """.formatted(brokerUri));
        return dir;
    }

    /** The package's version (null: not installed) and its bundles' versions (null: not installed). */
    record VersionSet(String dp, String a, String b) {
        boolean consistent() {
            return dp == null ? a == null && b == null : dp.equals(a) && dp.equals(b);
        }
    }

    private static final class Tally {
        private int old;
        private int updated;
        private final List<String> failures = new ArrayList<>();

        void record(int run, long delay, VersionSet after, String before, String next) {
            if (after.consistent() && before.equals(after.dp())) {
                old++;
            } else if (after.consistent() && next.equals(after.dp())) {
                updated++;
            } else {
                failures.add("run " + run + " killed at " + delay + " ms: " + after);
            }
        }

        @Override
        public String toString() {
            return old + " kept the old set, " + updated + " the new set, " + failures.size() + " failed " + failures;
        }
    }
}
