package dev.continuum.itests.federated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.Record;
import dev.continuum.inference.modelgen.NormalProcess;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.KuraEndpoint;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real bundles end to end in one Felix: a gateway (features inference, cloud-mqtt, update, remote,
 * federated) whose training buffer is filled through the {@code federated-buffer} pipeline component, and
 * the coordinator (feature federated-coordinator) talking to it through a real Mosquitto. Four rounds; the
 * model of round 2 is rolled out through the signed model-update path and becomes active (nothing to
 * shadow yet); the model of round 4 runs in shadow beside it while windows are scored, and is promoted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FederatedRolloutIT {

    private static final String MODEL = "federated-anomaly";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private InferenceService inference;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path data = Files.createTempDirectory("continuum-federated-");
        return new Option[] {
            Runtime.features(data, Ports.free(), "core", "inference", "cloud-mqtt", "update", "remote", "federated",
                    "federated-coordinator"),
            org.ops4j.pax.exam.CoreOptions.systemProperty("test.data").value(data.toString())};
    }

    @Test
    public void roundsOverMqttEndInASignedModelThatIsInstalledThenShadowedAndPromoted() throws Exception {
        Path data = Paths.get(System.getProperty("test.data"));
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            configure("dev.continuum.federated.participant", Map.of("clientId", "gw", "minSamples", 100,
                    "cpuShare", 0.5));
            fillBuffer();
            KuraEndpoint.connect(context, configurationAdmin, "federated", broker.uri(), "gw", "continuum");
            Path identity = data.resolve("federated/identity.pub");
            Await.until(Duration.ofSeconds(20), "gateway identity", () -> Files.exists(identity) ? identity : null);
            String publicKey = Files.readString(identity).trim();
            Path dpPackages = Paths.get(System.getProperty("continuum.dp.dir", "../dp-packages")).toAbsolutePath();
            Path published = Files.createDirectories(data.resolve("published"));
            configure("dev.continuum.federated.coordinator", Map.ofEntries(Map.entry("brokerUri", broker.uri()),
                    Map.entry("account", "continuum"), Map.entry("participants", new String[] {"gw=" + publicKey}),
                    Map.entry("minParticipants", 1), Map.entry("rounds", 4), Map.entry("rolloutEvery", 2),
                    Map.entry("roundSeconds", 30L), Map.entry("signingKey",
                            dpPackages.resolve("dev-keys/dev-signing-key.pk8").toString()),
                    Map.entry("publishDir", published.toString()), Map.entry("publishBaseUri",
                            published.toUri().toString()), Map.entry("promoteAfterSeconds", 10L),
                    Map.entry("minAgreement", 0.9)));

            assertThat(componentState("dev.continuum.federated.coordinator")).isEqualTo("ACTIVE");
            Await.until(Duration.ofSeconds(120), "round 2's model active", () -> inference.status(MODEL)
                    .filter(s -> s.activeVersion().equals("1.0.2")).orElse(null));
            Await.until(Duration.ofSeconds(120), "round 4's model in shadow", () -> inference.status(MODEL)
                    .filter(s -> s.shadowVersion().orElse("").equals("1.0.4")).orElse(null));
            NormalProcess machine = new NormalProcess(99);
            Await.until(Duration.ofSeconds(60), "round 4's model promoted", () -> {
                List<Window> windows = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    windows.add(window(machine.window(16)));
                }
                try {
                    inference.inferBatch(MODEL, windows);
                } catch (InferenceException e) {
                    throw new IllegalStateException(e);
                }
                return inference.status(MODEL).filter(s -> s.activeVersion().equals("1.0.4")).orElse(null);
            });
            List<String> history = Files.readAllLines(data.resolve("federated-coordinator/history.jsonl"));
            assertThat(history).hasSize(4).allMatch(line -> line.contains("\"status\":\"AGGREGATED\""));
            // Once a federated version serves, each update carries the gateway's comparison with it.
            assertThat(history.get(3)).contains("holdout.loss.active", "holdout.alarms.active");
            assertThat(Files.readString(data.resolve("federated-coordinator/global.json"))).contains("\"version\":\"1.0.4\"");
        }
    }

    /** ACTIVE, or what keeps the bundle's component from it (unresolved bundle, activation failure). */
    private String componentState(String bsn) {
        org.osgi.framework.Bundle bundle = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals(bsn)).findFirst().orElseThrow();
        if (bundle.getState() != org.osgi.framework.Bundle.ACTIVE) {
            return "bundle " + bsn + " in state " + bundle.getState();
        }
        org.osgi.service.component.runtime.ServiceComponentRuntime scr = context.getService(context.getServiceReference(
                org.osgi.service.component.runtime.ServiceComponentRuntime.class));
        return Await.until(Duration.ofSeconds(30), bsn + " component settled", () -> {
            for (var description : scr.getComponentDescriptionDTOs(bundle)) {
                for (var dto : scr.getComponentConfigurationDTOs(description)) {
                    if (dto.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE) {
                        return "ACTIVE";
                    }
                    if (dto.failure != null) {
                        return dto.failure;
                    }
                }
            }
            return null;
        });
    }

    private static Window window(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return new Window(Instant.now(), Instant.now(), floats, false);
    }

    /** Feeds 2000 windows of a normal machine through the federated-buffer pipeline component. */
    private void fillBuffer() throws Exception {
        ServiceTracker<ComponentFactory, ComponentFactory> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ComponentFactory.class.getName() + ")("
                        + ComponentFactory.TYPE + "=federated-buffer))"), null);
        tracker.open();
        try {
            ComponentFactory factory = tracker.waitForService(20_000);
            assertThat(factory).as("the federated-buffer component type").isNotNull();
            Component buffer = factory.create(new ComponentContext() {
                @Override
                public String pipeline() {
                    return "test";
                }

                @Override
                public String name() {
                    return "buffer";
                }

                @Override
                public Map<String, Object> config() {
                    return Map.of("channels", "vibration,temperature", "length", 16);
                }

                @Override
                public Emitter output() {
                    return record -> { };
                }
            });
            NormalProcess machine = new NormalProcess(5);
            Emitter none = record -> { };
            for (int i = 0; i < 2000 * 16; i++) {
                double[] sample = machine.next();
                Instant now = Instant.now();
                buffer.accept(new Record(now, Map.of(Record.CHANNEL, TypedValue.ofString("vibration"), Record.VALUE,
                        TypedValue.ofDouble(sample[0]), Record.STATUS, TypedValue.ofString("GOOD"))), none);
                buffer.accept(new Record(now, Map.of(Record.CHANNEL, TypedValue.ofString("temperature"), Record.VALUE,
                        TypedValue.ofDouble(sample[1]))), none);
            }
        } finally {
            tracker.close();
        }
    }

    private void configure(String pid, Map<String, Object> values) throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        configuration.update(new Hashtable<>(values));
    }
}
