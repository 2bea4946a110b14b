package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.itests.placement.Setup;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.time.Duration;
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
 * {@code /api/v1/placement} on a gateway with the placement feature: a viewer reads the workloads (current
 * placement, per-placement p99 and cost, decisions) but may not pin; an operator pins and unpins, each move
 * logged as a decision and in the audit log; bad input is refused naming the problem. (Without the feature
 * the resource answers 503: ManagementOperationsIT.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlacementConsoleIT {

    private static final String WORKLOAD = Setup.WORKLOAD;
    private static final String GRAPH = """
            {"components": [
               {"name": "rig", "type": "rig-source"},
               {"name": "score", "type": "placed-inference", "config": {"model": "vibration-anomaly",
                 "channels": "rig/vibration, rig/temperature", "latency.p99.ms": 30, "privacy": "RAW_STAYS_ON_SITE",
                 "remote.model": "vibration-features", "placements": "LOCAL,MEC", "breach.ms": 500}},
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

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-placement-console-"), Ports.free(), "core",
                    "console", "inference", "pipeline", "cloud-mqtt", "placement")};
    }

    @Test
    public void viewersSeeWorkloadsAndDecisionsOperatorsPinAndUnpin() throws Exception {
        Await.until(Duration.ofSeconds(60), "models loaded", () -> inference.status("vibration-anomaly").orElse(null));
        Setup.rig(context);
        Setup.pipeline(configurationAdmin, GRAPH);
        try {
            Gateway gateway = new Gateway(context);
            Api viewer = gateway.user("vic", "viewer");
            Api operator = gateway.user("otto", "operator");
            JsonObject workload = Await.until(Duration.ofSeconds(60), "the workload measured locally",
                    () -> measuredLocally(viewer));
            assertThat(workload.get("current").getAsString()).isEqualTo("LOCAL");
            assertThat(workload.get("pinned").isJsonNull()).isTrue();
            assertThat(workload.getAsJsonObject("requirements").get("latencyBudgetMillis").getAsDouble()).isEqualTo(30);
            assertThat(workload.getAsJsonObject("requirements").get("privacy").getAsString())
                    .isEqualTo("RAW_STAYS_ON_SITE");
            assertThat(workload.get("placements").toString()).isEqualTo("[\"LOCAL\",\"MEC\"]");
            JsonObject mec = stats(workload, "MEC");
            assertThat(mec.get("available").getAsBoolean()).as("no MEC service configured").isFalse();

            JsonObject pin = new JsonObject();
            pin.addProperty("workload", WORKLOAD);
            pin.addProperty("placement", "MEC");
            Api.Reply refused = viewer.send("POST", "/api/v1/placement/pin", pin);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.object().get("message").getAsString()).contains("operator");

            Api.Reply pinned = operator.send("POST", "/api/v1/placement/pin", pin);
            assertThat(pinned.status()).isEqualTo(200);
            assertThat(pinned.object().get("pinned").getAsString()).isEqualTo("MEC");
            assertThat(pinned.object().get("current").getAsString()).isEqualTo("MEC");
            assertThat(placement.workload(WORKLOAD).orElseThrow().pinned()).contains(Placement.MEC);

            JsonObject decisions = viewer.get("/api/v1/placement/decisions?workload=placed%2Fscore").object();
            JsonArray log = decisions.getAsJsonArray("decisions");
            JsonObject last = log.get(log.size() - 1).getAsJsonObject();
            assertThat(last.get("from").getAsString()).isEqualTo("LOCAL");
            assertThat(last.get("to").getAsString()).isEqualTo("MEC");
            assertThat(last.get("reason").getAsString()).containsIgnoringCase("pin");
            assertThat(gateway.admin().get("/api/v1/audit").body().toString())
                    .contains("placement.pin").contains("otto");

            JsonObject wrong = new JsonObject();
            wrong.addProperty("workload", WORKLOAD);
            wrong.addProperty("placement", "FOG");
            Api.Reply bad = operator.send("POST", "/api/v1/placement/pin", wrong);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.object().get("message").getAsString()).contains("FOG").contains("LOCAL");
            wrong.addProperty("placement", "CLOUD");
            Api.Reply notAllowed = operator.send("POST", "/api/v1/placement/pin", wrong);
            assertThat(notAllowed.status()).as("CLOUD is not among the workload's placements").isEqualTo(400);
            wrong.addProperty("workload", "no/such");
            assertThat(operator.send("POST", "/api/v1/placement/pin", wrong).status()).isEqualTo(404);
            assertThat(viewer.get("/api/v1/placement/decisions").status()).isEqualTo(400);

            JsonObject unpin = new JsonObject();
            unpin.addProperty("workload", WORKLOAD);
            assertThat(viewer.send("POST", "/api/v1/placement/unpin", unpin).status()).isEqualTo(403);
            Api.Reply unpinned = operator.send("POST", "/api/v1/placement/unpin", unpin);
            assertThat(unpinned.status()).isEqualTo(200);
            assertThat(unpinned.object().get("pinned").isJsonNull()).isTrue();
            assertThat(placement.workload(WORKLOAD).orElseThrow().pinned()).isEmpty();
            // The MEC has no service: the controller takes the workload back.
            Await.until(Duration.ofSeconds(20), "back LOCAL after the unpin", () -> "LOCAL".equals(
                    workload(viewer).get("current").getAsString()));
        } finally {
            Setup.stopRig();
        }
    }

    private static JsonObject measuredLocally(Api viewer) {
        JsonObject workload = workload(viewer);
        if (workload == null) {
            return null;
        }
        JsonObject local = stats(workload, "LOCAL");
        return local.get("samples").getAsInt() > 0 && !local.get("p99Millis").isJsonNull()
                && !local.get("localCostMicros").isJsonNull() && workload.getAsJsonArray("decisions") != null
                ? workload : null;
    }

    private static JsonObject workload(Api viewer) {
        Api.Reply reply = viewer.get("/api/v1/placement");
        assertThat(reply.status()).isEqualTo(200);
        for (JsonElement w : reply.object().getAsJsonArray("workloads")) {
            if (w.getAsJsonObject().get("name").getAsString().equals(WORKLOAD)) {
                return w.getAsJsonObject();
            }
        }
        return null;
    }

    private static JsonObject stats(JsonObject workload, String where) {
        for (JsonElement s : workload.getAsJsonArray("stats")) {
            if (s.getAsJsonObject().get("placement").getAsString().equals(where)) {
                return s.getAsJsonObject();
            }
        }
        throw new AssertionError("no stats for " + where + " in " + workload);
    }
}
