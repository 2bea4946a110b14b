package dev.continuum.federated.coordinator.internal;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    private final java.util.function.Supplier<MqttLink> link;
    private final Map<String, CompletableFuture<KuraPayload>> installs = new java.util.concurrent.ConcurrentHashMap<>();

    Rollout(java.util.function.Supplier<MqttLink> link) {
        this.link = link;
    }

    /**
     * Asks every gateway to install {@code manifest}: as shadow where {@code model} already has an active
     * version ({@code GET/models}), else directly (there is nothing to compare with); then waits up to
     * {@code timeoutSeconds} for each gateway's {@code NOTIFY install} of the job.
     *
     * @return per gateway: {@code SHADOW} or {@code INSTALLED} when it completed, else why not
     */
    Map<String, String> install(List<String> gateways, URI manifest, String model, String job, long timeoutSeconds) {
        Map<String, String> outcome = new LinkedHashMap<>();
        Map<String, CompletableFuture<KuraPayload>> done = new LinkedHashMap<>();
        for (String gateway : gateways) {
            CompletableFuture<KuraPayload> installed = new CompletableFuture<>();
            installs.put(gateway + "/" + job, installed);
            try {
                KuraPayload models = link.get().request(gateway, MODEL_APP, "GET/models", Map.of(), null)
                        .get(30, TimeUnit.SECONDS);
                boolean shadow = models.metrics().containsKey(model + ".active");
                KuraPayload reply = link.get().request(gateway, MODEL_APP, "EXEC/download", Map.of("model.manifest.uri",
                        manifest.toString(), "job.id", job, "model.shadow", Boolean.toString(shadow)), null)
                        .get(30, TimeUnit.SECONDS);
                if (MqttLink.code(reply) == 200) {
                    outcome.put(gateway, shadow ? "SHADOW" : "INSTALLED");
                    done.put(gateway, installed);
                } else {
                    outcome.put(gateway, "REFUSED: " + reply.metrics().get(KuraResponder.EXCEPTION_MESSAGE));
                }
            } catch (Exception e) {
                outcome.put(gateway, "UNREACHABLE: " + e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        done.forEach((gateway, installed) -> {
            try {
                KuraPayload notice = installed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!"COMPLETED".equals(notice.metrics().get("model.install.status"))) {
                    outcome.put(gateway, "FAILED: " + notice.metrics().get("dp.update.reason") + " "
                            + notice.metrics().get("model.install.error.message"));
                }
            } catch (java.util.concurrent.TimeoutException e) {
                outcome.put(gateway, "NO RESULT within " + timeoutSeconds + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.put(gateway, "INTERRUPTED");
            } catch (java.util.concurrent.ExecutionException e) {
                outcome.put(gateway, "FAILED: " + e.getCause());
            } finally {
                installs.remove(gateway + "/" + job);
            }
        });
        LOG.info("rollout of {} from {}: {}", model, manifest, outcome);
        return outcome;
    }

    /** A MODEL-V1 notification from {@code gateway}; install results complete the waiting rollout. */
    void onNotify(String gateway, String resource, KuraPayload payload) {
        Object job = payload.metrics().get("job.id");
        if ("install".equals(resource) && job != null) {
            CompletableFuture<KuraPayload> installed = installs.get(gateway + "/" + job);
            if (installed != null) {
                installed.complete(payload);
            }
        }
    }

    /** Promotes where the shadow agreed on at least {@code minAgreement} of the windows; the reports, per gateway. */
    Map<String, String> promote(List<String> gateways, String model, double minAgreement) {
        if (gateways.isEmpty()) {
            return Map.of();
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String gateway : gateways) {
            try {
                KuraPayload report = link.get().request(gateway, MODEL_APP, "GET/shadow/" + model, Map.of(), null)
                        .get(30, TimeUnit.SECONDS);
                Object agreement = report.metrics().get("shadow.agreement");
                Object windows = report.metrics().get("shadow.windows");
                if (agreement instanceof Number a && a.doubleValue() >= minAgreement) {
                    int code = MqttLink.code(link.get().request(gateway, MODEL_APP, "EXEC/promote/" + model, Map.of(), null)
                            .get(30, TimeUnit.SECONDS));
                    outcome.put(gateway, "PROMOTED (agreement " + a + " over " + windows + " windows, code " + code + ")");
                } else {
                    outcome.put(gateway, agreement == null ? "NO SHADOW CANDIDATE" : "KEPT IN SHADOW (agreement "
                            + agreement + " over " + windows + " windows)");
                }
            } catch (Exception e) {
                outcome.put(gateway, "UNREACHABLE: " + e);
            }
        }
        LOG.info("rollout of {}: {}", model, outcome);
        return outcome;
    }
}
