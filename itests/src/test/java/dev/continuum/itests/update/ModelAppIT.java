package dev.continuum.itests.update;

import dev.continuum.itests.support.KapuaClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import dev.continuum.itests.support.KapuaClient.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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

/**
 * The MODEL-V1 app through a real Mosquitto, a Paho client playing the management side and the signed
 * model served over HTTP on loopback: verify -> install, shadow -> promote -> rollback, all remotely; a
 * tampered model is refused with its reason.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModelAppIT {

    private static final String APP = "MODEL-V1";
    private static final String MODEL = UpdateFixtures.MODEL;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private InferenceService inference;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path fixtures = Files.createTempDirectory("continuum-model-app-");
        UpdateFixtures.buildModels(fixtures);
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-model-app-data-"), Ports.free(), "core", "inference",
                    "cloud-mqtt", "update", "remote"),
            Runtime.pahoBundle(),
            systemPackages("com.sun.net.httpserver"),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString())};
    }

    @Test
    public void installsShadowsPromotesAndRollsBackAModelRemotely() throws Exception {
        Path fixtures = Paths.get(System.getProperty(UpdateFixtures.DIR));
        Await.until(Duration.ofSeconds(60), "default model loaded", () -> inference.status(MODEL).orElse(null));
        try (MosquittoBroker broker = MosquittoBroker.start(); FileServer server = new FileServer(fixtures)) {
            ManagedGateway.connect(context, configurationAdmin, "models", broker.uri());
            try (KapuaClient kapua = new KapuaClient(broker.uri(), "acme", "gw", "ops")) {
                assertThat(ok(kapua.request(APP, "GET/models", Map.of()))).containsEntry(MODEL + ".active", "1.0.0");

                assertThat(install(kapua, server, fixtures, "model-tampered", false, 1).metric("dp.update.reason"))
                        .isEqualTo("DIGEST_MISMATCH");
                assertThat(install(kapua, server, fixtures, "model-2", false, 2).metric("model.install.status"))
                        .isEqualTo("COMPLETED");
                assertThat(install(kapua, server, fixtures, "model-3", true, 3).metric("model.install.status"))
                        .isEqualTo("COMPLETED");
                assertThat(ok(kapua.request(APP, "GET/models", Map.of()))).containsEntry(MODEL + ".active", "2.0.0")
                        .containsEntry(MODEL + ".shadow", "3.0.0");
                assertThat(ok(kapua.request(APP, "GET/shadow/" + MODEL, Map.of())))
                        .containsEntry("shadow.version", "3.0.0");

                assertThat(ok(kapua.request(APP, "EXEC/promote/" + MODEL, Map.of())))
                        .containsEntry("model.active", "3.0.0");
                assertThat(ok(kapua.request(APP, "EXEC/rollback/" + MODEL, Map.of())))
                        .containsEntry("model.active", "2.0.0");
                assertThat(inference.status(MODEL).orElseThrow().activeVersion()).isEqualTo("2.0.0");
                assertThat(kapua.request(APP, "EXEC/promote/" + MODEL, Map.of()).metrics())
                        .containsEntry("response.code", 400);
            }
        }
    }

    private Notification install(KapuaClient kapua, FileServer server, Path fixtures, String fixture, boolean shadow,
            long job) throws Exception {
        String manifest = fixture + "/" + UpdateFixtures.manifest(fixtures, fixture).getFileName();
        ok(kapua.request(APP, "EXEC/download", Map.of("model.manifest.uri", server.uri(manifest), "job.id", job,
                "model.shadow", Boolean.toString(shadow))));
        return Await.until(Duration.ofSeconds(120), fixture + " finished", () -> kapua.notifications("install", job)
                .stream().findFirst().orElse(null));
    }

    private static Map<String, Object> ok(KuraPayload reply) {
        assertThat(reply.metrics()).containsEntry("response.code", 200);
        return reply.metrics();
    }
}
