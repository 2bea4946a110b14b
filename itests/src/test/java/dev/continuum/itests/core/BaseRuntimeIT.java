package dev.continuum.itests.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthReport;
import dev.continuum.api.health.HealthStatus;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Http;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import dev.continuum.itests.support.TestFramework;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The base runtime (features core + console) on the framework of this run (Felix or Equinox): every
 * bundle active, health UP, the console closed to anonymous users and to admin/admin, open with the
 * one-time password, and default configuration applied with a bad entry isolated.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BaseRuntimeIT {

    // Only the driver side uses these: the probe inside the framework reads them from framework properties.
    private static final Path DATA = tempDir();
    private static final int HTTP_PORT = Ports.free();

    @Inject
    private BundleContext context;

    @Inject
    private GatewayHealth health;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        Option base = Runtime.features(DATA, HTTP_PORT, "core", "console");
        // One default with a value that cannot be converted, beside good ones: only it is rejected.
        Path file = DATA.resolve("run").resolve("configuration.json");
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\{",
                    "{\"itest.bad\": {\"port:Integer\": \"eighty\"}, \"itest.good\": {\"port:Integer\": 80},"
                            + " \"itest.factory~one\": {\"name\": \"first\"},");
            Runtime.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Option[] {base};
    }

    @Test
    public void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertThat(notActive).as("bundles not ACTIVE on %s", TestFramework.name()).isEmpty();
        assertThat(context.getBundles()).extracting(Bundle::getSymbolicName)
                .contains("dev.continuum.api", "dev.continuum.core", "dev.continuum.console",
                        "org.apache.felix.scr", "org.apache.felix.webconsole", "org.apache.felix.http.jetty12");
    }

    @Test
    public void healthIsUpAndNamesTheCoreChecks() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HealthReport report = health.report();
        while (report.status() != HealthStatus.UP && System.nanoTime() < deadline) {
            Await.pause(Duration.ofMillis(100));
            report = health.report();
        }
        assertThat(report.status()).as("health on %s: %s", TestFramework.name(), report).isEqualTo(HealthStatus.UP);
        assertThat(report.components()).extracting(ComponentHealth::name).contains("Bundles", "Components");
        assertThat(report.components()).allSatisfy(c -> assertThat(c.status()).isEqualTo(HealthStatus.UP));
    }

    @Test
    public void consoleAnswers401WithoutCredentialsAndRejectsTheFactoryDefaultPassword() throws IOException {
        String url = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/system/console/bundles";
        // The HTTP service starts once the console's HTTPS configuration reaches it: wait for HTTPS.
        int securePort = Integer.parseInt(context.getProperty("org.osgi.service.http.port.secure"));
        Await.until(Duration.ofSeconds(60), "HTTPS listening", () -> {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", securePort), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        // Then the Web Console registers its servlet (404 until it has).
        Await.until(Duration.ofSeconds(20), "console answering", () -> {
            int code = Http.get(url, null, null);
            return code > 0 && code != 404;
        });

        assertThat(Http.get(url, null, null)).isEqualTo(401);
        assertThat(Http.get(url, "admin", "admin")).isEqualTo(401);

        Path data = Path.of(context.getProperty("continuum.data"));
        String oneTime = Files.readString(data.resolve("security/initial-admin-password")).trim();
        // The one-time password is right but must be changed first (the console's own itests change it).
        assertThat(Http.get(url, "admin", oneTime)).isEqualTo(403);
    }

    @Test
    public void withoutTheGatewaysSecurityProviderTheConsoleServesNothingNotEvenToAdminAdmin() throws Exception {
        String url = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + "/system/console/bundles";
        Bundle console = java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("dev.continuum.console"))
                .findFirst().orElseThrow();
        Await.until(Duration.ofSeconds(20), "console answering", () -> Http.get(url, null, null) == 401);
        console.stop();
        try {
            assertThat(Http.get(url, "admin", "admin")).isNotEqualTo(200);
            assertThat(Http.get(url, null, null)).isNotEqualTo(200);
        } finally {
            console.start();
        }
        Await.until(Duration.ofSeconds(20), "console back behind authentication", () -> Http.get(url, null, null) == 401);
    }

    @Test
    public void defaultConfigurationIsAppliedAndABadEntryIsRejectedAlone() throws Exception {
        Configuration good = configurationAdmin.getConfiguration("itest.good", "?");
        assertThat(good.getProperties()).isNotNull();
        assertThat(good.getProperties().get("port")).isEqualTo(80);
        Configuration[] factory = configurationAdmin.listConfigurations("(service.factoryPid=itest.factory)");
        assertThat(factory).hasSize(1);
        assertThat(factory[0].getProperties().get("name")).isEqualTo("first");
        assertThat(configurationAdmin.listConfigurations("(service.pid=itest.bad)")).isNull();
        Configuration fromFeature = configurationAdmin.getConfiguration("dev.continuum.core.health", "?");
        assertThat(fromFeature.getProperties().get("intervalSeconds")).isEqualTo(10);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("continuum-itest-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
