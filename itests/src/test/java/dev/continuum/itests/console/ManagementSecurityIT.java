package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import javax.net.ssl.HttpsURLConnection;
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
 * The management plane's security with the real runtime (core, console, pipeline): forced change of the
 * one-time password, roles on every kind of change, brute-force lock-out per account and address (and
 * its audit entry), HTTPS with the generated certificate, redirect, cookies, CSRF, headers, no TRACE.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementSecurityIT {

    static final int MAX_FAILURES = 3;
    // Long enough for the five refused requests below (two of them on new HTTPS clients) on a loaded CI box.
    static final int LOCK_SECONDS = 10;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path data = Files.createTempDirectory("continuum-console-");
        Option base = Runtime.features(data, Ports.free(), "core", "console", "pipeline");
        Path file = data.resolve("run").resolve("configuration.json");
        Runtime.write(file, Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\{",
                "{\"dev.continuum.console.security\": {\"maxFailures:Integer\": " + MAX_FAILURES
                        + ", \"lockSeconds:Integer\": " + LOCK_SECONDS + "},"));
        return new Option[] {base};
    }

    @Test
    public void viewerCanReadButChangeNothing() throws IOException {
        Gateway gateway = new Gateway(context);
        Api viewer = gateway.user("vera", "viewer");
        for (String path : List.of("/api/v1/health", "/api/v1/assets", "/api/v1/pipelines", "/api/v1/config",
                "/api/v1/endpoints", "/api/v1/packages")) {
            assertThat(viewer.get(path).status()).as(path).isEqualTo(200);
        }
        JsonObject graph = Api.json("{\"components\": [], \"wires\": []}");
        List<Api.Reply> refused = List.of(
                viewer.send("PUT", "/api/v1/pipelines/p1", graph),
                viewer.send("DELETE", "/api/v1/pipelines/p1", null),
                viewer.send("POST", "/api/v1/assets/a/write", Api.json("{\"x\": 1}")),
                viewer.send("POST", "/api/v1/models", Api.json("{\"model\": \"\", \"manifest\": {}}")),
                viewer.send("POST", "/api/v1/models/m/promote", new JsonObject()),
                viewer.send("POST", "/api/v1/models/m/rollback", new JsonObject()),
                viewer.send("PUT", "/api/v1/config/dev.continuum.console.security", Api.json("{\"maxFailures\": 9}")),
                viewer.send("POST", "/api/v1/packages", "x", "application/octet-stream", null),
                viewer.send("DELETE", "/api/v1/packages/x", null),
                viewer.send("PUT", "/api/v1/users/eve", Api.json("{\"role\": \"admin\", \"password\": \"123456789012\"}")),
                viewer.get("/api/v1/users"),
                viewer.get("/api/v1/audit"));
        assertThat(refused).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("forbidden");
            assertThat(reply.object().get("message").getAsString()).contains("needs the role");
        });
        assertThat(gateway.admin().get("/api/v1/users").body().toString()).doesNotContain("\"eve\"");
    }

    @Test
    public void operatorChangesPipelinesButCannotManageUsersOrConfiguration() throws IOException {
        Gateway gateway = new Gateway(context);
        Api operator = gateway.user("otto", "operator");
        JsonObject graph = Api.json("{\"components\": [{\"name\": \"in\", \"type\": \"source\", \"config\":"
                + " {\"channels\": \"press1/*\"}}, {\"name\": \"hot\", \"type\": \"filter\", \"config\":"
                + " {\"expression\": \"value > 80\"}}], \"wires\": [{\"emitter\": \"in\", \"receiver\": \"hot\"}]}");
        Api.Reply created = operator.send("PUT", "/api/v1/pipelines/line", graph);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonObject broken = graph.deepCopy();
        broken.getAsJsonArray("components").get(1).getAsJsonObject().getAsJsonObject("config")
                .addProperty("expression", "value >");
        Api.Reply rejected = operator.send("PUT", "/api/v1/pipelines/line", broken);
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.code()).isEqualTo("invalid_graph");
        assertThat(rejected.object().get("message").getAsString()).contains("hot");
        Api.Reply listed = operator.get("/api/v1/pipelines");
        assertThat(listed.body().toString()).contains("\"line\"").contains("value > 80");

        assertThat(operator.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(operator.send("PUT", "/api/v1/users/mallory", Api.json("{\"role\": \"admin\","
                + " \"password\": \"123456789012\"}")).status()).isEqualTo(403);
        assertThat(operator.send("DELETE", "/api/v1/users/vera", null).status()).isEqualTo(403);
        assertThat(operator.send("PUT", "/api/v1/config/dev.continuum.console.security",
                Api.json("{\"maxFailures\": 99}")).status()).isEqualTo(403);
        assertThat(Files.readString(gateway.data().resolve("log/audit.log")))
                .contains("\"user\":\"otto\"", "\"action\":\"pipeline.create\"", "\"action\":\"pipeline.rejected\"");
    }

    @Test
    public void anAccountCreatedByTheAdminMustChangeItsPasswordBeforeAnythingElse() throws IOException {
        Gateway gateway = new Gateway(context);
        assertThat(gateway.admin().send("PUT", "/api/v1/users/nina", Api.json("{\"role\": \"operator\","
                + " \"password\": \"first-password-nina\"}")).status()).isEqualTo(201);
        Api nina = gateway.http();
        assertThat(nina.login("nina", "first-password-nina").object().get("mustChangePassword").getAsBoolean()).isTrue();
        for (String path : List.of("/api/v1/health", "/api/v1/assets", "/api/v1/events")) {
            Api.Reply reply = nina.get(path);
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("password_change_required");
        }
        Api.Reply tooShort = nina.send("POST", "/api/v1/auth/password",
                Api.json("{\"current\": \"first-password-nina\", \"password\": \"short\"}"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.object().get("message").getAsString()).contains("12 characters");
        assertThat(nina.send("POST", "/api/v1/auth/password", Api.json("{\"current\": \"first-password-nina\","
                + " \"password\": \"ninas-own-password\"}")).status()).isEqualTo(200);
        assertThat(nina.get("/api/v1/assets").status()).isEqualTo(200);
        assertThat(gateway.http().login("nina", "first-password-nina").status()).isEqualTo(401);
    }

    @Test
    public void failedLoginsLockTheAccountAndTheAddressForTheConfiguredTimeAndAreAudited() throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        assertThat(admin.send("PUT", "/api/v1/users/target", Api.json("{\"role\": \"viewer\","
                + " \"password\": \"target-password-1\"}")).status()).isEqualTo(201);
        Api attacker = gateway.http();
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(attacker.login("target", "guess-" + i).status()).isEqualTo(401);
        }
        long lockedAt = System.nanoTime();
        Api.Reply locked = attacker.login("target", "target-password-1");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("locked_out");
        assertThat(locked.header("Retry-After")).isPresent();
        // The address is locked too: even the right admin password from it is refused, on REST and Basic.
        assertThat(gateway.http().login("admin", Gateway.ADMIN_PASSWORD).status()).isEqualTo(429);
        assertThat(gateway.http().basic("admin", Gateway.ADMIN_PASSWORD).get("/api/v1/health").status())
                .isEqualTo(429);
        // An existing session keeps working: the lock is on logins.
        assertThat(admin.get("/api/v1/health").status()).isEqualTo(200);

        Await.until(Duration.ofSeconds(LOCK_SECONDS * 4L), "the lock-out to end",
                () -> gateway.http().login("target", "target-password-1").status() == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - lockedAt)).isGreaterThanOrEqualTo(
                Duration.ofMillis(LOCK_SECONDS * 1000L - 500));
        List<JsonObject> audit = Files.readAllLines(gateway.data().resolve("log/audit.log")).stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertThat(audit).filteredOn(e -> e.get("action").getAsString().equals("login.failed")
                && e.get("user").getAsString().equals("target")).hasSize(MAX_FAILURES);
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("action").getAsString()).isEqualTo("lockout");
            assertThat(e.get("detail").getAsString()).contains("account target", "address 127.0.0.1",
                    "for " + LOCK_SECONDS + " s");
            assertThat(e.get("address").getAsString()).isEqualTo("127.0.0.1");
            assertThat(e.get("time").getAsString()).isNotBlank();
        });
    }

    @Test
    public void httpsServesTheGeneratedCertificateWithSecureCookiesAndPlainHttpRedirects() throws Exception {
        Gateway gateway = new Gateway(context);
        gateway.admin();
        Path data = gateway.data();
        Await.until(Duration.ofSeconds(30), "the generated key store", () -> Files.exists(data.resolve("security/https.p12")));
        assertThat(Files.getPosixFilePermissions(data.resolve("security/https.password")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Api https = Api.https(gateway.httpsPort(), data);
        Await.until(Duration.ofSeconds(30), "HTTPS answering", () -> {
            try {
                return https.get("/api/v1/openapi.json").status() == 200;
            } catch (IllegalStateException e) {
                return false;
            }
        });
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(data.resolve("security/https.p12"))) {
            keys.load(in, Files.readString(data.resolve("security/https.password")).trim().toCharArray());
        }
        HttpsURLConnection connection = (HttpsURLConnection) new java.net.URL("https://127.0.0.1:"
                + gateway.httpsPort() + "/console/").openConnection();
        connection.setSSLSocketFactory(Api.trustGenerated(data).getSocketFactory());
        assertThat(connection.getResponseCode()).isEqualTo(200);
        Certificate served = connection.getServerCertificates()[0];
        assertThat(served).isEqualTo(keys.getCertificate("continuum"));
        connection.disconnect();

        Api.Reply login = https.login("admin", Gateway.ADMIN_PASSWORD);
        assertThat(login.header("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict", "Secure");
        assertThat(https.get("/api/v1/health").status()).isEqualTo(200);

        Configuration security = configurationAdmin.getConfiguration("dev.continuum.console.security", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("maxFailures", MAX_FAILURES);
        properties.put("lockSeconds", LOCK_SECONDS);
        properties.put("loopbackHttp", false);
        security.update(properties);
        try {
            Api plain = Api.http(gateway.httpPort());
            Api.Reply redirect = Await.until(Duration.ofSeconds(20), "plain HTTP redirecting", () -> {
                Api.Reply reply = plain.get("/console/?x=1");
                return reply.status() == 301 ? reply : null;
            });
            assertThat(redirect.header("Location")).contains("https://127.0.0.1:" + gateway.httpsPort() + "/console/?x=1");
        } finally {
            properties.put("loopbackHttp", true);
            security.update(properties);
        }
        Await.until(Duration.ofSeconds(20), "loopback HTTP back",
                () -> Api.http(gateway.httpPort()).get("/api/v1/openapi.json").status() == 200);
    }

    @Test
    public void sessionChangesNeedTheCsrfTokenAndCrossOriginChangesAreRefused() throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        JsonObject user = Api.json("{\"role\": \"viewer\", \"password\": \"csrf-user-password\"}");
        admin.dropCsrf();
        Api.Reply noToken = admin.send("PUT", "/api/v1/users/csrfuser", user);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.code()).isEqualTo("csrf");

        Api basic = gateway.http().basic("admin", Gateway.ADMIN_PASSWORD);
        Api.Reply crossSite = basic.send("PUT", "/api/v1/users/csrfuser", user.toString(), "application/json",
                "https://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.code()).isEqualTo("cross_origin");
        assertThat(basic.send("PUT", "/api/v1/users/csrfuser", user).status()).isEqualTo(201);
    }

    @Test
    public void responsesCarrySecurityHeadersAndTraceIsRefused() throws IOException {
        Gateway gateway = new Gateway(context);
        Api api = gateway.http();
        Api.Reply page = api.get("/console/");
        assertThat(page.status()).isEqualTo(200);
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).contains("DENY");
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
        assertThat(api.send("TRACE", "/console/", null, null, null).status()).isEqualTo(405);
        // The Felix console authenticates first (anonymous TRACE gets 401); an admin's TRACE is refused too.
        assertThat(gateway.admin().send("TRACE", "/system/console/bundles", null, null, null).status()).isEqualTo(405);

        Api.Reply anonymous = api.get("/api/v1/assets");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthenticated");
        assertThat(anonymous.object().get("message").getAsString()).contains("/api/v1/auth/login");
        JsonObject openApi = api.get("/api/v1/openapi.json").object();
        assertThat(openApi.get("openapi").getAsString()).startsWith("3.");
        assertThat(openApi.getAsJsonObject("paths").keySet()).contains("/health", "/assets", "/pipelines",
                "/models", "/endpoints", "/packages", "/config", "/users", "/auth/password");
    }

    @Test
    public void theFelixWebConsoleIsForAdminsWithTheSameLogin() throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        assertThat(admin.get("/system/console/bundles").status()).isEqualTo(200);
        Api viewer = gateway.user("victor", "viewer");
        assertThat(viewer.get("/system/console/bundles").status()).isEqualTo(403);
        assertThat(gateway.http().get("/system/console/bundles").status()).isEqualTo(401);
    }

    @Test
    public void anAdminAddsACaCertificateAndItsCrlToTheOpcUaTrustListsAndReplacesTheHttpsCertificate()
            throws Exception {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Path data = gateway.data();
        TestPki pki = TestPki.create();
        byte[] caPem = Files.readAllBytes(pki.file("ca.crt"));

        Api.Reply notCa = admin.send("POST", "/api/v1/certificates/opcua/issuers/certs",
                Files.readAllBytes(pki.file("server.crt")), "application/x-pem-file");
        assertThat(notCa.status()).isEqualTo(400);
        assertThat(notCa.object().get("message").getAsString()).contains("not a CA certificate");
        Api.Reply crlFirst = admin.send("POST", "/api/v1/certificates/opcua/issuers/crls",
                Files.readAllBytes(pki.file("ca.crl")), "application/pkix-crl");
        assertThat(crlFirst.status()).isEqualTo(400);
        assertThat(crlFirst.object().get("message").getAsString()).contains("add that CA's certificate first");
        assertThat(admin.send("POST", "/api/v1/certificates/opcua/issuers/certs", "garbage".getBytes(StandardCharsets.UTF_8),
                "application/x-pem-file").status()).isEqualTo(400);
        Api viola = gateway.user("viola", "viewer");
        assertThat(viola.send("POST", "/api/v1/certificates/opcua/issuers/certs", caPem,
                "application/x-pem-file").status()).isEqualTo(403);

        Api.Reply ca = admin.send("POST", "/api/v1/certificates/opcua/issuers/certs", caPem, "application/x-pem-file");
        assertThat(ca.status()).as(String.valueOf(ca.body())).isEqualTo(200);
        assertThat(ca.object().getAsJsonArray("added").toString()).contains("CN=Continuum Itest CA");
        try (var files = Files.list(data.resolve("opcua/pki/issuers/certs"))) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.endsWith("].der"));
        }
        Api.Reply crl = admin.send("POST", "/api/v1/certificates/opcua/issuers/crls", Files.readAllBytes(pki.file("ca.crl")),
                "application/pkix-crl");
        assertThat(crl.status()).as(String.valueOf(crl.body())).isEqualTo(200);
        JsonObject listed = admin.get("/api/v1/certificates").object().getAsJsonObject("opcua");
        assertThat(listed.getAsJsonArray("issuers").toString()).contains("CN=Continuum Itest CA");
        assertThat(listed.getAsJsonObject("crls").getAsJsonArray("issuers").toString())
                .contains("CN=Continuum Itest CA", "\"revoked\":0");
        // A CRL is removed by its SHA-1: not by a viewer, 404 for an unknown one, then gone from the list and the disk.
        String crlSha1 = crl.object().getAsJsonArray("added").get(0).getAsJsonObject().get("sha1").getAsString();
        String crlPath = "/api/v1/certificates/opcua/issuers/crls/" + crlSha1;
        assertThat(viola.send("DELETE", crlPath, null).status()).isEqualTo(403);
        Api.Reply unknownCrl = admin.send("DELETE", "/api/v1/certificates/opcua/issuers/crls/00FF", null);
        assertThat(unknownCrl.status()).isEqualTo(404);
        assertThat(unknownCrl.object().get("message").getAsString()).contains("no CRL with SHA-1 00FF");
        assertThat(admin.send("DELETE", "/api/v1/certificates/opcua/pending/crls/" + crlSha1, null).status())
                .isEqualTo(404);
        Api.Reply removed = admin.send("DELETE", crlPath, null);
        assertThat(removed.status()).as(String.valueOf(removed.body())).isEqualTo(200);
        assertThat(removed.object().get("removed").getAsString()).isEqualTo(crlSha1);
        assertThat(admin.get("/api/v1/certificates").object().getAsJsonObject("opcua").getAsJsonObject("crls")
                .getAsJsonArray("issuers")).isEmpty();
        try (var files = Files.list(data.resolve("opcua/pki/issuers/crl"))) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(Files.readString(data.resolve("log/audit.log"))).contains("\"action\":\"crl.remove\"");

        // The HTTPS certificate: a wrong password changes nothing; the right one is served after Jetty restarts.
        String before = servedSha256(gateway.httpsPort());
        Api.Reply wrong = admin.upload("/api/v1/certificates/https", java.util.Map.of("password", "nope"),
                java.util.Map.of("keystore", pki.file("server.p12")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.object().get("message").getAsString()).contains("wrong password");
        Api.Reply replaced = admin.upload("/api/v1/certificates/https", java.util.Map.of("password",
                TestPki.STORE_PASSWORD), java.util.Map.of("keystore", pki.file("server.p12")));
        assertThat(replaced.status()).as(String.valueOf(replaced.body())).isEqualTo(200);
        String expected = replaced.object().getAsJsonObject("https").get("sha256").getAsString();
        assertThat(expected).isNotEqualTo(before);
        Await.until(Duration.ofSeconds(60), "the new certificate served", () -> {
            try {
                return expected.equals(servedSha256(gateway.httpsPort())) ? true : null;
            } catch (IOException restarting) {
                return null;
            }
        });
        assertThat(data.resolve("security/https.p12.previous")).exists();
        assertThat(Files.readString(data.resolve("log/audit.log"))).contains("\"action\":\"certificate.add\"",
                "\"action\":\"crl.add\"", "\"action\":\"certificate.https.replace\"");
        Await.until(Duration.ofSeconds(30), "HTTP back", () -> {
            try {
                return gateway.admin().get("/api/v1/health").status() == 200 ? true : null;
            } catch (IOException | IllegalStateException restarting) {
                return null;
            }
        });
    }

    /** The SHA-256 of the certificate the gateway presents on {@code port}, upper-case hex. */
    private static String servedSha256(int port) throws IOException {
        java.security.cert.Certificate[][] seen = new java.security.cert.Certificate[1][];
        javax.net.ssl.TrustManager[] all = {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                seen[0] = chain;
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }};
        try {
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, all, null);
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
            }
            return java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seen[0][0].getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void theFelixWebConsoleRefusesToInstallOrUpdateBundlesAndPointsAtTheSignedPath() throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        String bsn = "dev.continuum.itests.unsigned";
        Path jar = dev.continuum.itests.update.UpdateFixtures.bundle(Files.createTempDirectory("unsigned-bundle-"), bsn,
                "1.0.0", null);

        Api.Reply install = admin.upload("/system/console/bundles", java.util.Map.of("action", "install",
                "bundlestart", "start"), java.util.Map.of("bundlefile", jar));
        assertThat(install.status()).isEqualTo(403);
        assertThat(install.raw().body()).contains("disabled", "signed update", "/api/v1/packages");
        Api.Reply update = admin.send("POST", "/system/console/bundles/" + context.getBundle().getBundleId(),
                "action=update", "application/x-www-form-urlencoded", null);
        assertThat(update.status()).isEqualTo(403);
        assertThat(update.raw().body()).contains("signed update");
        assertThat(java.util.Arrays.stream(context.getBundles()).map(b -> b.getSymbolicName())).doesNotContain(bsn);
        // Looking at bundles stays allowed.
        assertThat(admin.get("/system/console/bundles.json").status()).isEqualTo(200);
    }
}
