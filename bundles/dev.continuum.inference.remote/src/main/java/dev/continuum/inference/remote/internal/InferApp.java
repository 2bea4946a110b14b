package dev.continuum.inference.remote.internal;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.Window;
import dev.continuum.api.placement.RemoteInference;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code INFER-V1} ({@link RemoteInference}): {@code EXEC/infer/{model}} checks the requester's quota and the
 * windows' shape against the model's manifest on the endpoint's control thread, then queues the request for
 * the {@link Batcher}. Runs only where it is configured (the {@code inference-server} feature), so that a
 * gateway with the kura bundle does not serve inference to others by accident.
 */
@Component(service = KuraRequestHandler.class, configurationPid = ServerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = KuraRequestHandler.APP_ID + "=" + RemoteInference.APP_ID)
@Designate(ocd = ServerConfig.class)
public final class InferApp implements KuraRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InferApp.class);
    private static final String ACCEPTED = "accepted: EXEC/infer/{model}";

    private final InferenceService inference;
    private final Quotas quotas;
    private final Batcher batcher;

    @Activate
    public InferApp(@Reference InferenceService inference, ServerConfig config) {
        this.inference = inference;
        this.quotas = new Quotas(config.quotaWindowsPerSecond(), config.quotaBurst());
        this.batcher = new Batcher(inference, Math.max(1, config.maxBatch()), Math.max(0, config.maxWaitMillis()));
        LOG.info("INFER-V1 serving: batches up to {} windows, quota {} per gateway", config.maxBatch(),
                quotas.describe());
    }

    @Deactivate
    void deactivate() {
        batcher.close();
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        List<String> resources = request.resources();
        if (!request.method().equals("EXEC") || resources.size() != 2 || !resources.get(0).equals("infer")) {
            Batcher.error(responder, 404, "INFER-V1 has no " + request.path() + "; " + ACCEPTED);
            return;
        }
        String model = resources.get(1);
        try {
            List<Window> windows = windows(request, model);
            if (!quotas.take(request.requesterClientId(), windows.size(), System.nanoTime())) {
                Batcher.error(responder, RemoteInference.QUOTA_EXCEEDED, "gateway '" + request.requesterClientId()
                        + "' exceeded its quota of " + quotas.describe() + "; request of " + windows.size()
                        + " windows refused");
                return;
            }
            batcher.submit(new Job(model, windows, responder));
        } catch (IllegalArgumentException e) {
            Batcher.error(responder, 400, e.getMessage());
        }
    }

    private List<Window> windows(KuraRequest request, String model) {
        ModelManifest manifest = inference.manifest(model).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + model + "'; serving: " + inference.models().stream().map(s -> s.name()).toList()));
        Object count = request.payload().metrics().get(RemoteInference.WINDOWS);
        if (!(count instanceof Integer n) || n < 1) {
            throw new IllegalArgumentException("metric '" + RemoteInference.WINDOWS + "' must be an int >= 1, got "
                    + count);
        }
        String encoding = Optional.ofNullable(request.text(RemoteInference.ENCODING)).orElse(RemoteInference.RAW);
        boolean featureModel = manifest.window().channels().stream().allMatch(c -> c.contains("."));
        if (!encoding.equals(featureModel ? RemoteInference.FEATURES : RemoteInference.RAW)) {
            throw new IllegalArgumentException("model '" + model + "' takes " + (featureModel ? "features" : "raw")
                    + " windows (channels " + manifest.window().channels() + "), the request sent '" + encoding + "'");
        }
        float[] values = RemoteInference.floats(request.payload().body());
        int size = manifest.window().size();
        if (values.length != n * size) {
            throw new IllegalArgumentException(n + " windows of model '" + model + "' need " + n * size
                    + " values (" + size + " each), the body holds " + values.length);
        }
        List<Window> windows = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            windows.add(new Window(Instant.EPOCH, Instant.EPOCH, Arrays.copyOfRange(values, w * size, (w + 1) * size),
                    false));
        }
        return windows;
    }
}
