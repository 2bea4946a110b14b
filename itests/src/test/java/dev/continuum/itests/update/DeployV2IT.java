package dev.continuum.itests.update;

import dev.continuum.itests.support.KapuaClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.continuum.api.update.UpdateAgent;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import dev.continuum.itests.support.KapuaClient.Notification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * DEPLOY-V2 through a real Mosquitto, with a Paho client playing Kapua and the packages served over HTTP on
 * loopback: a signed package is downloaded with progress notifications, installed, listed, stopped and
 * started, and uninstalled; a second download while one runs is refused; each kind of bad package is
 * refused with its reason in the notification.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployV2IT {

    private static final String APP = "DEPLOY-V2";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private UpdateAgent agent;

    private long jobs;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path fixtures = UpdateFixtures.build();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-deploy-"), Ports.free(), "core", "pipeline",
                    "cloud-mqtt", "update", "remote"),
            Runtime.pahoBundle(),
            systemPackages("com.sun.net.httpserver"),
            frameworkProperty("continuum.profile").value("simulator"),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString())};
    }

    @Test
    public void managesPackagesOverDeployV2WithProgressAndRefusesBadOnesWithTheirReason() throws Exception {
        Path fixtures = Paths.get(System.getProperty(UpdateFixtures.DIR));
        try (MosquittoBroker broker = MosquittoBroker.start(); FileServer server = new FileServer(fixtures)) {
            ManagedGateway.connect(context, configurationAdmin, "deploy", broker.uri());
            try (KapuaClient kapua = new KapuaClient(broker.uri(), "acme", "gw", "kapua")) {
                long built = download(kapua, server, fixtures, "built");
                List<Notification> download = Await.until(Duration.ofSeconds(60), "install completed", () -> {
                    List<Notification> install = kapua.notifications("install", built);
                    return install.stream().anyMatch(n -> "COMPLETED".equals(n.metric("dp.install.status")))
                            ? kapua.notifications("download", built) : null;
                });
                assertThat(download).extracting(n -> n.metric("dp.download.status"))
                        .contains("IN_PROGRESS").endsWith("COMPLETED");
                assertThat(download.get(download.size() - 1).metric("dp.download.progress")).isEqualTo(100);
                assertThat(body(kapua.request(APP, "GET/packages", Map.of())))
                        .contains("<name>" + UpdateFixtures.EXAMPLE + "</name>");
                assertThat(body(kapua.request(APP, "GET/bundles", Map.of())))
                        .contains("<name>" + UpdateFixtures.EXAMPLE + "</name>").contains("<state>ACTIVE</state>");

                stopAndStart(kapua);
                refusesBadPackages(kapua, server, fixtures);
                refusesASecondDownloadWhileOneRuns(kapua, server, fixtures);

                KuraPayload uninstall = kapua.request(APP, "EXEC/uninstall",
                        Map.of("dp.name", UpdateFixtures.EXAMPLE, "job.id", 99L));
                assertThat(uninstall.metrics()).containsEntry("response.code", 200);
                Await.until(Duration.ofSeconds(20), "uninstall notified", () -> kapua.notifications("uninstall", 99)
                        .stream().anyMatch(n -> "COMPLETED".equals(n.metric("dp.uninstall.status"))));
                assertThat(agent.packages()).isEmpty();
                assertThat(body(kapua.request(APP, "GET/packages", Map.of()))).doesNotContain(UpdateFixtures.EXAMPLE);
            }
        }
    }

    private void stopAndStart(KapuaClient kapua) throws Exception {
        Bundle example = Arrays.stream(context.getBundles())
                .filter(b -> UpdateFixtures.EXAMPLE.equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertThat(kapua.request(APP, "EXEC/stop/" + example.getBundleId(), Map.of()).metrics())
                .containsEntry("response.code", 200);
        assertThat(example.getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(kapua.request(APP, "EXEC/start/" + example.getBundleId(), Map.of()).metrics())
                .containsEntry("response.code", 200);
        assertThat(example.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(kapua.request(APP, "EXEC/stop/999999", Map.of()).metrics()).containsEntry("response.code", 404);
    }

    private void refusesBadPackages(KapuaClient kapua, FileServer server, Path fixtures) throws Exception {
        Map<String, String> expected = Map.of("tampered", "DIGEST_MISMATCH", "foreign", "UNTRUSTED_KEY",
                "expired", "EXPIRED", "older", "DOWNGRADE", "broken", "ROLLED_BACK");
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            long job = download(kapua, server, fixtures, bad.getKey());
            Notification failed = Await.until(Duration.ofSeconds(60), bad.getKey() + " refused", () -> kapua
                    .notifications().stream().filter(n -> Long.valueOf(job).equals(n.metric("job.id")))
                    .filter(n -> "FAILED".equals(n.metric("dp.download.status"))
                            || "FAILED".equals(n.metric("dp.install.status"))).findFirst().orElse(null));
            assertThat(failed.metric("dp.update.reason")).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(agent.packages()).as("after " + bad.getKey()).singleElement()
                    .satisfies(p -> assertThat(p.version()).startsWith("0.1.0."));
        }
    }

    private void refusesASecondDownloadWhileOneRuns(KapuaClient kapua, FileServer server, Path fixtures)
            throws Exception {
        long first = download(kapua, server, fixtures, "v1");
        KuraPayload second = kapua.request(APP, "EXEC/download", request(server, fixtures, "v1", ++jobs));
        assertThat(second.metrics()).containsEntry("response.code", 500);
        assertThat((String) second.metrics().get("response.exception.message")).contains("already in download");
        Await.until(Duration.ofSeconds(60), "v1 installed", () -> kapua.notifications("install", first).stream()
                .anyMatch(n -> "COMPLETED".equals(n.metric("dp.install.status"))));
        assertThat(agent.packages()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.0"));
        // back to the build's version for the next steps: a forced downgrade needs a signed permission,
        // so reinstall through uninstall + install
        agent.uninstall(UpdateFixtures.EXAMPLE);
        long again = download(kapua, server, fixtures, "built");
        Await.until(Duration.ofSeconds(60), "built reinstalled", () -> kapua.notifications("install", again).stream()
                .anyMatch(n -> "COMPLETED".equals(n.metric("dp.install.status"))));
    }

    private long download(KapuaClient kapua, FileServer server, Path fixtures, String fixture) throws Exception {
        long job = ++jobs;
        KuraPayload reply = kapua.request(APP, "EXEC/download", request(server, fixtures, fixture, job));
        assertThat(reply.metrics()).as("reply to the download of %s", fixture).containsEntry("response.code", 200);
        return job;
    }

    private static Map<String, Object> request(FileServer server, Path fixtures, String fixture, long job) {
        String manifest = UpdateFixtures.manifest(fixtures, fixture).getFileName().toString();
        String dp = fixture + "/" + manifest.replace(".update.json", "");
        return Map.of("dp.uri", server.uri(dp), "dp.name", UpdateFixtures.EXAMPLE, "dp.version", "?",
                "dp.download.protocol", "HTTP", "job.id", job, "dp.install", true);
    }

    private static String body(KuraPayload payload) {
        assertThat(payload.metrics()).containsEntry("response.code", 200);
        return new String(payload.body(), StandardCharsets.UTF_8);
    }
}
