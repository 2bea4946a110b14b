package dev.continuum.placement.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementException;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.PlacementStats;
import dev.continuum.api.placement.PrivacyClass;
import dev.continuum.api.placement.WorkloadRequirements;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PlacementAppTest {

    private static final String WORKLOAD = "line/score";

    /** One workload on MEC until pinned. */
    private final PlacementService service = new PlacementService() {
        private Placement current = Placement.MEC;
        private Optional<Placement> pinned = Optional.empty();
        private final List<PlacementDecision> decisions = new ArrayList<>();

        @Override
        public List<WorkloadStatus> workloads() {
            return List.of(status());
        }

        @Override
        public Optional<WorkloadStatus> workload(String name) {
            return name.equals(WORKLOAD) ? Optional.of(status()) : Optional.empty();
        }

        @Override
        public List<PlacementDecision> decisions(String name) {
            return List.copyOf(decisions);
        }

        @Override
        public WorkloadStatus pin(String name, Placement placement) throws PlacementException {
            if (!name.equals(WORKLOAD)) {
                throw new PlacementException("unknown workload '" + name + "'");
            }
            decisions.add(new PlacementDecision(Instant.EPOCH, name, current, placement, "pinned"));
            current = placement;
            pinned = Optional.of(placement);
            return status();
        }

        @Override
        public WorkloadStatus unpin(String name) {
            pinned = Optional.empty();
            return status();
        }

        private WorkloadStatus status() {
            return new WorkloadStatus(WORKLOAD, new WorkloadRequirements(30, PrivacyClass.RAW_STAYS_ON_SITE, 0, 500),
                    List.of(Placement.LOCAL, Placement.MEC), current, pinned,
                    List.of(new PlacementStats(Placement.MEC, true, 10, 2, 3.5, 0, 100, 40)), 0.2, 100, 2, 0);
        }
    };
    private final PlacementApp app = new PlacementApp(service);

    private Map<String, Object> request(String method, String resource, Map<String, Object> metrics) {
        List<Map<String, Object>> replies = new ArrayList<>();
        app.handle(new KuraRequest("PLACEMENT-V1", method, List.of(resource), new KuraPayload(null, metrics, null)),
                new KuraResponder() {
                    @Override
                    public CompletableFuture<Void> reply(int code, KuraPayload payload) {
                        Map<String, Object> reply = new java.util.HashMap<>(payload.metrics());
                        reply.put(RESPONSE_CODE, code);
                        replies.add(reply);
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public CompletableFuture<Void> notify(String resource, KuraPayload payload) {
                        return CompletableFuture.completedFuture(null);
                    }
                });
        return replies.get(0);
    }

    @Test
    void listsWorkloadsPinsAndShowsTheDecision() {
        assertThat(request("GET", "workloads", Map.of())).containsEntry(WORKLOAD + ".current", "MEC")
                .containsEntry(WORKLOAD + ".p99.MEC", 3.5).containsEntry(WORKLOAD + ".fallbacks", 2L);

        assertThat(request("EXEC", "pin", Map.of("workload", WORKLOAD, "placement", "local")))
                .containsEntry("response.code", 200).containsEntry(WORKLOAD + ".current", "LOCAL")
                .containsEntry(WORKLOAD + ".pinned", "LOCAL");
        assertThat(request("GET", "decisions", Map.of("workload", WORKLOAD)))
                .containsEntry("decision.0", "1970-01-01T00:00:00Z MEC -> LOCAL: pinned");
        assertThat(request("EXEC", "unpin", Map.of("workload", WORKLOAD))).containsEntry(WORKLOAD + ".pinned", "");
    }

    @Test
    void refusesBadRequestsNamingTheProblem() {
        assertThat(request("EXEC", "pin", Map.of("workload", WORKLOAD, "placement", "EDGE")))
                .containsEntry("response.code", 400).containsEntry("response.exception.message",
                        "placement 'EDGE' is not one of [LOCAL, MEC, CLOUD]");
        assertThat(request("EXEC", "pin", Map.of("placement", "MEC")))
                .containsEntry("response.exception.message", "the metric 'workload' is missing");
        assertThat(request("GET", "nothing", Map.of())).containsEntry("response.code", 404);
    }
}
