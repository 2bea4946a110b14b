package dev.continuum.itests.federated;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.federated.GlobalModel;
import dev.continuum.federated.SignedUpdate;
import dev.continuum.federated.coordinator.internal.Coordinator;
import dev.continuum.federated.coordinator.internal.CoordinatorComponent;
import dev.continuum.federated.coordinator.internal.MqttLink;
import dev.continuum.federated.coordinator.internal.Publisher;
import dev.continuum.federated.coordinator.internal.RoundRecord;
import dev.continuum.inference.modelgen.Autoencoder;
import dev.continuum.inference.modelgen.GradientTrainer;
import dev.continuum.inference.modelgen.NormalProcess;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.update.internal.manifest.Verifier;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * Five gateways on differently shifted machines (non-IID) learn one anomaly model through a real
 * Mosquitto with the coordinator, while three enrolled participants poison every round and one never
 * answers; every message on the broker is captured to show that no window left a gateway.
 */
class FederatedLearningTest {

    private static final String ACCOUNT = "continuum";
    private static final int ROUNDS = 6;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+(?:[eE]-?\\d+)?");

    record Captured(String topic, byte[] bytes) {
    }

    @Test
    void fiveNonIidGatewaysLearnOneModelWithoutSharingDataAndPoisonedUpdatesAreRefused(@TempDir Path dir)
            throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            List<Captured> captured = new CopyOnWriteArrayList<>();
            MqttClient capture = new MqttClient(broker.uri(), "capture", new MemoryPersistence());
            capture.connect();
            // '#' does not match topics that start with '$' (MQTT 3.1.1, 4.7.2): the control topics need their own filter.
            for (String filter : List.of("#", "$EDC/#")) {
                capture.subscribe(filter, 1, (topic, message) -> captured.add(new Captured(topic, message.getPayload())));
            }

            List<Site> sites = new ArrayList<>();
            Map<String, PublicKey> enrolled = new LinkedHashMap<>();
            List<GatewayLoop> loops = new ArrayList<>();
            List<NormalProcess.Shift> shifts = NormalProcess.Shift.fiveSites();
            for (int g = 0; g < shifts.size(); g++) {
                Site site = new Site("gw-" + g, shifts.get(g), 100 + g, dir, 0.5);
                sites.add(site);
                enrolled.put(site.gateway, site.app.identity().publicKey());
                loops.add(new GatewayLoop(broker.uri(), ACCOUNT, site.gateway, site.app));
            }
            for (PoisoningApp.Poison poison : PoisoningApp.Poison.values()) {
                String gateway = "gw-" + poison.name().toLowerCase();
                PoisoningApp evil = new PoisoningApp(gateway, poison);
                enrolled.put(gateway, evil.enrolledKey().getPublic());
                loops.add(new GatewayLoop(broker.uri(), ACCOUNT, gateway, evil));
            }
            enrolled.put("gw-silent", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());

            GlobalModel initial = new GlobalModel("federated-anomaly", "1.0.0", Site.LENGTH, new double[] {0, 40},
                    new double[] {0.71, 0.71}, GradientTrainer.randomComponents(12, 2 * Site.LENGTH, 1));
            List<RoundRecord> history = new CopyOnWriteArrayList<>();
            Coordinator[] coordinator = new Coordinator[1];
            try (MqttLink link = new MqttLink(broker.uri(), ACCOUNT, "fed-coordinator", "", new char[0],
                    (app, gateway, resource, payload) -> CoordinatorComponent.deliver(coordinator[0], gateway, payload))) {
                coordinator[0] = new Coordinator(new Coordinator.Settings(5, 5000, 2, 0.01, 32, 10, 0, 0, 100, 5000),
                        enrolled, initial, 0, (gateway, body) -> link.request(gateway, "FED-V1", "EXEC/train", Map.of(),
                                body).thenApply(MqttLink::code), history::add, Clock.systemUTC());
                for (int r = 1; r <= ROUNDS; r++) {
                    RoundRecord record = coordinator[0].runRound();
                    assertThat(record.status()).isEqualTo(RoundRecord.AGGREGATED);
                    assertThat(record.accepted()).containsOnlyKeys("gw-0", "gw-1", "gw-2", "gw-3", "gw-4");
                    assertThat(record.rejected()).containsOnlyKeys("gw-nan", "gw-huge", "gw-forged");
                    assertThat(record.rejected().get("gw-nan")).startsWith("NOT_FINITE");
                    assertThat(record.rejected().get("gw-huge")).startsWith("NORM_BOUND");
                    assertThat(record.rejected().get("gw-forged")).startsWith("UNTRUSTED_KEY");
                    assertThat(record.stragglers()).containsExactly("gw-silent");
                }
            } finally {
                for (GatewayLoop loop : loops) {
                    loop.close();
                }
                sites.forEach(site -> site.app.close());
            }

