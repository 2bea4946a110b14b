package dev.continuum.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The amd64 package's life in an isolated root: install, run, manage, upgrade, refused downgrade, purge.
 *
 * <p>The root is a folder with an empty dpkg database; dpkg installs into it with
 * {@code --root --force-script-chrootless}, so the maintainer scripts run on this machine with
 * {@code DPKG_ROOT} set (they prefix every path with it) and the host's Java. The gateway runs from the
 * installed {@code /opt/continuum/bin/continuum} with {@code CONTINUUM_ROOT}. Steps run in order and share
 * the root: each builds on the state the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {

    static final String PACKAGE = DebPackageIT.AMD64;
    static final String NEW_PASSWORD = "correct horse battery staple";

    @TempDir
    static Path work;
    static Path root;
    static Path v1;
    static Path v2;
    static int port;

    @BeforeAll
    static void freshRoot() throws IOException {
        assumeTrue("0".equals(Command.run(List.of("id", "-u")).ok().trim()),
                "installing packages into a root needs root (file ownership, useradd)");
        v1 = Debs.of(PACKAGE, "amd64");
        root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(root.resolve("var/log"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @Test
    @Order(1)
    void firstInstallCreatesUserFoldersIdentityAndOneTimePassword() throws Exception {
        String output = dpkg(Map.of(), "--install", v1.toString()).ok();

        assertThat(output).contains("the one-time admin password is in",
                "/var/lib/continuum/security/initial-admin-password");
        assertThat(status()).contains("Status: install ok installed");
        assertThat(Files.readString(root.resolve("etc/passwd"))).containsPattern("(?m)^continuum:x:\\d+:\\d+:.*:/var/lib/continuum:/usr/sbin/nologin$");
        assertThat(Files.readString(root.resolve("etc/group"))).containsPattern("(?m)^gpio:");
        Path data = root.resolve("var/lib/continuum");
        assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(uid("continuum"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(root.resolve("var/log/continuum")).isDirectory();
        assertThat(Files.readString(data.resolve("identity/gateway-id")).trim())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        X509Certificate opcua = certificate(data.resolve("opcua/pki/own/gateway.p12"), "continuum", "gateway");
        assertThat(opcua.getSubjectAlternativeNames()).anySatisfy(name ->
                assertThat(name.get(1).toString()).startsWith("urn:continuum:gateway:"));
        String httpsPassword = Files.readString(data.resolve("identity/https.p12.password")).trim();
        assertThat(certificate(data.resolve("identity/https.p12"), httpsPassword, "https").getSubjectX500Principal()
                .getName()).contains("O=Continuum");
        assertThat(Files.readString(data.resolve("security/initial-admin-password")).trim()).hasSize(20);
        assertThat(Files.readString(data.resolve("security/admin.pbkdf2"))).startsWith("pbkdf2-sha256$120000$");
        assertThat(Files.getAttribute(data.resolve("security/admin.pbkdf2"), "unix:uid")).isEqualTo(uid("continuum"));
    }

    /**
     * The installed runtime with its core features (the board's GPIO features need the board: on a test
     * machine they are DOWN; the watchdog is fed for liveness all the same, see HealthReporter).
     */
    @Test
    @Order(2)
    void gatewayRunsFromTheInstallationAndNotifiesSystemdWhileHealthy() throws Exception {
        Files.writeString(root.resolve("etc/continuum/framework.properties"), "org.osgi.service.http.port=" + port
                + "\norg.apache.felix.http.host=127.0.0.1\n", java.nio.file.StandardOpenOption.APPEND);
        String initialPassword = InstalledGateway.ctl(root, null, "initial-password").ok().trim();
        NotifySocket systemd = NotifySocket.start(work);
        try (InstalledGateway gateway = InstalledGateway.start(root, systemd.environment(), "--features", "core,console")) {
            gateway.awaitUp();

            // Accepted: 200, or 403 where the console makes the one-time password be changed first.
            assertThat(InstalledGateway.awaitConsole(port, "admin", initialPassword)).isIn(200, 403);
            assertThat(InstalledGateway.console(port, "admin", "wrong-password")).isEqualTo(401);
            if (systemd.available()) {
                Await.until(Duration.ofSeconds(30), "READY=1 and two WATCHDOG=1", systemd::messages,
                        messages -> messages.contains("READY=1 STATUS=started")
                                && messages.stream().filter("WATCHDOG=1"::equals).count() >= 2);
            }
            assertThat(gateway.stop()).as("exit code after SIGTERM").isZero();
            if (systemd.available()) {
                assertThat(systemd.messages()).contains("STOPPING=1 STATUS=stopping");
            }
        } finally {
            systemd.close();
        }
        Command stopped = InstalledGateway.ctl(root, null, "status");
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(stopped.output()).contains("health:   not running");
        assertThat(root.resolve("var/log/continuum/continuum.log")).content().contains("Continuum started in");
        assertThat(root.resolve("var/lib/continuum/log/continuum.log")).doesNotExist();
    }

    @Test
    @Order(3)
    void continuumctlSetsThePasswordTrustsCertificatesAndTakesSupportBundles() throws Exception {
        Path data = root.resolve("var/lib/continuum");
        assertThat(InstalledGateway.ctl(root, null, "logs", "-n", "400").ok()).contains("Continuum started in");
        assertThat(InstalledGateway.ctl(root, null, "version").ok())
                .startsWith(PACKAGE + " " + Debs.field(v1, "Version") + " (amd64, board industrial-pc-x86_64)");
        Command tooShort = InstalledGateway.ctl(root, "short\n", "set-password");
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.output()).contains("at least 12 characters");

        InstalledGateway.ctl(root, NEW_PASSWORD + "\n", "set-password").ok();
        assertThat(data.resolve("security/initial-admin-password")).doesNotExist();
        assertThat(InstalledGateway.ctl(root, null, "initial-password").exitCode()).isEqualTo(2);

        Path pem = work.resolve("plc-server.pem");
        Path keys = work.resolve("plc.p12");
        Command.run(List.of("keytool", "-genkeypair", "-keystore", keys.toString(), "-storepass", "changeit",
                "-alias", "plc", "-keyalg", "EC", "-dname", "CN=plc-1")).ok();
        Command.run(List.of("keytool", "-exportcert", "-rfc", "-keystore", keys.toString(), "-storepass", "changeit",
                "-alias", "plc", "-file", pem.toString())).ok();
        assertThat(InstalledGateway.ctl(root, null, "trust", pem.toString()).ok()).contains("CN=plc-1");
        assertThat(data.resolve("opcua/pki/trusted/certs/plc-server.pem")).hasSameBinaryContentAs(pem);
        Path notACertificate = Files.writeString(work.resolve("notes.txt"), "hello\n");
        Command refused = InstalledGateway.ctl(root, null, "trust", notACertificate.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("is not an X.509 certificate");

        Files.writeString(root.resolve("etc/continuum/framework.properties"), "cloud.mqtt.password=hunter2-secret\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path bundle = work.resolve("support.tar.gz");
        InstalledGateway.ctl(root, null, "support-bundle", bundle.toString()).ok();
        Path unpacked = Files.createDirectories(work.resolve("support"));
        Command.run(List.of("tar", "-xzf", bundle.toString(), "-C", unpacked.toString())).ok();
        Path top = unpacked.resolve("continuum-support");
        assertThat(top.resolve("etc/framework.properties")).content()
                .contains("org.osgi.service.http.port=" + port, "cloud.mqtt.password=<redacted>")
                .doesNotContain("hunter2");
        assertThat(top.resolve("logs/continuum.log")).content().contains("Continuum started in");
        assertThat(top.resolve("configuration.json")).exists();
        assertThat(top.resolve("system.txt")).content().contains("## java");
        assertThat(top.resolve("health.txt")).content().contains("not running");
        String hash = Files.readString(data.resolve("security/admin.pbkdf2")).trim();
        try (Stream<Path> files = Files.walk(top)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(file.getFileName().toString())
                        .isNotIn("admin.pbkdf2", "initial-admin-password", "gateway.p12", "https.p12", "gateway-id");
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(hash, "hunter2");
            }
        }
    }

    @Test
    @Order(4)
    void upgradeKeepsDataConfigurationCertificatesAndModels() throws Exception {
        Path data = root.resolve("var/lib/continuum");
        Files.createDirectories(data.resolve("models"));
        Files.writeString(data.resolve("models/anomaly-v7.onnx"), "model bytes");
        Map<Path, byte[]> kept = new java.util.HashMap<>();
        for (String file : List.of("identity/gateway-id", "identity/https.p12", "opcua/pki/own/gateway.p12",
                "opcua/pki/trusted/certs/plc-server.pem", "security/admin.pbkdf2", "models/anomaly-v7.onnx")) {
            kept.put(data.resolve(file), Files.readAllBytes(data.resolve(file)));
        }
        Path settings = root.resolve("etc/continuum/framework.properties");
        String changedSettings = Files.readString(settings);
        List<String> cachedBundles = list(data.resolve("framework"));
        v2 = repack(v1, Debs.field(v1, "Version") + "+1");

        dpkg(Map.of(), "--install", v2.toString()).ok();

        assertThat(status()).contains("Version: " + Debs.field(v1, "Version") + "+1", "Status: install ok installed");
        kept.forEach((file, bytes) -> assertThat(file).as(file.toString()).hasBinaryContent(bytes));
        assertThat(settings).hasContent(changedSettings);
        assertThat(list(data.resolve("framework"))).containsAll(cachedBundles);
        try (InstalledGateway gateway = InstalledGateway.start(root, Map.of())) {
            // The board's profile this time (its GPIO checks may be DOWN without the board's chips).
            gateway.awaitStatusLine("  Bundles                  UP");
            assertThat(gateway.output()).contains("profile industrial-pc-x86_64");
            assertThat(InstalledGateway.awaitConsole(port, "admin", NEW_PASSWORD)).isEqualTo(200);
            assertThat(gateway.stop()).isZero();
        }
    }

    @Test
    @Order(5)
    void downgradeIsRefusedUnlessForced() throws Exception {
        String newer = Debs.field(v1, "Version") + "+1";
        Command refused = dpkg(Map.of(), "--install", v1.toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("refusing to downgrade from " + newer);
        assertThat(status()).contains("Version: " + newer, "Status: install ok installed");

        dpkg(Map.of("CONTINUUM_ALLOW_DOWNGRADE", "1"), "--install", v1.toString()).ok();
        assertThat(status()).contains("Version: " + Debs.field(v1, "Version") + "\n", "Status: install ok installed");
        assertThat(root.resolve("var/lib/continuum/security/admin.pbkdf2")).exists();
    }

    @Test
    @Order(6)
    void purgeRemovesEverything() {
        dpkg(Map.of(), "--purge", PACKAGE).ok();

        assertThat(status()).doesNotContain("Status: install ok installed");
        for (String path : List.of("opt/continuum", "etc/continuum", "var/lib/continuum", "var/log/continuum",
                "lib/systemd/system/continuum.service", "usr/bin/continuumctl")) {
            assertThat(root.resolve(path)).as(path).doesNotExist();
        }
        assertThat(root.resolve("etc/passwd")).content().doesNotContain("continuum");
    }

    private static Command dpkg(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--log=" + root.resolve("var/log/dpkg.log"),
                "--force-script-chrootless", "--force-depends", "--force-confold"));
        command.addAll(List.of(arguments));
        return Command.run(command, environment, null);
    }

    private static String status() {
        return Command.run(List.of("dpkg", "--root=" + root, "--status", PACKAGE)).output();
    }

    private static int uid(String user) throws IOException {
        for (String line : Files.readAllLines(root.resolve("etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields[0].equals(user)) {
                return Integer.parseInt(fields[2]);
            }
        }
        throw new AssertionError("no user " + user + " in the root's /etc/passwd");
    }

    private static X509Certificate certificate(Path store, String password, String alias) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password.toCharArray());
        }
        assertThat(keyStore.isKeyEntry(alias)).as("%s has the key %s", store, alias).isTrue();
        return (X509Certificate) keyStore.getCertificate(alias);
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(directory::relativize).map(Path::toString).filter(name -> name.endsWith(".jar")
                    || name.endsWith("bundle.location")).sorted().toList();
        }
    }

    /** The same package as a newer version: what the next build would be, without building again. */
    private static Path repack(Path deb, String version) throws IOException {
        Path tree = work.resolve("repack");
        Command.run(List.of("dpkg-deb", "--raw-extract", deb.toString(), tree.toString())).ok();
        for (String file : List.of("DEBIAN/control", "DEBIAN/preinst")) {
            Path path = tree.resolve(file);
            Files.writeString(path, Files.readString(path).replace(Debs.field(deb, "Version"), version));
        }
        Path newer = work.resolve(PACKAGE + "_" + version + "_amd64.deb");
        Command.run(List.of("dpkg-deb", "-Zgzip", "-z1", "--root-owner-group", "--build", tree.toString(),
                newer.toString())).ok();
        return newer;
    }
}
