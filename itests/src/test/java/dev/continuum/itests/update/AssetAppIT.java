package dev.continuum.itests.update;

import dev.continuum.itests.support.KapuaClient;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.continuum.itests.support.FileCell.find;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.FileCell;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * The ASSET-V1 app through a real Mosquitto, with a management client written from the Kura protocol facts:
 * list assets and channels, read channels now, write a channel (observable in the example file driver's
 * file), and per-channel errors for unknown channels, read-only channels and values of the wrong type.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AssetAppIT {

    private static final String APP = "ASSET-V1";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        Path driver = Runtime.localRepository().resolve(
                "dev/continuum/dev.continuum.example.driver/0.1.0-SNAPSHOT/dev.continuum.example.driver-0.1.0-SNAPSHOT.jar");
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-asset-app-data-"), Ports.free(), "core", "opcua",
                    "cloud-mqtt", "update", "remote"),
            Runtime.pahoBundle(),
            bundle(driver.toUri().toString()).startLevel(20)};
    }

    @Test
    public void listsReadsAndWritesAssetsRemotely() throws Exception {
        Path root = FileCell.configure(context, configurationAdmin);
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            ManagedGateway.connect(context, configurationAdmin, "assets", broker.uri());
            try (KapuaClient kapua = new KapuaClient(broker.uri(), "acme", "gw", "ops")) {
                JsonArray assets = json(ok(kapua.request(APP, "GET/assets", Map.of())));
                JsonObject cell = find(assets, "cell");
                assertThat(find(cell.getAsJsonArray("channels"), "relay").get("mode").getAsString())
                        .isEqualTo("READ_WRITE");
                assertThat(find(cell.getAsJsonArray("channels"), "temp").get("type").getAsString()).isEqualTo("DOUBLE");

                JsonArray read = json(ok(kapua.request(APP, "EXEC/read", Map.of(),
                        body("[{\"name\":\"cell\",\"channels\":[{\"name\":\"temp\"}]}]"))));
                JsonObject temp = find(find(read, "cell").getAsJsonArray("channels"), "temp");
                assertThat(temp.get("value").getAsDouble()).isEqualTo(21.5);
                assertThat(temp.get("type").getAsString()).isEqualTo("DOUBLE");
                assertThat(temp.has("timestamp")).isTrue();

                JsonArray written = json(ok(kapua.request(APP, "EXEC/write", Map.of(), body(
                        "[{\"name\":\"cell\",\"channels\":[{\"name\":\"relay\",\"type\":\"INTEGER\",\"value\":1},"
                        + "{\"name\":\"valve\",\"type\":\"INTEGER\",\"value\":1},"
                        + "{\"name\":\"temp\",\"type\":\"DOUBLE\",\"value\":5},"
                        + "{\"name\":\"relay\",\"type\":\"INTEGER\",\"value\":\"on\"}]},"
                        + "{\"name\":\"nowhere\",\"channels\":[{\"name\":\"x\",\"value\":1}]}]"))));
                JsonArray results = find(written, "cell").getAsJsonArray("channels");
                assertThat(Files.readString(root.resolve("relay")).trim()).isEqualTo("1");
                assertThat(results.toString()).contains("\"name\":\"relay\",\"timestamp\"")
                        .contains("has no channel 'valve'").contains("a INTEGER value was expected, not 'on'");
                assertThat(find(results, "temp").get("error").getAsString()).isNotBlank();
                assertThat(find(written, "nowhere").getAsJsonArray("channels").toString())
                        .contains("no asset named 'nowhere'");
                assertThat(Files.readString(root.resolve("temp")).trim()).isEqualTo("21.5");

                KuraPayload garbage = kapua.request(APP, "EXEC/write", Map.of(), body("{not json"));
                assertThat(garbage.metrics()).containsEntry("response.code", 400);
                assertThat((String) garbage.metrics().get("response.exception.message")).contains("not JSON");
                assertThat(kapua.request(APP, "GET/nothing", Map.of()).metrics()).containsEntry("response.code", 404);
            }
        }
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonArray json(KuraPayload reply) {
        return JsonParser.parseString(new String(reply.body(), StandardCharsets.UTF_8)).getAsJsonArray();
    }

    private static KuraPayload ok(KuraPayload reply) {
        assertThat(reply.metrics()).containsEntry("response.code", 200);
        return reply;
    }
}
