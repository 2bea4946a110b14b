package dev.continuum.itests.placement;

import static dev.continuum.itests.placement.Setup.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.DelayProxy;
import dev.continuum.itests.support.GatewayProcess;
import dev.continuum.itests.support.KapuaClient;
import dev.continuum.itests.support.KuraEndpoint;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The continuum with both remote placements: a MEC broker and a cloud broker (two real Mosquittos), each
 * behind its own delaying link, and one remote inference service process connected to both (an MQTT
 * endpoint per broker). The workload (60 ms p99 budget, raw data stays on site, LOCAL,MEC,CLOUD) runs at
 * the MEC while the gateway's CPU is saturated and the cloud is too far; the MEC link is then cut (the
 * broker stops answering) and, with no remote placement eligible, the workload falls back local within its
 * budget; once the cloud link meets the budget it moves to the cloud. A remote request is given up after
 * 45 ms and re-scored locally, so even the windows caught by the cut meet the budget. No window is lost; only features
 * cross either broker. Then an operator reads and pins the workload over {@code PLACEMENT-V1} through the
 * cloud broker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwoBrokerPlacementIT {

    private static final double BUDGET_MS = 60;
    private static final int WINDOW = 16;
    private static final String INFER_TOPIC = "$EDC/continuum/continuum-inference/INFER-V1/EXEC/infer/";
    private static final String GRAPH = """
            {"components": [
               {"name": "rig", "type": "rig-source"},
               {"name": "score", "type": "placed-inference", "config": {"model": "vibration-anomaly",
                 "channels": "rig/vibration, rig/temperature", "latency.p99.ms": 60, "privacy": "RAW_STAYS_ON_SITE",
                 "remote.model": "vibration-features", "placements": "LOCAL,MEC,CLOUD", "start": "MEC",
                 "breach.ms": 500, "remote.timeout.ms": 45}},
               {"name": "sink", "type": "rig-sink"}],
             "wires": [{"emitter": "rig", "receiver": "score"}, {"emitter": "score", "receiver": "sink"}]}
            """;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private PlacementService placement;

    @Inject
    private InferenceService inference;

    private final List<String> report = new ArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-placement2-"), Ports.free(), "core", "inference",
                    "pipeline", "cloud-mqtt", "placement"),
            Runtime.pahoBundle()};
    }

    @Test
    public void failsOverFromMecToCloudOrLocalByBudgetAndIsManagedOverMqtt() throws Exception {
        Await.until(Duration.ofSeconds(60), "models loaded", () -> inference.status("vibration-features").orElse(null));
        Path work = Files.createTempDirectory("continuum-inference-server-");
        List<String> nodelay = List.of("set_tcp_nodelay true");
        try (MosquittoBroker mec = MosquittoBroker.start(nodelay); MosquittoBroker cloud = MosquittoBroker.start(nodelay);
                DelayProxy mecLink = new DelayProxy(mec.port(), 1);
                DelayProxy cloudLink = new DelayProxy(cloud.port(), 60);
                Traffic mecTraffic = new Traffic(mec.uri()); Traffic cloudTraffic = new Traffic(cloud.uri());
                GatewayProcess server = GatewayProcess.start(work, "--features",
                        "core,inference,cloud-mqtt,inference-server,inference-server-cloud",
                        "--features-dir", featuresWithCloudEndpoint(work, cloud.uri()).toString(),
                        "--data", work.resolve("data").toString(),
                        "--property", "continuum.inference.broker=" + mec.uri(),
                        "--property", "org.osgi.service.http.port=" + Ports.free(),
                        "--property", "org.osgi.service.http.port.secure=" + Ports.free())) {
            Setup.target(configurationAdmin, "mec", Placement.MEC, mecLink.uri(), "gw-1-infer");
            Setup.target(configurationAdmin, "cloud", Placement.CLOUD, cloudLink.uri(), "gw-1-infer");
            Setup.rig(context);
            Setup.pipeline(configurationAdmin, GRAPH);
            try (Setup.Busy busy = new Setup.Busy()) {
                // A: CPU saturated, MEC healthy, cloud 120 ms round trip (over the budget): on the MEC.
                awaitOrReport(Duration.ofSeconds(60), "on a healthy MEC", server,
                        () -> Setup.current(placement) == Placement.MEC && healthy(Placement.MEC));
                Await.pause(Duration.ofSeconds(2));
                assertThat(Setup.current(placement)).as("stays on the healthy MEC").isEqualTo(Placement.MEC);

                // B: the MEC link is cut (its broker stops answering; connections stay open) and the cloud is
                // still too far: no remote placement is eligible -> LOCAL, though the CPU is saturated.
                int before = placement.decisions(WORKLOAD).size();
                mec.pause();
                Instant cut = Instant.now();
                PlacementDecision local = awaitOrReport(Duration.ofSeconds(15), "moved local after the MEC cut",
                        server, () -> Setup.moveAfter(placement, before, Placement.LOCAL));
                Duration reaction = Duration.between(cut, local.time());
                report.add("MEC cut, cloud 120 ms: moved LOCAL " + reaction.toMillis() + " ms after the cut: "
                        + local.reason());
                assertThat(reaction).as("local fallback after the MEC cut").isLessThanOrEqualTo(Duration.ofSeconds(5));

                // C: the cloud link improves to 6 ms round trip (3x the MEC's): it meets the budget -> CLOUD.
                int beforeCloud = placement.decisions(WORKLOAD).size();
                cloudLink.delay(3);
                Instant better = Instant.now();
                PlacementDecision toCloud = awaitOrReport(Duration.ofSeconds(30), "moved to the cloud", server,
                        () -> Setup.moveAfter(placement, beforeCloud, Placement.CLOUD));
                report.add("cloud 120 -> 6 ms with the MEC still cut: moved CLOUD "
                        + Duration.between(better, toCloud.time()).toMillis() + " ms later: " + toCloud.reason());
                assertThat(Setup.moveAfter(placement, before, Placement.MEC)).as("never to the cut MEC").isNull();
                int decisions = placement.decisions(WORKLOAD).size();
                Await.pause(Duration.ofSeconds(2));
                assertThat(placement.decisions(WORKLOAD)).as("stays on the cloud while the MEC is cut").hasSize(decisions);
                assertThat(Setup.current(placement)).isEqualTo(Placement.CLOUD);

                // D: the MEC comes back: measured healthy again (where the workload goes then is the cost rule's).
                mec.resume();
                Instant resumed = Instant.now();
                Await.until(Duration.ofSeconds(30), "MEC healthy again", () -> healthy(Placement.MEC));
                report.add("MEC resumed: measured healthy again after "
                        + Duration.between(resumed, Instant.now()).toMillis() + " ms; workload on "
                        + Setup.current(placement));
                Rig.stop();
                checkNoWindowLost();
                checkLatency(cut, local.time());
            }
            report.add("MEC broker: " + mecTraffic.featuresOnlyRequests(INFER_TOPIC, "vibration-features", 8)
                    + " INFER-V1 requests captured, all features-only");
            report.add("cloud broker: " + cloudTraffic.featuresOnlyRequests(INFER_TOPIC, "vibration-features", 8)
                    + " INFER-V1 requests captured, all features-only");
            manageOverMqtt(cloud.uri());
        } finally {
            report.add("load average at the end: " + Files.readString(Paths.get("/proc/loadavg")).trim());
            Files.createDirectories(Paths.get("target"));
            Files.write(Paths.get("target", "placement-two-brokers-report.txt"), report, StandardCharsets.UTF_8);
            report.forEach(line -> System.out.println("[placement-two-brokers] " + line));
        }
    }

    /** {@code PLACEMENT-V1} through the cloud broker, as a management server (Kapua, EC) would use it. */
    private void manageOverMqtt(String brokerUri) throws Exception {
        KuraEndpoint.connect(context, configurationAdmin, "management", brokerUri, "gw-1", "continuum");
        try (KapuaClient operator = new KapuaClient(brokerUri, "continuum", "gw-1", "operator-1")) {
            KuraPayload workloads = operator.request("PLACEMENT-V1", "GET/workloads", Map.of());
            report.add("PLACEMENT-V1 GET/workloads: " + new TreeMap<>(workloads.metrics()));
            assertThat(workloads.metrics()).containsEntry("response.code", 200)
                    .containsEntry(WORKLOAD + ".current", Setup.current(placement).name())
                    // The rig has stopped: only the placements still probed (not the current one) have fresh samples.
                    .containsKey(WORKLOAD + ".p99.LOCAL");

            KuraPayload pinned = operator.request("PLACEMENT-V1", "EXEC/pin",
                    Map.of("workload", WORKLOAD, "placement", "LOCAL"));
            assertThat(pinned.metrics()).containsEntry("response.code", 200)
                    .containsEntry(WORKLOAD + ".pinned", "LOCAL").containsEntry(WORKLOAD + ".current", "LOCAL");
            WorkloadStatus status = placement.workload(WORKLOAD).orElseThrow();
            assertThat(status.current()).isEqualTo(Placement.LOCAL);
            assertThat(status.pinned()).contains(Placement.LOCAL);

            KuraPayload decisions = operator.request("PLACEMENT-V1", "GET/decisions", Map.of("workload", WORKLOAD));
            String last = decisions.metrics().get("decision." + (placement.decisions(WORKLOAD).size() - 1)).toString();
            report.add("PLACEMENT-V1 GET/decisions, last: " + last);
            assertThat(last).contains("-> LOCAL").containsIgnoringCase("pin");

            KuraPayload wrong = operator.request("PLACEMENT-V1", "EXEC/pin",
                    Map.of("workload", WORKLOAD, "placement", "FOG"));
            report.add("PLACEMENT-V1 EXEC/pin FOG: " + wrong.metrics());
            assertThat(wrong.metrics()).containsEntry("response.code", 400);
            assertThat(wrong.metrics().get("response.exception.message").toString()).contains("FOG");

            KuraPayload unpinned = operator.request("PLACEMENT-V1", "EXEC/unpin", Map.of("workload", WORKLOAD));
            assertThat(unpinned.metrics()).containsEntry("response.code", 200).containsEntry(WORKLOAD + ".pinned", "");
            assertThat(placement.workload(WORKLOAD).orElseThrow().pinned()).isEmpty();
        }
    }

    private void checkNoWindowLost() {
        long windows = Rig.settledSteps() / WINDOW;
        Await.until(Duration.ofSeconds(20), "every window's result", () -> Rig.RESULTS.size() >= windows ? true : null);
        Set<Long> starts = new HashSet<>();
        Rig.RESULTS.forEach(a -> starts.add((Long) a.record().field("window.start").value()));
        WorkloadStatus status = placement.workload(WORKLOAD).orElseThrow();
        report.add(String.format(Locale.ROOT, "%d windows; the workload scored %d, %d results reached the sink"
                + " (%d distinct); %d re-scored locally after a remote failure, %d not scored", windows,
                status.windows(), Rig.RESULTS.size(), starts.size(), status.fallbacks(), status.failed()));
        assertThat(status.failed()).isZero();
        assertThat(status.fallbacks()).as("windows sent to the cut MEC were re-scored locally").isPositive();
        assertThat(Rig.RESULTS).hasSize((int) status.windows());
        assertThat(starts).hasSize(Rig.RESULTS.size());
        assertThat(status.windows()).isEqualTo(windows);
    }

    /**
     * Scoring time (round trip, local run, or timeout plus local re-score) against the budget, outside the cut
     * window (cut to local move, where a window waits up to the remote timeout before its local re-score,
     * reported); the whole run is reported beside it.
     */
    private void checkLatency(Instant cutStart, Instant cutEnd) {
        List<Double> all = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        List<Double> cut = new ArrayList<>();
        Map<String, List<Double>> byPlacement = new TreeMap<>();
        for (Rig.Arrival a : Rig.RESULTS) {
            double score = ((Number) a.record().field("latency.us").value()).doubleValue() / 1000;
            all.add(score);
            boolean inCut = !a.record().time().isBefore(cutStart) && !a.record().time().isAfter(cutEnd);
            (inCut ? cut : outside).add(score);
            byPlacement.computeIfAbsent(a.record().field("placement").value().toString(), k -> new ArrayList<>())
                    .add(score);
        }
        StringBuilder where = new StringBuilder();
        byPlacement.forEach((k, v) -> where.append(String.format(Locale.ROOT, " %s %d windows p99 %.1f ms;", k,
                v.size(), Setup.p99(v))));
        report.add(String.format(Locale.ROOT, "scoring p99 (budget %.0f ms): outside the cut window %.1f ms (%d windows);"
                + " cut to local move %.1f ms (%d windows); whole run %.1f ms (%d windows); by where scored:%s",
                BUDGET_MS, Setup.p99(outside), outside.size(), Setup.p99(cut), cut.size(), Setup.p99(all), all.size(),
                where));
        assertThat(Setup.p99(outside)).as("scoring p99 outside the cut window").isLessThanOrEqualTo(BUDGET_MS);
    }

    private boolean healthy(Placement where) {
        return Setup.healthy(placement, where, BUDGET_MS);
    }

    private <T> T awaitOrReport(Duration timeout, String what, GatewayProcess server, java.util.function.Supplier<T> until) {
        try {
            return Await.until(timeout, what, until);
        } catch (AssertionError e) {
            report.add(what + " not reached: " + placement.workloads() + "; decisions: " + placement.decisions(WORKLOAD));
            report.add(server.output());
            throw e;
        }
    }

    /**
     * The repository's feature descriptors plus {@code inference-server-cloud}: the service's second MQTT
     * endpoint, at the cloud broker, so that one service process answers on both brokers.
     */
    private static Path featuresWithCloudEndpoint(Path work, String cloudUri) throws java.io.IOException {
        Path dir = Files.createDirectories(work.resolve("features"));
        // Not Runtime.featuresDir(): Runtime needs the launcher's classes, which the test probe does not see.
        Path built = Paths.get(System.getProperty("continuum.features.dir", "../features/target/features"));
        try (Stream<Path> features = Files.list(built)) {
            for (Path feature : features.toList()) {
                Files.copy(feature, dir.resolve(feature.getFileName()));
            }
        }
        Files.writeString(dir.resolve("inference-server-cloud.json"), """
                {"name": "inference-server-cloud",
                 "description": "The inference service's endpoint at the cloud broker (TwoBrokerPlacementIT).",
                 "configurations": {"dev.continuum.cloud.mqtt.endpoint~inference-server-cloud": {
                   "name": "inference-server-cloud", "brokerUris": ["%s"], "protocolVersion": "3.1.1",
                   "clientId": "continuum-inference", "account": "continuum", "durability": "MEMORY",
                   "backoffInitialMillis:Long": 200, "backoffMaxMillis:Long": 5000}}}
                """.formatted(cloudUri));
        return dir;
    }
}
