package dev.continuum.federated.coordinator.internal;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a published model out through each gateway's {@code MODEL-V1} app: as the shadow candidate
 * ({@code EXEC/download} with {@code model.shadow=true}: the gateway's update agent verifies the signature
 * and the inference service validates the model, which then scores beside the active version), or
 * directly where the gateway runs no version of the model yet; later
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

    /**
     * Asks every gateway to install {@code manifest}: as shadow where {@code model} already has an active
     * version ({@code GET/models}), else directly (there is nothing to compare with). Waits for the replies
     * to the download requests (not for the installs, which the gateways report as NOTIFY {@code install}).
     *
     * @return per gateway: {@code SHADOW}, {@code INSTALL}, or why the request failed
     */
    Map<String, String> install(List<String> gateways, URI manifest, String model, String job) {
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String gateway : gateways) {
            try {
                KuraPayload models = link.request(gateway, MODEL_APP, "GET/models", Map.of(), null)
                        .get(30, TimeUnit.SECONDS);
                boolean shadow = models.metrics().containsKey(model + ".active");
                KuraPayload reply = link.request(gateway, MODEL_APP, "EXEC/download", Map.of("model.manifest.uri",
                        manifest.toString(), "job.id", job, "model.shadow", Boolean.toString(shadow)), null)
                        .get(30, TimeUnit.SECONDS);
                outcome.put(gateway, MqttLink.code(reply) == 200 ? (shadow ? "SHADOW" : "INSTALL")
                        : "REFUSED: " + reply.metrics().get(KuraResponder.EXCEPTION_MESSAGE));
            } catch (Exception e) {
                outcome.put(gateway, "UNREACHABLE: " + e);
            }
        }
        LOG.info("rollout of {} from {}: {}", model, manifest, outcome);
        return outcome;
    }

    /** Promotes where the shadow agreed on at least {@code minAgreement} of the windows; the reports, per gateway. */
    Map<String, String> promote(List<String> gateways, String model, double minAgreement) {
        if (gateways.isEmpty()) {
            return Map.of();
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String gateway : gateways) {
            try {
                KuraPayload report = link.request(gateway, MODEL_APP, "GET/shadow/" + model, Map.of(), null)
                        .get(30, TimeUnit.SECONDS);
                Object agreement = report.metrics().get("shadow.agreement");
                Object windows = report.metrics().get("shadow.windows");
                if (agreement instanceof Number a && a.doubleValue() >= minAgreement) {
                    int code = MqttLink.code(link.request(gateway, MODEL_APP, "EXEC/promote/" + model, Map.of(), null)
                            .get(30, TimeUnit.SECONDS));
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