            GlobalModel global = coordinator[0].global();
            double federated = Site.auc(global.autoencoder(), sites);
            double[][] pooled = sites.stream().flatMap(s -> Arrays.stream(s.buffer.training())).toArray(double[][]::new);
            double central = Site.auc(Autoencoder.train(pooled, 2, 12), sites);
            List<Double> locals = new ArrayList<>();
            for (Site site : sites) {
                locals.add(Site.auc(Autoencoder.train(site.buffer.training(), 2, 12), sites));
            }
            System.out.printf("federated learning, %d rounds: AUC federated %.4f, central %.4f, local %s (mean %.4f);"
                    + " history %s%n", ROUNDS, federated, central, locals,
                    locals.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), history.get(ROUNDS - 1));
            assertThat(federated).isGreaterThan(locals.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            assertThat(federated).isGreaterThan(central - 0.02);

            assertNoWindowLeftAnyGateway(captured, sites, global);
            assertThePublishedModelIsSignedAndScoresLikeTheGlobalModel(dir, global, sites);
        }
    }

    /** Every number in every captured message (metrics, bodies, signed payloads) is checked against every raw sample. */
    private static void assertNoWindowLeftAnyGateway(List<Captured> captured, List<Site> sites, GlobalModel global) {
        Set<Double> raw = new HashSet<>();
        for (Site site : sites) {
            for (double[][] windows : List.of(site.buffer.training(), site.buffer.holdout())) {
                for (double[] window : windows) {
                    for (double value : window) {
                        raw.add(value);
                    }
                }
            }
        }
        assertThat(captured).as("messages captured").isNotEmpty();
        int updates = 0;
        long checked = 0;
        for (Captured message : captured) {
            if (message.topic().contains("/NOTIFY/")) {
                updates++;
            }
            KuraPayload payload = KuraPayloadCodec.decode(message.bytes());
            StringBuilder text = new StringBuilder(payload.metrics().toString());
            if (payload.body() != null) {
                String body = new String(payload.body(), StandardCharsets.UTF_8);
                text.append(body);
                Matcher inner = Pattern.compile("\"payload\":\"([A-Za-z0-9+/=]+)\"").matcher(body);
                if (inner.find()) {
                    text.append(new String(Base64.getDecoder().decode(inner.group(1)), StandardCharsets.UTF_8));
                }
            }
            Matcher numbers = NUMBER.matcher(text);
            int count = 0;
            List<Double> leaked = new ArrayList<>();
            while (numbers.find()) {
                count++;
                double value = Double.parseDouble(numbers.group());
                if (raw.contains(value)) {
                    leaked.add(value);
                }
            }
            assertThat(leaked).as("raw sample values in %s", message.topic()).isEmpty();
            checked += count;
            // The largest message is the global model or an update: about one value per parameter, while
            // a gateway's buffer holds 1875 windows of 32 values.
            assertThat(count).as("numbers in %s", message.topic()).isLessThan(2 * global.parameterCount() + 100);
        }
        assertThat(updates).as("update notifications captured").isGreaterThanOrEqualTo(ROUNDS * 5);
        System.out.printf("privacy: %d messages captured, %d numbers in them checked against %d raw sample values%n",
                captured.size(), checked, raw.size());
    }

    private static void assertThePublishedModelIsSignedAndScoresLikeTheGlobalModel(Path dir, GlobalModel global,
            List<Site> sites) throws Exception {
        Path dpPackages = Paths.get(System.getProperty("continuum.dp.dir", "../dp-packages"));
        URI manifestUri = new Publisher(dir.resolve("published"), dpPackages.resolve("dev-keys/dev-signing-key.pk8"),
                dir.resolve("published").toUri()).publish(global, 1.0);
        byte[] signed = Files.readAllBytes(Path.of(manifestUri));
        PublicKey devKey = SignedUpdate.publicKey(Files.readAllLines(dpPackages.resolve("dev-keys/dev-signing-key.pub"))
                .get(2));
        UpdateManifest manifest = new Verifier(List.of(devKey)).verify(signed,
                new Verifier.Gateway("simulator", new Version("0.1.0"), Instant.now()), name -> Optional.empty(), false);
        assertThat(manifest.kind()).isEqualTo(UpdateManifest.Kind.MODEL);
        assertThat(manifest.version()).isEqualTo(global.version());

        Path onnx = Path.of(manifestUri).resolveSibling(global.name() + "-" + global.version() + ".onnx");
        Autoencoder model = global.autoencoder();
        double[][] holdout = sites.get(1).buffer.holdout();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(onnx))) {
            FloatBuffer input = ByteBuffer.allocateDirect(4 * 10 * global.width()).order(java.nio.ByteOrder.nativeOrder())
                    .asFloatBuffer();
            for (int w = 0; w < 10; w++) {
                for (double value : model.normalise(holdout[w])) {
                    input.put((float) value);
                }
            }
            input.flip();
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {10, global.width()});
                    OrtSession.Result result = session.run(Map.of("window", tensor))) {
                float[][] scores = (float[][]) result.get(0).getValue();
                for (int w = 0; w < 10; w++) {
                    assertThat((double) scores[w][0]).isCloseTo(model.score(model.normalise(holdout[w])),
                            org.assertj.core.data.Offset.offset(1e-3));
                }
            }
        }
    }
}
