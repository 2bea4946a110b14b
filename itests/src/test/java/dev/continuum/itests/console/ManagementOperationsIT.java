package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.update.InstalledPackage;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MiloTestServer;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import dev.continuum.itests.update.UpdateFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
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
 * What administrators change through the REST API, with the real runtime (core, console, pipeline,
 * update, inference): deployment packages uploaded through {@code POST /api/v1/packages} and models through
 * {@code POST /api/v1/models} go through the update agent exactly like remote updates (unsigned, altered,
 * tampered and foreign-signed ones are refused with the agent's reason and nothing is installed; a package
 * whose bundle cannot start is rolled back; a signed model is validated with visible progress), and
 * configuration snapshots (taken on request and before every change, diffed, restored, secrets sealed).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementOperationsIT {

    @Inject
    private BundleContext context;

    @Inject
    private UpdateAgent agent;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private InferenceService inference;

    private static final String SECURITY_PID = "dev.continuum.console.security";

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path fixtures = UpdateFixtures.build();
        UpdateFixtures.buildModels(fixtures);
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-operations-"), Ports.free(), "core", "console",
                    "pipeline", "update", "opcua", "inference"),
            frameworkProperty("continuum.profile").value("simulator"),
            frameworkProperty("continuum.profile.dir").value(Paths.get("../hardware/simulator").toAbsolutePath()
                    .normalize().toString()),
            systemProperty(UpdateFixtures.DIR).value(fixtures.toString())};
    }

    @Before
    public void noPackageInstalled() throws UpdateException {
        for (InstalledPackage installed : agent.packages()) {
            agent.uninstall(installed.name());
        }
    }

    private static Path fixture(String name) {
        return Paths.get(System.getProperty(UpdateFixtures.DIR)).resolve(name);
    }

    private static Path manifest(String fixture) {
        return UpdateFixtures.manifest(Paths.get(System.getProperty(UpdateFixtures.DIR)), fixture);
    }

    private static Path dp(String fixture) throws IOException {
        try (Stream<Path> files = Files.list(fixture(fixture))) {
            return files.filter(f -> f.toString().endsWith(".dp")).findFirst().orElseThrow();
        }
    }

    private static Api.Reply upload(Api api, Path manifest, Path dp) throws IOException {
        Map<String, Path> parts = new LinkedHashMap<>();
        parts.put("manifest", manifest);
        parts.put("package", dp);
        return api.upload("/api/v1/packages", parts);
    }

    /** v1's signed envelope rewritten by {@code change}, beside a copy of its .dp. */
    private static Path rewritten(String name, java.util.function.Consumer<JsonObject> change) throws IOException {
        Path dir = Files.createDirectories(fixture(name));
        JsonObject envelope = JsonParser.parseString(Files.readString(manifest("v1"))).getAsJsonObject();
        change.accept(envelope);
        Path dp = dp("v1");
        Files.copy(dp, dir.resolve(dp.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.writeString(dir.resolve(dp.getFileName() + ".update.json"), envelope.toString());
    }

    private boolean exampleBundleInstalled() {
        return Arrays.stream(context.getBundles()).anyMatch(b -> UpdateFixtures.EXAMPLE.equals(b.getSymbolicName()));
    }

    @Test
    public void packagesUploadedThroughRestThatAreUnsignedAlteredTamperedOrForeignAreRefusedWithTheAgentsReason()
            throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        int auditBefore = Files.readString(gateway.data().resolve("log/audit.log")).length();
        Path unsigned = rewritten("rest-unsigned", envelope -> envelope.add("signatures", new JsonArray()));
        Path altered = rewritten("rest-altered", envelope -> {
            JsonObject payload = JsonParser.parseString(new String(Base64.getDecoder().decode(
                    envelope.get("payload").getAsString()), StandardCharsets.UTF_8)).getAsJsonObject();
            payload.addProperty("version", "9.0.0");
            envelope.addProperty("payload", Base64.getEncoder().encodeToString(
                    payload.toString().getBytes(StandardCharsets.UTF_8)));
        });
        Map<String, Api.Reply> replies = new LinkedHashMap<>();
        replies.put("UNSIGNED", upload(admin, unsigned, dp("v1")));
        replies.put("TAMPERED", upload(admin, altered, dp("v1")));
        replies.put("DIGEST_MISMATCH", upload(admin, manifest("tampered"), dp("tampered")));
        replies.put("UNTRUSTED_KEY", upload(admin, manifest("foreign"), dp("foreign")));
        replies.put("EXPIRED", upload(admin, manifest("expired"), dp("expired")));

        replies.forEach((reason, reply) -> {
            assertThat(reply.status()).as(reason + ": " + reply.body()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("package_refused");
            assertThat(reply.object().get("reason").getAsString()).isEqualTo(reason);
            assertThat(reply.object().get("message").getAsString()).contains("update agent refused", reason);
        });
        // The old way, a bare .dp as the body, is refused before anything reaches Deployment Admin.
        Api.Reply bare = admin.send("POST", "/api/v1/packages", Files.readString(dp("v1"), StandardCharsets.ISO_8859_1),
                "application/octet-stream", null);
        assertThat(bare.status()).isEqualTo(415);
        assertThat(bare.object().get("message").getAsString()).contains("'manifest'", "signed");
        Api.Reply noManifest = admin.upload("/api/v1/packages", Map.of("package", dp("v1")));
        assertThat(noManifest.status()).isEqualTo(400);
        assertThat(noManifest.object().get("message").getAsString()).contains("'manifest' is missing");

        assertThat(admin.get("/api/v1/packages").body().getAsJsonArray()).isEmpty();
        assertThat(agent.packages()).isEmpty();
        assertThat(exampleBundleInstalled()).isFalse();
        String audit = Files.readString(gateway.data().resolve("log/audit.log")).substring(auditBefore);
        assertThat(audit).contains("\"action\":\"package.rejected\"", "UNSIGNED", "TAMPERED", "DIGEST_MISMATCH")
                .doesNotContain("\"action\":\"package.install\"");
        try (Stream<Path> left = Files.walk(gateway.data())) {
            assertThat(left.filter(f -> f.toString().contains("upload-"))).as("uploads left behind").isEmpty();
        }
    }

    @Test
    public void aSignedPackageUploadedThroughRestIsInstalledAndABrokenUpdateOfItIsRolledBack() throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();

        Api.Reply installed = upload(admin, manifest("v1"), dp("v1"));
        assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(200);
        assertThat(installed.object().get("name").getAsString()).isEqualTo(UpdateFixtures.EXAMPLE);
        assertThat(installed.object().get("version").getAsString()).isEqualTo("1.0.0");
        assertThat(exampleBundleInstalled()).isTrue();

        Api.Reply broken = upload(admin, manifest("broken"), dp("broken"));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.object().get("reason").getAsString()).isEqualTo("ROLLED_BACK");
        assertThat(broken.object().get("message").getAsString()).contains(UpdateFixtures.BROKEN_BSN);
        JsonArray listed = admin.get("/api/v1/packages").body().getAsJsonArray();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getAsJsonObject().get("version").getAsString()).isEqualTo("1.0.0");

        Api viewer = gateway.user("pia", "viewer");
        assertThat(upload(viewer, manifest("v1"), dp("v1")).status()).isEqualTo(403);
        assertThat(admin.send("DELETE", "/api/v1/packages/" + UpdateFixtures.EXAMPLE, null).status()).isEqualTo(200);
        assertThat(admin.send("DELETE", "/api/v1/packages/" + UpdateFixtures.EXAMPLE, null).status()).isEqualTo(404);
        assertThat(exampleBundleInstalled()).isFalse();
        assertThat(Files.readString(gateway.data().resolve("log/audit.log")))
                .contains("\"action\":\"package.install\"", "\"action\":\"package.uninstall\"");
    }

    /** A model fixture's signed manifest, .onnx and model manifest as the three parts of a model upload. */
    private static Map<String, Path> modelParts(String fixture, String version) {
        Map<String, Path> parts = new LinkedHashMap<>();
        parts.put("manifest", manifest(fixture));
        parts.put("model", fixture(fixture).resolve(UpdateFixtures.MODEL + "-" + version + ".onnx"));
        parts.put("modelManifest", fixture(fixture).resolve(UpdateFixtures.MODEL + "-" + version + ".json"));
        return parts;
    }

    private ModelStatus model() {
        return inference.status(UpdateFixtures.MODEL).orElseThrow();
    }

    @Test
    public void modelsUploadedThroughRestAreRefusedWithoutAValidSignatureAndASignedOneIsValidatedWithProgress()
            throws IOException {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Await.until(Duration.ofSeconds(60), "the shipped model", () -> inference.status(UpdateFixtures.MODEL).orElse(null));
        int auditBefore = Files.readString(gateway.data().resolve("log/audit.log")).length();
        Path unsignedDir = Files.createDirectories(fixture("model-unsigned"));
        try (Stream<Path> files = Files.list(fixture("model-2"))) {
            for (Path file : files.toList()) {
                Files.copy(file, unsignedDir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        JsonObject envelope = JsonParser.parseString(Files.readString(manifest("model-unsigned"))).getAsJsonObject();
        envelope.add("signatures", new JsonArray());
        Files.writeString(manifest("model-unsigned"), envelope.toString());

        Map<String, Api.Reply> replies = new LinkedHashMap<>();
        replies.put("UNSIGNED", admin.upload("/api/v1/models", modelParts("model-unsigned", "2.0.0")));
        replies.put("DIGEST_MISMATCH", admin.upload("/api/v1/models?shadow=true", modelParts("model-tampered", "3.0.0")));
        replies.forEach((reason, reply) -> {
            assertThat(reply.status()).as(reason + ": " + reply.body()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("model_refused");
            assertThat(reply.object().get("reason").getAsString()).isEqualTo(reason);
            assertThat(reply.object().get("message").getAsString()).contains("update agent refused the model", reason);
        });
        // The old way, the model and its manifest as JSON without a signature, is refused.
        JsonObject bare = new JsonObject();
        bare.addProperty("model", Base64.getEncoder().encodeToString(Files.readAllBytes(
                fixture("model-2").resolve(UpdateFixtures.MODEL + "-2.0.0.onnx"))));
        bare.addProperty("manifest", Files.readString(fixture("model-2").resolve(UpdateFixtures.MODEL + "-2.0.0.json")));
        Api.Reply json = admin.send("POST", "/api/v1/models", bare);
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.object().get("message").getAsString()).contains("'manifest'", "signed");
        Map<String, Path> noModelManifest = modelParts("model-2", "2.0.0");
        noModelManifest.remove("modelManifest");
        Api.Reply missing = admin.upload("/api/v1/models", noModelManifest);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.object().get("message").getAsString()).contains("'modelManifest' is missing");
        assertThat(gateway.user("vera", "viewer").upload("/api/v1/models", modelParts("model-2", "2.0.0")).status())
                .isEqualTo(403);

        assertThat(model().activeVersion()).isEqualTo("1.0.0");
        assertThat(model().shadowVersion()).isEmpty();
        String audit = Files.readString(gateway.data().resolve("log/audit.log")).substring(auditBefore);
        assertThat(audit).contains("\"action\":\"model.rejected\"", "UNSIGNED", "DIGEST_MISMATCH")
                .doesNotContain("\"action\":\"model.install\"");

        Api.Reply accepted = admin.upload("/api/v1/models?shadow=true", modelParts("model-2", "2.0.0"));
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String job = accepted.object().get("id").getAsString();
        JsonObject done = Await.until(Duration.ofSeconds(120), "the validation job finished", () -> {
            JsonObject state = admin.get("/api/v1/jobs/" + job).object();
            return state.get("state").getAsString().equals("RUNNING") ? null : state;
        });
        assertThat(done.get("state").getAsString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("step").getAsString()).isEqualTo("running in shadow");
        assertThat(done.get("percent").getAsInt()).isEqualTo(100);
        assertThat(model().shadowVersion()).contains("2.0.0");
        assertThat(model().activeVersion()).isEqualTo("1.0.0");
        assertThat(admin.send("POST", "/api/v1/models/" + UpdateFixtures.MODEL + "/discard-shadow", new JsonObject())
                .status()).isEqualTo(200);
        // The job's worker writes the audit line just after it marks the job done.
        Await.until(Duration.ofSeconds(10), "the model.install audit line", () -> {
            String log;
            try {
                log = Files.readString(gateway.data().resolve("log/audit.log"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return log.contains("\"action\":\"model.install\"") && log.contains(UpdateFixtures.MODEL + " 2.0.0 (shadow)")
                    ? log : null;
        });
        try (Stream<Path> left = Files.walk(gateway.data())) {
            assertThat(left.filter(f -> f.toString().contains("upload-"))).as("uploads left behind").isEmpty();
        }
    }

    @Test
    public void aSnapshotIsDiffedAgainstTheCurrentConfigurationAndRestoredWithItsSecretsAndEveryChangeIsSnapshotFirst()
            throws Exception {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Configuration secret = configurationAdmin.getConfiguration("itest.snapshot.secret", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("password", "hunter2-original");
        properties.put("port", 1883);
        properties.put("hosts", new String[] {"a", "b"});
        secret.update(properties);
        assertThat(admin.send("PUT", "/api/v1/config/" + SECURITY_PID, Api.json("{\"properties\": {\"sessionMinutes\": 20}}"))
                .status()).isEqualTo(200);

        Api.Reply taken = admin.send("POST", "/api/v1/snapshots", Api.json("{\"reason\": \"baseline\"}"));
        assertThat(taken.status()).as(String.valueOf(taken.body())).isEqualTo(201);
        String baseline = taken.object().get("id").getAsString();
        assertThat(taken.object().get("automatic").getAsBoolean()).isFalse();

        assertThat(admin.send("PUT", "/api/v1/config/" + SECURITY_PID, Api.json("{\"properties\": {\"sessionMinutes\": 42}}"))
                .status()).isEqualTo(200);
        assertThat(admin.send("PUT", "/api/v1/pipelines/snap-line", Api.json("{\"components\": [{\"name\": \"in\","
                + " \"type\": \"source\", \"config\": {\"channels\": \"x/*\"}}], \"wires\": []}")).status()).isEqualTo(201);
        properties.put("password", "hunter2-changed");
        secret.update(properties);

        JsonArray listed = admin.get("/api/v1/snapshots").body().getAsJsonArray();
        assertThat(listed.toString()).contains("before PUT /config/" + SECURITY_PID, "before PUT /pipelines/snap-line",
                "baseline");
        JsonObject diff = admin.get("/api/v1/snapshots/" + baseline + "/diff?to=current").object();
        Map<String, JsonObject> changes = new LinkedHashMap<>();
        diff.getAsJsonArray("changes").forEach(c -> changes.put(c.getAsJsonObject().get("pid").getAsString(),
                c.getAsJsonObject()));
        assertThat(changes.get(SECURITY_PID).get("change").getAsString()).isEqualTo("changed");
        assertThat(changes.get(SECURITY_PID).toString()).contains("\"key\":\"sessionMinutes\"", "\"after\":42");
        assertThat(changes.values()).anySatisfy(c -> {
            assertThat(c.get("change").getAsString()).isEqualTo("added");
            assertThat(c.toString()).contains("snap-line");
        });
        assertThat(changes.get("itest.snapshot.secret").toString()).contains("\"key\":\"password\"", "********")
                .doesNotContain("hunter2");
        assertThat(admin.get("/api/v1/snapshots/" + baseline).body().toString()).contains("itest.snapshot.secret")
                .doesNotContain("hunter2");
        try (Stream<Path> files = Files.list(gateway.data().resolve("config/snapshots"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("hunter2");
            }
        }

        Api viewer = gateway.user("sven", "viewer");
        assertThat(viewer.get("/api/v1/snapshots").status()).isEqualTo(200);
        assertThat(viewer.send("POST", "/api/v1/snapshots/" + baseline + "/restore", new JsonObject()).status())
                .isEqualTo(403);
        assertThat(viewer.send("POST", "/api/v1/snapshots", new JsonObject()).status()).isEqualTo(403);

        Api.Reply restored = admin.send("POST", "/api/v1/snapshots/" + baseline + "/restore", new JsonObject());
        assertThat(restored.status()).as(String.valueOf(restored.body())).isEqualTo(200);
        assertThat(restored.object().get("updated").toString()).contains(SECURITY_PID, "itest.snapshot.secret");
        assertThat(restored.object().get("deleted").getAsJsonArray()).hasSize(1);

        Dictionary<String, Object> back = configurationAdmin.getConfiguration("itest.snapshot.secret", "?").getProperties();
        assertThat(back.get("password")).isEqualTo("hunter2-original");
        assertThat(back.get("port")).isEqualTo(1883);
        assertThat((String[]) back.get("hosts")).containsExactly("a", "b");
        assertThat(admin.get("/api/v1/config/" + SECURITY_PID).object().getAsJsonObject("values")
                .get("sessionMinutes").getAsInt()).isEqualTo(20);
        // The pipeline runtime stops the deleted pipeline asynchronously.
        Await.until(Duration.ofSeconds(20), "the restored-away pipeline gone",
                () -> admin.get("/api/v1/pipelines").body().toString().contains("snap-line") ? null : true);
        assertThat(admin.get("/api/v1/snapshots/" + baseline + "/diff").object().getAsJsonArray("changes")).isEmpty();
        // The restore itself took a snapshot first: restoring that one undoes it.
        String undo = restored.object().get("before").getAsString();
        assertThat(admin.get("/api/v1/snapshots/" + undo + "/diff").object().getAsJsonArray("changes").toString())
                .contains("sessionMinutes", "snap-line");
        assertThat(Files.readString(gateway.data().resolve("log/audit.log")))
                .contains("\"action\":\"snapshot.take\"", "\"action\":\"snapshot.restore\"", "undo with " + undo);
        secret.delete();
    }

    @Test
    public void aSnapshotRestoreDoesNotBringBackARemovedUpdateTrustAnchorUnlessConfirmed() throws Exception {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Configuration trust = configurationAdmin.getConfiguration(AGENT_PID, "?");
        Dictionary<String, Object> original = trust.getProperties();
        String[] anchors = (String[]) original.get("trustAnchors");
        String revoked = Base64.getEncoder().encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair().getPublic().getEncoded());
        try {
            trust.update(withAnchors(original, append(anchors, revoked)));
            Api.Reply taken = admin.send("POST", "/api/v1/snapshots", Api.json("{\"reason\": \"two keys\"}"));
            assertThat(taken.status()).isEqualTo(201);
            String twoKeys = taken.object().get("id").getAsString();
            trust.update(withAnchors(original, anchors));
            assertThat(admin.get("/api/v1/snapshots/" + twoKeys + "/diff").object().getAsJsonArray("changes").toString())
                    .contains(AGENT_PID, "trustAnchors");

            Api.Reply restored = admin.send("POST", "/api/v1/snapshots/" + twoKeys + "/restore", new JsonObject());
            assertThat(restored.status()).as(String.valueOf(restored.body())).isEqualTo(200);
            assertThat(restored.object().getAsJsonArray("held").toString()).contains(AGENT_PID);
            assertThat(restored.object().getAsJsonArray("updated").toString()).doesNotContain(AGENT_PID);
            assertThat(anchors(AGENT_PID)).containsExactly(anchors).doesNotContain(revoked);
            assertThat(Files.readString(gateway.data().resolve("log/audit.log"))).contains("held [" + AGENT_PID + "]");

            Api.Reply confirmed = admin.send("POST", "/api/v1/snapshots/" + twoKeys + "/restore?includeTrust=true",
                    new JsonObject());
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.object().getAsJsonArray("held")).isEmpty();
            assertThat(confirmed.object().getAsJsonArray("updated").toString()).contains(AGENT_PID);
            assertThat(anchors(AGENT_PID)).contains(revoked);
        } finally {
            configurationAdmin.getConfiguration(AGENT_PID, "?").update(withAnchors(original, anchors));
        }
    }

    private static final String AGENT_PID = "dev.continuum.update.agent";

    private String[] anchors(String pid) throws IOException {
        return (String[]) configurationAdmin.getConfiguration(pid, "?").getProperties().get("trustAnchors");
    }

    private static String[] append(String[] anchors, String anchor) {
        String[] more = Arrays.copyOf(anchors, anchors.length + 1);
        more[anchors.length] = anchor;
        return more;
    }

    private static Hashtable<String, Object> withAnchors(Dictionary<String, Object> properties, String[] anchors) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : java.util.Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        copy.put("trustAnchors", anchors);
        return copy;
    }

    @Test
    public void theGpioBoardMapIsTheActiveProfilesPinMapWithTheChannelsThatUseEachPin() throws Exception {
        Gateway gateway = new Gateway(context);
        Configuration asset = configurationAdmin.getFactoryConfiguration("dev.continuum.asset", "itest-io", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "itest-io");
        properties.put("driver.instance", "board");
        properties.put("door#+type", "READ");
        properties.put("door#+value.type", "BOOLEAN");
        properties.put("door#pin", "11");
        properties.put("lamp#+type", "READ_WRITE");
        properties.put("lamp#+value.type", "BOOLEAN");
        properties.put("lamp#pin", "16");
        asset.update(properties);
        try {
            Api gina = gateway.user("gina", "viewer");
            JsonObject board = gina.get("/api/v1/gpio/board").object();
            Api.Reply noPlacement = gina.get("/api/v1/placement");
            assertThat(noPlacement.status()).as("without the placement feature").isEqualTo(503);
            assertThat(noPlacement.object().get("message").getAsString()).contains("feature placement");
            assertThat(board.get("board").getAsString()).isEqualTo("simulator");
            assertThat(board.get("profile").getAsString()).isEqualTo("simulator");
            assertThat(board.get("provider").getAsString()).isEqualTo("mock");
            Map<String, JsonObject> pins = new LinkedHashMap<>();
            board.getAsJsonArray("pins").forEach(pin -> pins.put(pin.getAsJsonObject().get("pin").getAsString(),
                    pin.getAsJsonObject()));
            assertThat(pins).hasSize(26).containsKeys("3", "11", "12", "40").doesNotContainKeys("1", "2", "6");
            assertThat(pins.get("11").get("name").getAsString()).isEqualTo("GPIO17");
            assertThat(pins.get("11").getAsJsonArray("usedBy").toString()).isEqualTo("[\"itest-io/door\"]");
            assertThat(pins.get("16").getAsJsonArray("usedBy").toString()).isEqualTo("[\"itest-io/lamp\"]");
            assertThat(pins.get("12").get("pwm").getAsBoolean()).isTrue();
            assertThat(pins.get("3").getAsJsonArray("usedBy")).isEmpty();
        } finally {
            asset.delete();
        }
    }

    @Test
    public void onlyAdminsTrustRejectedOpcUaCertificatesAndReadTheGatewayLog() throws Exception {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Path data = gateway.data();
        Await.until(Duration.ofSeconds(30), "the HTTPS certificate",
                () -> Files.exists(data.resolve("security/https.p12")));
        RejectedCertificate planted = RejectedCertificate.plant(data);
        String sha1 = planted.sha1();
        Path rejected = planted.file();

        Api viewer = gateway.user("cora", "viewer");
        JsonObject listed = viewer.get("/api/v1/certificates").object();
        assertThat(listed.getAsJsonObject("https").get("sha256").getAsString()).hasSize(64);
        assertThat(listed.getAsJsonObject("opcua").getAsJsonArray("rejected").toString()).contains(sha1);
        String trust = "/api/v1/certificates/opcua/rejected/" + sha1 + "/trust";
        assertThat(viewer.send("POST", trust, new JsonObject()).status()).isEqualTo(403);
        assertThat(rejected).exists();

        Api.Reply trusted = admin.send("POST", trust, new JsonObject());
        assertThat(trusted.status()).isEqualTo(200);
        assertThat(trusted.object().get("sha1").getAsString()).isEqualTo(sha1);
        assertThat(rejected).doesNotExist();
        assertThat(data.resolve("opcua/pki/trusted/certs").resolve(rejected.getFileName())).exists();
        assertThat(admin.send("POST", trust, new JsonObject()).status()).isEqualTo(404);
        String untrust = "/api/v1/certificates/opcua/trusted/" + sha1;
        assertThat(viewer.send("DELETE", untrust, null).status()).isEqualTo(403);
        assertThat(admin.send("DELETE", untrust, null).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/certificates").object().getAsJsonObject("opcua").getAsJsonArray("trusted")
                .toString()).doesNotContain(sha1);
        assertThat(Files.readString(data.resolve("log/audit.log"))).contains("\"action\":\"certificate.trust\"",
                "\"action\":\"certificate.untrust\"");

        assertThat(viewer.get("/api/v1/logs").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/events?stream=logs").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/logs?level=WARN").status()).isEqualTo(200);
        Api.Reply loud = admin.get("/api/v1/logs?level=LOUD");
        assertThat(loud.status()).isEqualTo(400);
        assertThat(loud.object().get("message").getAsString()).contains("'LOUD'", "WARN");
    }

    @Test
    public void aServerCertificateTheOpcUaDriverRejectedIsTrustedThroughRestAndTheDriverConnects() throws Exception {
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Path data = gateway.data();
        try (MiloTestServer server = MiloTestServer.create(Ports.free(), data.resolve("stranger-pki"),
                "--policies=Basic256Sha256").start()) {
            JsonObject properties = new JsonObject();
            properties.addProperty("driver.instance", "stranger");
            properties.addProperty("endpointUrl", server.endpointUrl());
            properties.addProperty("securityPolicy", "Basic256Sha256");
            properties.addProperty("securityMode", "SignAndEncrypt");
            JsonObject body = new JsonObject();
            body.add("properties", properties);
            Api.Reply created = admin.send("POST", "/api/v1/config/dev.continuum.opcua/instances", body);
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
            JsonObject rejected = Await.until(Duration.ofSeconds(60), "the rejected server certificate", () -> {
                JsonArray list = admin.get("/api/v1/certificates").object().getAsJsonObject("opcua")
                        .getAsJsonArray("rejected");
                return list.isEmpty() ? null : list.get(0).getAsJsonObject();
            });
            assertThat(rejected.get("subject").getAsString()).contains("Continuum Simulation Server");
            assertThat(driverState(admin, "stranger")).isNotEqualTo("CONNECTED");

            String sha1 = rejected.get("sha1").getAsString();
            assertThat(admin.send("POST", "/api/v1/certificates/opcua/rejected/" + sha1 + "/trust", new JsonObject())
                    .status()).isEqualTo(200);

            Await.until(Duration.ofSeconds(60), "the driver connected to the trusted server",
                    () -> "CONNECTED".equals(driverState(admin, "stranger")) ? true : null);
            assertThat(admin.get("/api/v1/certificates").object().getAsJsonObject("opcua").getAsJsonArray("trusted")
                    .toString()).contains(sha1);
            JsonObject browsed = admin.get("/api/v1/drivers/stranger/browse?depth=1").object();
            assertThat(browsed.getAsJsonArray("children").toString()).contains("Line");
            assertThat(admin.send("DELETE", "/api/v1/config/" + created.object().get("pid").getAsString(), null)
                    .status()).isEqualTo(200);
        }
    }

    private static String driverState(Api api, String instance) {
        for (var driver : api.get("/api/v1/drivers").body().getAsJsonArray()) {
            if (driver.getAsJsonObject().get("instance").getAsString().equals(instance)) {
                return driver.getAsJsonObject().get("state").getAsString();
            }
        }
        return "";
    }
}
