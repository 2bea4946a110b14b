package dev.continuum.itests.update;

import dev.continuum.itests.support.KapuaClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.MosquittoBroker;
import dev.continuum.itests.support.Ports;
import dev.continuum.itests.support.Runtime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * CONF-V2 through a real Mosquitto, on the console's REST handlers: list configurable components, update
 * one (the automatic snapshot taken before it), refuse a bad value with the REST API's message, roll back
 * to the newest snapshot, and the change is gone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfV2IT {

    private static final String APP = "CONF-V2";
    private static final String PID = "dev.continuum.core.health";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws Exception {
        return new Option[] {
            Runtime.features(Files.createTempDirectory("continuum-conf-v2-data-"), Ports.free(), "core", "console",
                    "cloud-mqtt", "update", "remote"),
            Runtime.pahoBundle()};
    }

    @Test
    public void readsUpdatesAndRollsBackConfigurationRemotely() throws Exception {
        Await.until(Duration.ofSeconds(30), "default configuration of " + PID, () -> interval());
        assertThat(interval()).isEqualTo(10);
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            ManagedGateway.connect(context, configurationAdmin, "conf", broker.uri());
            try (KapuaClient kapua = new KapuaClient(broker.uri(), "acme", "gw", "ops")) {
                assertThat(body(ok(kapua.request(APP, "GET/configurableComponents", Map.of())))).contains(PID);
                assertThat(body(ok(kapua.request(APP, "GET/configurableComponents/configurations/byPid", Map.of(),
                        json("{\"pids\": [\"" + PID + "\"]}"))))).contains("intervalSeconds");

                ok(kapua.request(APP, "PUT/configurableComponents/configurations/_update", Map.of(), json(
                        "{\"configs\": [{\"pid\": \"" + PID + "\", \"properties\": {\"intervalSeconds\": 30}}],"
                        + " \"takeSnapshot\": true}")));
                assertThat(interval()).isEqualTo(30);

                KuraPayload refused = kapua.request(APP, "PUT/configurableComponents/configurations/_update", Map.of(),
                        json("{\"configs\": [{\"pid\": \"" + PID + "\", \"properties\": {\"intervalSeconds\": \"often\"}}]}"));
                assertThat(refused.metrics()).containsEntry("response.code", 400);
                assertThat((String) refused.metrics().get("response.exception.message")).contains("intervalSeconds");
                assertThat(interval()).isEqualTo(30);

                JsonArray snapshots = JsonParser.parseString(body(ok(kapua.request(APP, "GET/snapshots", Map.of()))))
                        .getAsJsonArray();
                assertThat(snapshots).as("the automatic snapshot before the change").isNotEmpty();
                assertThat(snapshots.get(0).getAsJsonObject().get("reason").getAsString()).contains(PID);

                ok(kapua.request(APP, "EXEC/snapshots/_rollback", Map.of()));
                assertThat(interval()).as("rolled back").isEqualTo(10);

                assertThat(kapua.request(APP, "GET/nothing", Map.of()).metrics()).containsEntry("response.code", 404);
                assertThat(kapua.request(APP, "EXEC/snapshots/byId/_rollback", Map.of(), json("{\"id\": \"nope\"}"))
                        .metrics().get("response.code")).isIn(400, 404);
            }
        }
    }

    private Integer interval() {
        try {
            var configuration = configurationAdmin.getConfiguration(PID, "?");
            Object value = configuration.getProperties() == null ? null
                    : configuration.getProperties().get("intervalSeconds");
            return value == null ? null : ((Number) value).intValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String body(KuraPayload reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static KuraPayload ok(KuraPayload reply) {
        assertThat(reply.metrics()).as("%s", reply.metrics()).containsEntry("response.code", 200);
        return reply;
    }
}
