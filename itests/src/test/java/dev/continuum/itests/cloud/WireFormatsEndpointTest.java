package dev.continuum.itests.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import dev.continuum.itests.support.Await;
import dev.continuum.itests.support.Closer;
import dev.continuum.itests.support.MosquittoBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON and Sparkplug B formats of a real endpoint against a real Mosquitto, checked by a subscriber that
 * decodes what arrives (Sparkplug B with Eclipse Tahu's decoder, which the endpoint bundle embeds).
 */
class WireFormatsEndpointTest {

    private final Closer cleanup = new Closer();

    @AfterEach
    void cleanUp() throws Exception {
        cleanup.close();
    }

    private static SparkplugBPayload sparkplug(RawSubscriber.Arrival arrival) {
        try {
            return new SparkplugBPayloadDecoder().buildFromByteArray(arrival.payload(), null);
        } catch (Exception e) {
            throw new AssertionError("not a Sparkplug B payload on " + arrival.topic(), e);
        }
    }

    private static Object metric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst().map(Metric::getValue)
                .orElse(null);
    }

    @Test
    void jsonMessagesArriveOnTheTemplatedTopicWithTheirDedupIdAndAStatusTopicAndQos2EndToEnd() throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "continuum/#"));
        MqttEndpoint endpoint = MqttBench.endpoint(Files.createTempDirectory("json-"), broker.uri(), "json", 100,
                "5", Map.of("clientId", "gw-json", "format", "JSON",
                        "topicTemplate", "continuum/{gatewayId}/{asset}/{channel}"));
        for (int i = 0; i < 20; i++) {
            endpoint.publish(CloudMessage.builder("press-1/temperature").timestamp(1000 + i).qos(i == 19 ? 2 : 1)
                    .metric("celsius", TypedValue.ofDouble(80 + i)).build()).toCompletableFuture().get();
        }
        Await.until(Duration.ofSeconds(20), "20 JSON messages",
                () -> arrivals.arrivals().stream().filter(a -> a.topic().endsWith("/temperature")).count() == 20);
        MqttBench.close(endpoint);

        List<RawSubscriber.Arrival> got = arrivals.arrivals();
        assertThat(got.get(0).topic()).isEqualTo("continuum/gw-json/status");
        assertThat(got.get(0).text()).isEqualTo("{\"online\":true}");
        List<RawSubscriber.Arrival> data = got.stream().filter(a -> a.topic().equals("continuum/gw-json/press-1/temperature"))
                .toList();
        assertThat(data).hasSize(20);
        assertThat(data).extracting(RawSubscriber.Arrival::qos).startsWith(1).endsWith(2);
        assertThat(data.get(0).text()).startsWith("{\"timestamp\":1000,\"metrics\":{\"celsius\":80.0},\"dedupId\":"
                + "\"gw-json/1/");
        Await.until(Duration.ofSeconds(10), "offline status on a clean stop",
                () -> arrivals.arrivals().stream().anyMatch(a -> a.text().equals("{\"online\":false}")));
    }

    @Test
    void sparkplugNodeAndDevicesAreBornWithBdSeqAndSeqAndRebornOnCommand() throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "spBv1.0/#"));
        MqttEndpoint endpoint = MqttBench.endpoint(Files.createTempDirectory("spb-"), broker.uri(), "spb", 100,
                "3.1.1", Map.of("clientId", "gw-spb", "format", "SPARKPLUG_B", "sparkplugGroupId", "plant"));
        for (int i = 0; i < 10; i++) {
            endpoint.publish(CloudMessage.builder(i % 2 == 0 ? "press-1/temperature" : "press-2/temperature")
                    .metric("celsius", TypedValue.ofDouble(80 + i)).build()).toCompletableFuture().get();
        }
        Await.until(Duration.ofSeconds(20), "10 DDATA", () -> arrivals.arrivals().stream()
                .filter(a -> a.topic().contains("/DDATA/")).count() == 10);

        List<RawSubscriber.Arrival> got = arrivals.arrivals();
        assertThat(got.get(0).topic()).isEqualTo("spBv1.0/plant/NBIRTH/gw-spb");
        SparkplugBPayload nbirth = sparkplug(got.get(0));
        assertThat(nbirth.getSeq()).isZero();
        assertThat(metric(nbirth, "bdSeq")).isEqualTo(0L);
        assertThat(got).extracting(RawSubscriber.Arrival::topic).containsSubsequence("spBv1.0/plant/DBIRTH/gw-spb/press-1",
                "spBv1.0/plant/DDATA/gw-spb/press-1");
        assertThat(got.stream().map(RawSubscriber.Arrival::topic).filter(t -> t.contains("/DBIRTH/")).toList())
                .containsExactly("spBv1.0/plant/DBIRTH/gw-spb/press-1", "spBv1.0/plant/DBIRTH/gw-spb/press-2");
        List<Long> seqs = got.stream().map(a -> sparkplug(a).getSeq()).toList();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq of message %d (%s)", i, got.get(i).topic()).isEqualTo((long) i);
        }
        SparkplugBPayload ddata = sparkplug(got.stream().filter(a -> a.topic().contains("/DDATA/")).findFirst()
                .orElseThrow());
        assertThat(metric(ddata, "temperature/celsius")).isEqualTo(80.0);
        assertThat((String) metric(ddata, "continuum.dedup.id")).startsWith("gw-spb/1/");

        MqttClient host = new MqttClient(broker.uri(), "host-app", new MemoryPersistence());
        host.connect();
        cleanup.add(host::close);
        byte[] rebirth = new SparkplugBPayloadEncoder().getBytes(new SparkplugBPayload.SparkplugBPayloadBuilder()
                .addMetric(new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true)
                        .createMetric()).createPayload(), false);
        host.publish("spBv1.0/plant/NCMD/gw-spb", rebirth, 1, false);
        Await.until(Duration.ofSeconds(20), "NBIRTH again after the rebirth command", () -> arrivals.arrivals()
                .stream().filter(a -> a.topic().endsWith("/NBIRTH/gw-spb")).count() == 2);
        RawSubscriber.Arrival second = arrivals.arrivals().stream().filter(a -> a.topic().endsWith("/NBIRTH/gw-spb")).skip(1)
                .findFirst().orElseThrow();
        assertThat(sparkplug(second).getSeq()).isZero();
        assertThat(metric(sparkplug(second), "bdSeq")).isEqualTo(0L);

        byte[] deviceRebirth = new SparkplugBPayloadEncoder().getBytes(new SparkplugBPayload.SparkplugBPayloadBuilder()
                .addMetric(new Metric.MetricBuilder("Device Control/Rebirth", MetricDataType.Boolean, true)
                        .createMetric()).createPayload(), false);
        host.publish("spBv1.0/plant/DCMD/gw-spb/press-2", deviceRebirth, 1, false);
        host.disconnect();
        RawSubscriber.Arrival reborn = Await.until(Duration.ofSeconds(20), "press-2's DBIRTH after its rebirth command",
                () -> arrivals.arrivals().stream().filter(a -> a.topic().equals("spBv1.0/plant/DBIRTH/gw-spb/press-2"))
                        .skip(1).findFirst().orElse(null));
        assertThat(metric(sparkplug(reborn), "temperature/celsius")).as("press-2's last value").isEqualTo(89.0);
        assertThat(sparkplug(reborn).getSeq()).as("the seq after the second NBIRTH").isEqualTo(1);
        assertThat(arrivals.arrivals()).extracting(RawSubscriber.Arrival::topic)
                .as("no other device is born by press-2's command")
                .containsOnlyOnce("spBv1.0/plant/DBIRTH/gw-spb/press-1");

        MqttBench.close(endpoint);
        Await.until(Duration.ofSeconds(10), "NDEATH with the session's bdSeq on a clean stop", () -> arrivals.arrivals()
                .stream().filter(a -> a.topic().equals("spBv1.0/plant/NDEATH/gw-spb"))
                .anyMatch(a -> Long.valueOf(0).equals(metric(sparkplug(a), "bdSeq"))));
    }

    @Test
    void whenTheGatewayDiesTheBrokerPublishesNdeathWithTheBdSeqOfItsNbirth() throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "spBv1.0/#"));
        Process gateway = EndpointKillTest.child(Files.createTempDirectory("spb-kill-"), broker.uri(), "drain",
                "SPARKPLUG_B");
        try {
            Await.until(Duration.ofSeconds(30), "NBIRTH", () -> arrivals.count(a -> a.topic().contains("/NBIRTH/")) == 1);
        } finally {
            EndpointKillTest.kill(gateway);
        }
        RawSubscriber.Arrival death = Await.until(Duration.ofSeconds(20), "NDEATH from the broker (the will)",
                () -> arrivals.arrivals().stream().filter(a -> a.topic().equals("spBv1.0/plant/NDEATH/gw-kill"))
                        .findFirst().orElse(null));
        RawSubscriber.Arrival birth = arrivals.arrivals().stream().filter(a -> a.topic().contains("/NBIRTH/"))
                .findFirst().orElseThrow();
        assertThat(death.qos()).isEqualTo(1);
        assertThat(metric(sparkplug(death), "bdSeq")).isNotNull().isEqualTo(metric(sparkplug(birth), "bdSeq"));
    }

    @Test
    void bdSeqGrowsAcrossGatewayRestartsAndEachNbirthMatchesItsNdeathWill() throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "spBv1.0/#"));
        java.nio.file.Path store = Files.createTempDirectory("spb-restart-");
        for (int life = 0; life < 2; life++) {
            int before = life;
            Process gateway = EndpointKillTest.child(store, broker.uri(), "drain", "SPARKPLUG_B");
            try {
                Await.until(Duration.ofSeconds(30), "NBIRTH of life " + life,
                        () -> arrivals.count(a -> a.topic().contains("/NBIRTH/")) == before + 1);
            } finally {
                EndpointKillTest.kill(gateway);
            }
            Await.until(Duration.ofSeconds(20), "NDEATH will of life " + life,
                    () -> arrivals.count(a -> a.topic().contains("/NDEATH/")) == before + 1);
        }
        List<Object> births = arrivals.arrivals().stream().filter(a -> a.topic().contains("/NBIRTH/"))
                .map(a -> metric(sparkplug(a), "bdSeq")).toList();
        List<Object> deaths = arrivals.arrivals().stream().filter(a -> a.topic().contains("/NDEATH/"))
                .map(a -> metric(sparkplug(a), "bdSeq")).toList();
        assertThat(births).containsExactly(0L, 1L);
        assertThat(deaths).containsExactly(0L, 1L);
    }

    @Test
    void withAliasesDdataCarriesTheAliasesItsDbirthDeclared() throws Exception {
        MosquittoBroker broker = cleanup.add(MosquittoBroker.start());
        RawSubscriber arrivals = cleanup.add(new RawSubscriber(broker.uri(), "spBv1.0/#"));
        MqttEndpoint endpoint = MqttBench.endpoint(Files.createTempDirectory("spb-alias-"), broker.uri(), "alias", 100,
                "5", Map.of("clientId", "gw-alias", "format", "SPARKPLUG_B", "sparkplugGroupId", "plant",
                        "sparkplugAliases", true));
        cleanup.add(() -> MqttBench.close(endpoint));
        for (int i = 0; i < 3; i++) {
            endpoint.publish(CloudMessage.builder("press-1/temperature").metric("celsius", TypedValue.ofDouble(80 + i))
                    .build()).toCompletableFuture().get();
        }
        Await.until(Duration.ofSeconds(20), "3 DDATA", () -> arrivals.count(a -> a.topic().contains("/DDATA/")) == 3);

        SparkplugBPayload dbirth = sparkplug(arrivals.arrivals().stream().filter(a -> a.topic().contains("/DBIRTH/"))
                .findFirst().orElseThrow());
        Map<Long, String> declared = new java.util.HashMap<>();
        dbirth.getMetrics().forEach(m -> declared.put(m.getAlias(), m.getName()));
        List<Object> celsius = arrivals.arrivals().stream().filter(a -> a.topic().contains("/DDATA/"))
                .map(WireFormatsEndpointTest::sparkplug).map(ddata -> {
                    assertThat(ddata.getMetrics()).noneMatch(Metric::hasName);
                    return ddata.getMetrics().stream().filter(m -> "temperature/celsius".equals(declared.get(m.getAlias())))
                            .findFirst().map(Metric::getValue).orElse(null);
                }).toList();
        assertThat(celsius).containsExactly(80.0, 81.0, 82.0);
    }
}
