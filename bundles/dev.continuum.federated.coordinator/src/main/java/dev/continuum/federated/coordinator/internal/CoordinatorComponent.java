package dev.continuum.federated.coordinator.internal;

import com.google.gson.JsonParser;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.federated.Fed;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.SignedUpdate;
import dev.continuum.inference.modelgen.GradientTrainer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator process: connects to the broker, runs {@code rounds} rounds with the enrolled gateways,
 * appends each round to {@code <continuum.data>/federated-coordinator/history.jsonl} and keeps the global
 * model in {@code global.json} beside it (a restart continues from both), and after the last
 * round (or every {@code rolloutEvery} rounds) publishes the global model as a signed model update and rolls
 * it out: as shadow where the gateway runs a version already, promoting after {@code promoteAfterSeconds}
 * where the shadow comparison is good enough.
 */
@Component(service = CoordinatorComponent.class, immediate = true, configurationPid = "dev.continuum.federated.coordinator",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CoordinatorConfig.class)
public final class CoordinatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorComponent.class);

    private final MqttLink link;
    private final Coordinator coordinator;
    private final List<String> gateways;
    private final Thread runner;
    private final Rollout rollout;
    private final java.util.concurrent.ScheduledExecutorService promotions =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "federated-promotion"));

    @Activate
    public CoordinatorComponent(BundleContext context, CoordinatorConfig config) throws IOException, MqttException {
        Map<String, PublicKey> enrolled = enrolled(config.participants());
        this.gateways = List.copyOf(enrolled.keySet());
        String data = context.getProperty("continuum.data");
        Path historyFile = Path.of(data == null ? "data" : data, "federated-coordinator", "history.jsonl");
        Files.createDirectories(historyFile.getParent());
        int lastRound = Files.exists(historyFile) ? Files.readAllLines(historyFile).size() : 0;
        Path modelFile = historyFile.resolveSibling("global.json");
        GlobalModel initial = Files.exists(modelFile)
                ? GlobalModel.fromJson(JsonParser.parseString(Files.readString(modelFile)).getAsJsonObject())
                : new GlobalModel(config.modelName(), "1.0.0", config.windowLength(), config.initialMean(),
                        config.initialStd(), GradientTrainer.randomComponents(config.components(),
                                config.windowLength() * config.initialMean().length, config.seed()));
        Coordinator.Settings settings = new Coordinator.Settings(config.minParticipants(), config.roundSeconds() * 1000,
                config.epochs(), config.learningRate(), config.batchSize(), config.clip(), config.noiseMultiplier(),
                config.proximalMu(), config.minSamples(), config.maxWeight());
        Coordinator[] holder = new Coordinator[1];
        this.rollout = new Rollout(this::link);
        this.link = new MqttLink(config.brokerUri(), config.account(), config.clientId(), config.username(),
                config.password().toCharArray(), (app, gateway, resource, payload) -> {
                    if (Fed.APP_ID.equals(app) && Fed.UPDATE.equals(resource) && holder[0] != null) {
                        deliver(holder[0], gateway, payload);
                    } else if (Rollout.MODEL_APP.equals(app)) {
                        rollout.onNotify(gateway, resource, payload);
                    }
                });
        this.coordinator = new Coordinator(settings, enrolled, initial, lastRound,
                (gateway, body) -> link.request(gateway, Fed.APP_ID, "EXEC/" + Fed.TRAIN, Map.of(), body)
                        .thenApply(MqttLink::code),
                record -> {
                    append(historyFile, record.toJson().toString());
                    if (RoundRecord.AGGREGATED.equals(record.status())) {
                        save(modelFile, holder[0].global());
                    }
                }, Clock.systemUTC());
        holder[0] = coordinator;
        this.runner = new Thread(() -> run(config), "federated-coordinator");
        runner.start();
    }

    /** Routes a FED-V1 update notification to the coordinator. */
    public static void deliver(Coordinator coordinator, String gateway, KuraPayload payload) {
        Object status = payload.metrics().get(Fed.STATUS_METRIC);
        Object round = payload.metrics().get(Fed.ROUND);
        if ("SENT".equals(status) && payload.body() != null) {
            coordinator.onUpdate(gateway, payload.body());
        } else if (round instanceof Number n) {
            coordinator.onDeclined(gateway, n.intValue(), status + ": " + payload.metrics().get(Fed.ERROR));
        }
    }

    private void run(CoordinatorConfig config) {
        try {
            for (int r = 1; config.rounds() == 0 || r <= config.rounds(); r++) {
                RoundRecord record = coordinator.runRound();
                boolean due = config.rolloutEvery() > 0 ? r % config.rolloutEvery() == 0 : r == config.rounds();
                if (due && RoundRecord.AGGREGATED.equals(record.status()) && !config.signingKey().isBlank()
                        && !config.publishDir().isBlank()) {
                    rollout(config, record);
                }
                Thread.sleep(config.pauseSeconds() * 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("the coordinator stopped", e);
        }
    }

    private void rollout(CoordinatorConfig config, RoundRecord record) throws IOException {
        GlobalModel model = coordinator.global();
        double threshold = 3 * record.metrics().getOrDefault("holdout.p999.global", 1.0);
        URI manifest = new Publisher(Path.of(config.publishDir()), Path.of(config.signingKey()),
                URI.create(config.publishBaseUri())).publish(model, threshold);
        Map<String, String> installed = rollout.install(gateways, manifest, model.name(), "fed-" + model.version(),
                config.installTimeoutSeconds());
        List<String> shadowing = installed.entrySet().stream().filter(e -> e.getValue().equals("SHADOW"))
                .map(Map.Entry::getKey).toList();
        promotions.schedule(() -> rollout.promote(shadowing, model.name(), config.minAgreement()),
                config.promoteAfterSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    static Map<String, PublicKey> enrolled(String[] participants) {
        Map<String, PublicKey> enrolled = new LinkedHashMap<>();
        for (String entry : participants) {
            int at = entry.indexOf('=');
            if (at < 1) {
                throw new IllegalArgumentException("a participant is clientId=base64 public key, got '" + entry + "'");
            }
            enrolled.put(entry.substring(0, at).trim(), SignedUpdate.publicKey(entry.substring(at + 1)));
        }
        if (enrolled.isEmpty()) {
            throw new IllegalArgumentException("no participants enrolled: participants is empty");
        }
        return enrolled;
    }

    /** Keeps the global model across restarts (written to a temporary file, then moved into place). */
    private static void save(Path file, GlobalModel model) {
        try {
            Path temp = Files.writeString(file.resolveSibling("global.json.tmp"), model.toJson().toString());
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("global model {} not saved to {}", model.version(), file, e);
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("round history not written to {}", file, e);
        }
    }

    @Deactivate
    void deactivate() throws MqttException, InterruptedException {
        runner.interrupt();
        runner.join(5000);
        promotions.shutdownNow();
        link.close();
    }

    private MqttLink link() {
        return link;
    }

    List<String> gateways() {
        return new ArrayList<>(gateways);
    }
}
