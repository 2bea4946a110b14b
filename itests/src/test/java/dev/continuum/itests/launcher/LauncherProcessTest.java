package dev.continuum.itests.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.GatewayProcess;
import dev.continuum.itests.support.Http;
import dev.continuum.itests.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a process: start, console, clean stop on SIGTERM, and refusal of bad input. */
class LauncherProcessTest {

    @TempDir
    Path work;

    @Test
    void startsTheBaseRuntimeThenStopsCleanlyOnSigterm() throws Exception {
        int port = Ports.free();
        try (GatewayProcess gateway = GatewayProcess.start(work, "--features", "core,console",
                "--data", work.resolve("data").toString(), "--property", "org.osgi.service.http.port=" + port,
                "--property", "org.apache.felix.http.host=127.0.0.1",
                "--property", "org.osgi.service.http.port.secure=" + Ports.free())) {
            String url = "http://127.0.0.1:" + port + "/system/console";
            Await.until(Duration.ofSeconds(60), "console answering 401", () -> Http.get(url, null, null) == 401);
            Await.until(Duration.ofSeconds(10), "start banner", () -> gateway.output().contains("Continuum is running"));
            String password = Files.readString(work.resolve("data/security/initial-admin-password")).trim();
            assertThat(gateway.output()).contains("Console:   http://127.0.0.1:" + port + "/system/console")
                    .contains("admin / " + password)
                    .doesNotContain("ERROR");

            int exit = gateway.terminate(Duration.ofSeconds(30));

            assertThat(exit).as(gateway.output()).isZero();
            assertThat(gateway.output()).contains("stopping the gateway").containsPattern("stopped in \\d+ ms");
            assertThat(Files.readString(work.resolve("data/log/continuum.log"))).contains("stopped in");
        }
    }

    @Test
    void aSecondStartKeepsTheAdminPasswordAndReusesTheBundleCache() throws Exception {
        int port = Ports.free();
        Path data = work.resolve("data");
        String[] args = {"--features", "core,console", "--data", data.toString(),
            "--property", "org.osgi.service.http.port=" + port,
            "--property", "org.osgi.service.http.port.secure=" + Ports.free()};
        String first;
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("one"), args)) {
            Await.until(Duration.ofSeconds(60), "first start", () -> gateway.output().contains("Continuum is running"));
            first = Files.readString(data.resolve("security/initial-admin-password")).trim();
            assertThat(gateway.terminate(Duration.ofSeconds(30))).isZero();
        }
        try (GatewayProcess gateway = GatewayProcess.start(work.resolve("two"), args)) {
            Await.until(Duration.ofSeconds(60), "second start", () -> gateway.output().contains("Continuum is running"));
            String url = "http://127.0.0.1:" + port + "/system/console/bundles";
            // Still the one-time password (a wrong one would be 401); it must be changed before use (403).
            // Polled: the HTTP service starts once the console's HTTPS configuration reaches it.
            Await.until(Duration.ofSeconds(30), "the kept one-time password recognised",
                    () -> Http.get(url, "admin", first) == 403);
            assertThat(gateway.output()).doesNotContain("installed ").doesNotContain("ERROR");
            assertThat(gateway.terminate(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void aMalformedProfileStopsStartupNamingTheFileAndKey() throws Exception {
        Path hardware = Files.createDirectories(work.resolve("hw/broken"));
        Files.writeString(hardware.resolve("profile.json"), "{\"name\": \"broken\", \"features\": \"core\"}");
        try (GatewayProcess gateway = GatewayProcess.start(work, "--hardware-dir", work.resolve("hw").toString(),
                "--profile", "broken", "--data", work.resolve("data").toString())) {
            assertThat(gateway.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(gateway.output())
                    .contains("broken/profile.json: $.features: expected an array, got \"core\"");
        }
    }

    @Test
    void anUnknownOptionPrintsTheUsage() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(work, "--profle", "simulator")) {
            assertThat(gateway.waitFor(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(gateway.output()).contains("unknown option '--profle'").contains("usage: continuum");
        }
    }
}
