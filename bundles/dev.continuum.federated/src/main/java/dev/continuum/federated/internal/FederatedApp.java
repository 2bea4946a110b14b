package dev.continuum.federated.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraRequestHandler;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.federated.Fed;
import dev.continuum.federated.FederatedException;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.RoundPlan;
import dev.continuum.federated.SignedUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code FED-V1}: the gateway's side of federated rounds, on the Kura control topics. {@code EXEC/train}
 * (body {@code {"model", "plan"}}) is answered at once (200 with {@code fed.round} and {@code fed.samples},
 * or 409 while a round is training); the training runs on a thread of its own, at low priority and within
 * the CPU budget, and its signed update follows as {@code NOTIFY/<client-id>/update} (or the refusal, with
 * {@code fed.status=DECLINED} and {@code fed.error}). {@code GET/status} reports the buffer and the
 * identity's public key for enrolment. Windows are never part of any message.
 */
@Component(service = {KuraRequestHandler.class, FederatedApp.class}, property = KuraRequestHandler.APP_ID + "="
        + Fed.APP_ID, immediate = true, configurationPid = "dev.continuum.federated.participant",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ParticipantConfig.class)
public final class FederatedApp implements KuraRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FederatedApp.class);

    private final TrainingBuffer buffer;
    private final GatewayIdentity identity;
    private final Participant participant;
    private final ExecutorService trainer;
    private final AtomicBoolean training = new AtomicBoolean();

    @Activate
    public FederatedApp(BundleContext context, ParticipantConfig config, @Reference(cardinality =
            ReferenceCardinality.OPTIONAL) InferenceService inference) throws IOException {
        this(new TrainingBuffer(config.capacity(), config.holdoutCapacity(), config.holdoutEvery()),
                GatewayIdentity.loadOrCreate(identityDir(context, config)), config, inference);
    }

    private FederatedApp(TrainingBuffer buffer, GatewayIdentity identity, ParticipantConfig config,
            InferenceService inference) {
        this(buffer, identity, new Participant(new Participant.Settings(config.clientId(),
                config.minSamples(), config.cpuShare(), config.sliceMillis(), config.trainingWindow(),
                config.marginMillis()), buffer, identity, Clock.systemUTC(), new java.security.SecureRandom(),
                inference == null ? ActiveModel.NONE : new InferenceActiveModel(inference)));
    }

    /** For running a participant outside OSGi (tests, benchmarks). */
    public FederatedApp(TrainingBuffer buffer, GatewayIdentity identity, Participant participant) {
        this.buffer = buffer;
        this.identity = identity;
        this.participant = participant;
        this.trainer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(() -> {
                IdleScheduling.applyToCurrentThread();
                task.run();
            }, "federated-training");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /** The buffer the gateway's normal windows go into. */
    public TrainingBuffer buffer() {
        return buffer;
    }

    public GatewayIdentity identity() {
        return identity;
    }

    @Override
    public void handle(KuraRequest request, KuraResponder responder) {
        String resource = request.resources().isEmpty() ? "" : request.resources().get(0);
        switch (request.method() + " " + resource) {
            case "EXEC " + Fed.TRAIN -> train(request, responder);
            case "GET " + Fed.STATUS -> responder.reply(200, metrics(Fed.SAMPLES, (long) buffer.trainingSize(),
                    Fed.HOLDOUT, (long) buffer.holdoutSize(), Fed.KEY_ID, SignedUpdate.keyId(identity.publicKey()),
                    Fed.PUBLIC_KEY, identity.publicKeyBase64(), Fed.STATUS_METRIC, training.get() ? "TRAINING" : "IDLE"));
            default -> responder.reply(404, metrics(KuraResponder.EXCEPTION_MESSAGE, Fed.APP_ID + " has no "
                    + request.path() + "; accepted: EXEC/" + Fed.TRAIN + ", GET/" + Fed.STATUS));
        }
    }

    private void train(KuraRequest request, KuraResponder responder) {
        GlobalModel model;
        RoundPlan plan;
        try {
            byte[] body = request.payload().body();
            if (body == null) {
                throw new IllegalArgumentException("the body is missing");
            }
            JsonObject json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
            model = GlobalModel.fromJson(json.getAsJsonObject("model"));
            plan = RoundPlan.fromJson(json.getAsJsonObject("plan"));
        } catch (RuntimeException e) {
            responder.reply(400, metrics(KuraResponder.EXCEPTION_MESSAGE, "EXEC/train needs a JSON body {\"model\":"
                    + " {name, version, length, mean, std, components}, \"plan\": {round, epochs, learningRate,"
                    + " batchSize, clip, noiseMultiplier, proximalMu, deadline}}: " + e.getMessage()));
            return;
        }
        if (!training.compareAndSet(false, true)) {
            responder.reply(409, metrics(KuraResponder.EXCEPTION_MESSAGE, "a round is still training", Fed.ROUND,
                    (long) plan.round()));
            return;
        }
        LOG.info("FED-V1 round {} of {}@{} requested by {}", plan.round(), model.name(), model.version(),
                request.requesterClientId());
        responder.reply(200, metrics(Fed.ROUND, (long) plan.round(), Fed.SAMPLES, (long) buffer.trainingSize()));
        try {
            trainer.execute(() -> run(model, plan, responder));
        } catch (RejectedExecutionException e) {
            training.set(false);
        }
    }

    private void run(GlobalModel model, RoundPlan plan, KuraResponder responder) {
        KuraPayload answer;
        try {
            Participant.Outcome outcome = participant.train(model, plan);
            answer = new KuraPayload(System.currentTimeMillis(), Map.of(Fed.ROUND, (long) plan.round(),
                    Fed.STATUS_METRIC, "SENT", Fed.SAMPLES, outcome.update().samples()), outcome.signed());
            LOG.debug("FED-V1 round {}: update of {} samples made", plan.round(), outcome.update().samples());
        } catch (FederatedException e) {
            LOG.info("FED-V1 round {} declined: {}", plan.round(), e.getMessage());
            answer = metrics(Fed.ROUND, (long) plan.round(), Fed.STATUS_METRIC, e.reason().name(), Fed.ERROR,
                    e.getMessage());
        } catch (InterruptedException e) {
            training.set(false);
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.warn("FED-V1 round {} failed", plan.round(), e);
            answer = metrics(Fed.ROUND, (long) plan.round(), Fed.STATUS_METRIC, "FAILED", Fed.ERROR,
                    String.valueOf(e.getMessage()));
        }
        // Idle before the answer leaves: the coordinator may open the next round as soon as it has this one's
        // update, and its request must not find this round still "training" (a 409 that fails that round).
        training.set(false);
        responder.notify(Fed.UPDATE, answer);
    }

    @Deactivate
    public void close() {
        trainer.shutdownNow();
        try {
            trainer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KuraPayload metrics(Object... namesAndValues) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metrics.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new KuraPayload(System.currentTimeMillis(), metrics, null);
    }

    private static Path identityDir(BundleContext context, ParticipantConfig config) {
        if (!config.identityDir().isBlank()) {
            return Path.of(config.identityDir());
        }
        String data = context.getProperty("continuum.data");
        return Path.of(data == null ? "data" : data, "federated");
    }
}
