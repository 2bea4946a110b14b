package dev.continuum.itests.console;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.continuum.itests.support.FileCell.find;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.FileCell;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Kura's REST shapes under {@code /services}: {@code assets/v1} (list, read, write) and
 * {@code configuration/v2} (read, update, snapshots), served by the console from the same code as the
 * ASSET-V1 and CONF-V2 MQTT apps, with the REST API's authentication, roles and audit. Real Felix with the
 * console, cloud-mqtt and remote features and the example file driver behind an asset.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KuraRestIT {

    private static final String HEALTH = "dev.continuum.core.health";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path repository = Runtime.localRepository();
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-kura-rest-"), Ports.free(), "core", "console",
                    "opcua", "cloud-mqtt", "update", "remote"),
            Runtime.pahoBundle(),
            bundle(repository.resolve("dev/continuum/dev.continuum.example.driver/0.1.0-SNAPSHOT/"
                    + "dev.continuum.example.driver-0.1.0-SNAPSHOT.jar").toUri().toString()).startLevel(20)};
    }

    @Test
    public void assetsV1ListsReadsAndWritesWithTheRestRoles() throws Exception {
        Path root = FileCell.configure(context, configurationAdmin);
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Api viewer = gateway.user("kura-viewer", "viewer");
        Api operator = gateway.user("kura-operator", "operator");

        assertThat(gateway.http().get("/services/assets/v1").status()).isEqualTo(401);
        Api.Reply list = viewer.get("/services/assets/v1");
        assertThat(list.status()).isEqualTo(200);
        JsonObject cell = find(list.body().getAsJsonArray(), "cell");
        assertThat(cell.keySet()).containsExactlyInAnyOrder("name", "channels");
        JsonObject relay = find(cell.getAsJsonArray("channels"), "relay");
        assertThat(relay.keySet()).containsExactlyInAnyOrder("name", "mode", "type");
        assertThat(relay.get("mode").getAsString()).isEqualTo("READ_WRITE");
        assertThat(relay.get("type").getAsString()).isEqualTo("INTEGER");
        assertThat(find(cell.getAsJsonArray("channels"), "temp").get("type").getAsString()).isEqualTo("DOUBLE");

        Api.Reply read = viewer.send("POST", "/services/assets/v1/_read",
                json("[{\"name\": \"cell\", \"channels\": [{\"name\": \"temp\"}]}]"));
        assertThat(read.status()).isEqualTo(200);
        JsonObject temp = find(find(read.body().getAsJsonArray(), "cell").getAsJsonArray("channels"), "temp");
        assertThat(temp.keySet()).containsExactlyInAnyOrder("name", "timestamp", "type", "value");
        assertThat(temp.get("value").getAsDouble()).isEqualTo(21.5);
        assertThat(temp.get("type").getAsString()).isEqualTo("DOUBLE");
        Api.Reply all = viewer.send("POST", "/services/assets/v1/_read", null);
        assertThat(find(find(all.body().getAsJsonArray(), "cell").getAsJsonArray("channels"), "relay")
                .get("value").getAsInt()).isZero();

        JsonElement write = json("[{\"name\": \"cell\", \"channels\": [{\"name\": \"relay\", \"type\": \"INTEGER\","
                + " \"value\": 1}, {\"name\": \"temp\", \"type\": \"DOUBLE\", \"value\": 3}]},"
                + " {\"name\": \"nowhere\", \"channels\": [{\"name\": \"x\", \"value\": 1}]}]");
        Api.Reply refused = viewer.send("POST", "/services/assets/v1/_write", write);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("forbidden");
        assertThat(refused.object().get("message").getAsString()).contains("operator", "kura-viewer");
        assertThat(Files.readString(root.resolve("relay")).trim()).isEqualTo("0");
        Api.Reply written = operator.send("POST", "/services/assets/v1/_write", write);
        assertThat(written.status()).isEqualTo(200);
        JsonArray results = find(written.body().getAsJsonArray(), "cell").getAsJsonArray("channels");
        assertThat(find(results, "relay").keySet()).containsExactlyInAnyOrder("name", "timestamp");
        assertThat(find(results, "temp").get("error").getAsString()).isNotBlank();
        assertThat(find(find(written.body().getAsJsonArray(), "nowhere").getAsJsonArray("channels"), "x")
                .get("error").getAsString()).contains("no asset named 'nowhere'");
        assertThat(Files.readString(root.resolve("relay")).trim()).isEqualTo("1");

        Api.Reply garbage = operator.send("POST", "/services/assets/v1/_write", "{not json", "application/json", null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.object().get("message").getAsString()).contains("not JSON");
        Api.Reply unknown = viewer.get("/services/assets/v1/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.object().get("message").getAsString()).contains("_read", "_write");
        assertThat(viewer.get("/services/nothing/v9").status()).isEqualTo(404);

        String audit = admin.get("/api/v1/audit").body().toString();
        assertThat(audit).contains("services.assets/v1", "kura-operator", "POST /services/assets/v1/_write -> 200");
    }

    @Test
    public void configurationV2ReadsForViewersAndUpdatesForAdminsOnly() throws Exception {
        Await.until(Duration.ofSeconds(30), "default configuration of " + HEALTH, () -> interval());
        assertThat(interval()).isEqualTo(10);
        Gateway gateway = new Gateway(context);
        Api admin = gateway.admin();
        Api viewer = gateway.user("conf-viewer", "viewer");

        Api.Reply components = viewer.get("/services/configuration/v2/configurableComponents");
        assertThat(components.status()).isEqualTo(200);
        assertThat(components.body().toString()).contains(HEALTH);
        Api.Reply byPid = viewer.send("POST", "/services/configuration/v2/configurableComponents/configurations/byPid",
                json("{\"pids\": [\"" + HEALTH + "\"]}"));
        assertThat(byPid.status()).isEqualTo(200);
        assertThat(byPid.body().isJsonArray()).isTrue();
        assertThat(byPid.body().getAsJsonArray()).hasSize(1);
        assertThat(byPid.body().toString()).contains("intervalSeconds");

        JsonElement update = json("{\"configs\": [{\"pid\": \"" + HEALTH + "\", \"properties\": {\"intervalSeconds\": 30}}],"
                + " \"takeSnapshot\": true}");
        Api.Reply forbidden = viewer.send("PUT", "/services/configuration/v2/configurableComponents/configurations/_update",
                update);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.object().get("message").getAsString()).contains("admin");
        assertThat(interval()).isEqualTo(10);
        assertThat(admin.send("PUT", "/services/configuration/v2/configurableComponents/configurations/_update",
                update).status()).isEqualTo(200);
        assertThat(interval()).isEqualTo(30);
        Api.Reply bad = admin.send("PUT", "/services/configuration/v2/configurableComponents/configurations/_update",
                json("{\"configs\": [{\"pid\": \"" + HEALTH + "\", \"properties\": {\"intervalSeconds\": \"often\"}}]}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.object().get("message").getAsString()).contains("intervalSeconds");

        Api.Reply snapshots = viewer.get("/services/configuration/v2/snapshots");
        assertThat(snapshots.status()).isEqualTo(200);
        assertThat(snapshots.body().getAsJsonArray()).as("the automatic snapshot before the change").isNotEmpty();
        assertThat(snapshots.body().getAsJsonArray().get(0).getAsJsonObject().get("reason").getAsString()).contains(HEALTH);
        assertThat(viewer.send("POST", "/services/configuration/v2/snapshots/_rollback", null).status()).isEqualTo(403);
        assertThat(admin.send("POST", "/services/configuration/v2/snapshots/_rollback", null).status()).isEqualTo(200);
        assertThat(interval()).as("rolled back").isEqualTo(10);

        String audit = admin.get("/api/v1/audit").body().toString();
        assertThat(audit).contains("services.configuration/v2",
                "PUT /services/configuration/v2/configurableComponents/configurations/_update -> 200");
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private Integer interval() {
        try {
            var properties = configurationAdmin.getConfiguration(HEALTH, "?").getProperties();
            Object value = properties == null ? null : properties.get("intervalSeconds");
            return value == null ? null : ((Number) value).intValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
