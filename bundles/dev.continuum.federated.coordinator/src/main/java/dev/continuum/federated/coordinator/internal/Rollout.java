package dev.continuum.federated.coordinator.internal;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a published model out through each gateway's {@code MODEL-V1} app: first as the shadow candidate
 * ({@code EXEC/download} with {@code model.shadow=true}: the gateway's update agent verifies the signature
 * and the inference service validates the model, which then scores beside the active version); later
 * {@link #promote} reads each gateway's {@code GET/shadow/{model}} comparison and promotes
 * ({@code EXEC/promote/{model}}) only where the candidate agreed with the active version often enough.
 */
final class Rollout {

    static final String MODEL_APP = "MODEL-V1";
    private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

    private final MqttLink link;

    Rollout(MqttLink link) {
        this.link = link;
    }

    /** Asks every gateway to install {@code manifest} as shadow; completes with each reply's response code. */
    Map<String, CompletableFuture<Integer>> shadow(List<String> gateways, URI manifest, String job) {
        Map<String, CompletableFuture<Integer>> replies = new LinkedHashMap<>();
        for (String gateway : gateways) {
            replies.put(gateway, link.request(gateway, MODEL_APP, "EXEC/download", Map.of("model.manifest.uri",
                    manifest.toString(), "job.id", job, "model.shadow", "true"), null).thenApply(MqttLink::code));
        }
        return replies;
    }

    /** Promotes where the shadow agreed on at least {@code minAgreement} of the windows; the reports, per gateway. */
    Map<String, String> promote(List<String> gateways, String model, double minAgreement) {
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String gateway : gateways) {
            try {
                KuraPayload report = link.request(gateway, MODEL_APP, "GET/shadow/" + model, Map.of(), null)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                Object agreement = report.metrics().get("shadow.agreement");
                Object windows = report.metrics().get("shadow.windows");
                if (agreement instanceof Number a && a.doubleValue() >= minAgreement) {
                    int code = MqttLink.code(link.request(gateway, MODEL_APP, "EXEC/promote/" + model, Map.of(), null)
                            .get(30, java.util.concurrent.TimeUnit.SECONDS));
                    outcome.put(gateway, "PROMOTED (agreement " + a + " over " + windows + " windows, code " + code + ")");
                } else {
                    outcome.put(gateway, "KEPT IN SHADOW (agreement " + agreement + " over " + windows + " windows)");
                }
            } catch (Exception e) {
                outcome.put(gateway, "UNREACHABLE: " + e);
            }
        }
        LOG.info("rollout of {}: {}", model, outcome);
        return outcome;
    }
}
