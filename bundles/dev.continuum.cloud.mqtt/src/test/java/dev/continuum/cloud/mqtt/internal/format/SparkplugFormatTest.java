package dev.continuum.cloud.mqtt.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.DedupId;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.outbox.OutboxRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkplugFormatTest {

    private final SparkplugFormat format = new SparkplugFormat("plant", "gw-7");
    private long sequence;

    private static SparkplugBPayload decode(WireFormat.Publish publish) throws Exception {
        return new SparkplugBPayloadDecoder().buildFromByteArray(publish.payload(), null);
    }

    private static Object metric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst()
                .map(Metric::getValue).orElse(null);
    }

    private List<WireFormat.Publish> send(String topic, String metric, double value, boolean historical)
            throws Exception {
        WireFormat.Stored stored = format.encode(CloudMessage.builder(topic).metric(metric,
                TypedValue.ofDouble(value)).build());
        return format.wire(new OutboxRecord(new DedupId("gw-7", 1, ++sequence), System.currentTimeMillis(),
                stored.topic(), stored.payload(), 1, false, 5), historical);
    }

    @Test
    void ndeathWillAndNbirthCarryTheSameBdSeqWhichGrowsPerConnection() throws Exception {
        WireFormat.Publish death = format.will();
        List<WireFormat.Publish> births = format.births();

        assertThat(death.topic()).isEqualTo("spBv1.0/plant/NDEATH/gw-7");
        assertThat(death.qos()).isEqualTo(1);
        assertThat(births).singleElement().extracting(WireFormat.Publish::topic).isEqualTo("spBv1.0/plant/NBIRTH/gw-7");
        SparkplugBPayload nbirth = decode(births.get(0));
        assertThat(nbirth.getSeq()).isZero();
        assertThat(metric(nbirth, "bdSeq")).isEqualTo(0L).isEqualTo(metric(decode(death), "bdSeq"));
        assertThat(metric(nbirth, "Node Control/Rebirth")).isEqualTo(false);

        assertThat(metric(decode(format.will()), "bdSeq")).isEqualTo(1L);
        assertThat(metric(decode(format.births().get(0)), "bdSeq")).isEqualTo(1L);
    }

    @Test
    void aDeviceIsBornBeforeItsFirstDataAndSeqRunsOverAllMessagesOfTheConnection() throws Exception {
        format.will();
        format.births();

        List<WireFormat.Publish> first = send("press-1/temperature", "celsius", 81.5, false);
        List<WireFormat.Publish> second = send("press-1/temperature", "celsius", 82.0, true);

        assertThat(first).extracting(WireFormat.Publish::topic).containsExactly("spBv1.0/plant/DBIRTH/gw-7/press-1",
                "spBv1.0/plant/DDATA/gw-7/press-1");
        assertThat(decode(first.get(0)).getSeq()).isEqualTo(1);
        SparkplugBPayload ddata = decode(first.get(1));
        assertThat(ddata.getSeq()).isEqualTo(2);
        assertThat(metric(ddata, "temperature/celsius")).isEqualTo(81.5);
        assertThat(metric(ddata, "continuum.dedup.id")).isEqualTo("gw-7/1/1");
        assertThat(second).singleElement().extracting(WireFormat.Publish::topic)
                .isEqualTo("spBv1.0/plant/DDATA/gw-7/press-1");
        SparkplugBPayload historical = decode(second.get(0));
        assertThat(historical.getSeq()).isEqualTo(3);
        assertThat(historical.getMetrics()).allSatisfy(m -> assertThat(m.isHistorical()).isTrue());
    }

    @Test
    void seqWrapsAfter255() throws Exception {
        format.births();
        long last = -1;
        for (int i = 0; i < 300; i++) {
            List<WireFormat.Publish> wire = send("a/b", "v", i, false);
            last = decode(wire.get(wire.size() - 1)).getSeq();
        }
        assertThat(last).isEqualTo((1 + 300) % 256);
    }

    @Test
    void aRebirthCommandRepeatsNbirthAndBirthsEveryDeviceAgain() throws Exception {
        format.will();
        format.births();
        send("press-1/temperature", "celsius", 81.5, false);
        byte[] command = new SparkplugBPayloadEncoder().getBytes(new SparkplugBPayload.SparkplugBPayloadBuilder()
                .addMetric(new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true)
                        .createMetric()).createPayload(), false);

        List<WireFormat.Publish> answer = format.onMessage("spBv1.0/plant/NCMD/gw-7", command);

        assertThat(answer).singleElement().extracting(WireFormat.Publish::topic).isEqualTo("spBv1.0/plant/NBIRTH/gw-7");
        assertThat(decode(answer.get(0)).getSeq()).isZero();
        assertThat(send("press-1/temperature", "celsius", 83, false)).extracting(WireFormat.Publish::topic)
                .containsExactly("spBv1.0/plant/DBIRTH/gw-7/press-1", "spBv1.0/plant/DDATA/gw-7/press-1");
    }

    @Test
    void bdSeqGoesOnFromTheStoredValueAfterARestartAndWrapsAfter255(@TempDir Path data) throws Exception {
        Path file = data.resolve("spb.sparkplug-bdseq");
        SparkplugFormat first = new SparkplugFormat("plant", "gw-7", new BdSeqFile(file), false, DeviceCommands.NONE);
        first.will();
        first.will();
        assertThat(Files.readString(file).trim()).isEqualTo("1");

        SparkplugFormat restarted = new SparkplugFormat("plant", "gw-7", new BdSeqFile(file), false,
                DeviceCommands.NONE);
        WireFormat.Publish death = restarted.will();
        assertThat(metric(decode(death), "bdSeq")).isEqualTo(2L);
        assertThat(metric(decode(restarted.births().get(0)), "bdSeq")).isEqualTo(2L);
        assertThat(metric(decode(restarted.disconnect()), "bdSeq")).isEqualTo(2L);

        Files.writeString(file, "255\n");
        assertThat(metric(decode(new SparkplugFormat("plant", "gw-7", new BdSeqFile(file), false,
                DeviceCommands.NONE).will()), "bdSeq")).isEqualTo(0L);
        Files.writeString(file, "garbage");
        assertThat(metric(decode(new SparkplugFormat("plant", "gw-7", new BdSeqFile(file), false,
                DeviceCommands.NONE).will()), "bdSeq")).as("an unreadable file counts from 0 again").isEqualTo(0L);
    }

    @Test
    void withAliasesBirthsDeclareOneAliasPerMetricAndDdataCarriesOnlyTheAlias() throws Exception {
        SparkplugFormat aliased = new SparkplugFormat("plant", "gw-7", new BdSeqFile(null), true, DeviceCommands.NONE);
        aliased.will();
        SparkplugBPayload nbirth = decode(aliased.births().get(0));
        WireFormat.Stored stored = aliased.encode(CloudMessage.builder("press-1/temperature")
                .metric("celsius", TypedValue.ofDouble(81.5)).build());
        List<WireFormat.Publish> wire = aliased.wire(new OutboxRecord(new DedupId("gw-7", 1, 1), 1L, stored.topic(),
                stored.payload(), 1, false, 5), false);

        Map<Long, String> declared = new LinkedHashMap<>();
        for (SparkplugBPayload birth : List.of(nbirth, decode(wire.get(0)))) {
            birth.getMetrics().stream().filter(m -> !m.getName().equals("bdSeq")).forEach(m -> {
                assertThat(m.getAlias()).as("alias of %s", m.getName()).isNotNull();
                assertThat(declared.put(m.getAlias(), m.getName())).as("alias %s used twice", m.getAlias()).isNull();
            });
        }
        assertThat(declared).containsValues("Node Control/Rebirth", "temperature/celsius", "continuum.dedup.id");
        SparkplugBPayload ddata = decode(wire.get(1));
        assertThat(ddata.getMetrics()).allSatisfy(m -> {
            assertThat(m.hasName()).as("name in DDATA").isFalse();
            assertThat(declared).containsKey(m.getAlias());
        });
        Map<String, Object> byName = new LinkedHashMap<>();
        ddata.getMetrics().forEach(m -> byName.put(declared.get(m.getAlias()), m.getValue()));
        assertThat(byName).containsEntry("temperature/celsius", 81.5).containsEntry("continuum.dedup.id", "gw-7/1/1");
    }

    @Test
    void aDeviceCommandIsHandedOnByMetricNameOrDeclaredAliasAndAnUndeclaredAliasIsDropped() throws Exception {
        List<String> writes = new ArrayList<>();
        SparkplugFormat aliased = bornNode(true, writes);
        WireFormat.Stored stored = aliased.encode(CloudMessage.builder("cell").metric("relay",
                TypedValue.ofInteger(0)).build());
        List<WireFormat.Publish> wire = aliased.wire(record(stored, 1), false);
        long relay = decode(wire.get(0)).getMetrics().stream().filter(m -> m.getName().equals("relay")).findFirst()
                .map(Metric::getAlias).orElseThrow();

        assertThat(aliased.subscriptions()).contains("spBv1.0/plant/DCMD/gw-7/+");
        assertThat(aliased.onMessage("spBv1.0/plant/DCMD/gw-7/cell", command(
                new Metric.MetricBuilder("relay", MetricDataType.Int32, 1)))).isEmpty();
        aliased.onMessage("spBv1.0/plant/DCMD/gw-7/cell", command(
                new Metric.MetricBuilder(relay, MetricDataType.Int32, 0),
                new Metric.MetricBuilder(999L, MetricDataType.Int32, 5)));
        aliased.onMessage("spBv1.0/plant/DCMD/gw-7/cell", "not sparkplug".getBytes());

        assertThat(writes).containsExactly("cell {relay=1}", "cell {relay=0}");
    }

    @Test
    void aDeviceRebirthCommandAnswersAtOnceWithThatDevicesDbirthAndWritesNothing() throws Exception {
        List<String> writes = new ArrayList<>();
        SparkplugFormat node = bornNode(false, writes);
        WireFormat.Stored stored = node.encode(CloudMessage.builder("press-1/temperature").metric("celsius",
                TypedValue.ofDouble(81.5)).build());
        assertThat(node.wire(record(stored, 1), false)).hasSize(2); // DBIRTH seq 1, DDATA seq 2

        List<WireFormat.Publish> answer = node.onMessage("spBv1.0/plant/DCMD/gw-7/press-1",
                command(new Metric.MetricBuilder("Device Control/Rebirth", MetricDataType.Boolean, true)));

        assertThat(answer).singleElement().extracting(WireFormat.Publish::topic)
                .isEqualTo("spBv1.0/plant/DBIRTH/gw-7/press-1");
        SparkplugBPayload dbirth = decode(answer.get(0));
        assertThat(dbirth.getSeq()).isEqualTo(3);
        assertThat(metric(dbirth, "temperature/celsius")).isEqualTo(81.5);
        assertThat(writes).as("a rebirth is no write to the asset").isEmpty();
        assertThat(node.onMessage("spBv1.0/plant/DCMD/gw-7/ghost", command(
                new Metric.MetricBuilder("Device Control/Rebirth", MetricDataType.Boolean, true))))
                .as("a device that never published has nothing to be born with yet").isEmpty();
        assertThat(node.onMessage("spBv1.0/plant/DCMD/gw-7/press-1", command(
                new Metric.MetricBuilder("Device Control/Rebirth", MetricDataType.Boolean, false)))).isEmpty();
        List<WireFormat.Publish> next = node.wire(record(stored, 2), false);
        assertThat(next).singleElement().extracting(WireFormat.Publish::topic)
                .isEqualTo("spBv1.0/plant/DDATA/gw-7/press-1");
        assertThat(decode(next.get(0)).getSeq()).isEqualTo(4);
    }

    @Test
    void everyConfiguredAssetIsBornAfterNbirthWithItsChannelsTypesAndLastValues() throws Exception {
        Map<String, Map<String, DataType>> configured = new LinkedHashMap<>();
        configured.put("press-1", new LinkedHashMap<>(Map.of("celsius", DataType.DOUBLE)));
        configured.get("press-1").put("running", DataType.BOOLEAN);
        configured.put("cell", Map.of("relay", DataType.INTEGER));
        List<String> writes = new ArrayList<>();
        SparkplugFormat node = new SparkplugFormat("plant", "gw-7", new BdSeqFile(null), true, new DeviceCommands() {
            @Override
            public void write(String device, Map<String, Object> metrics) {
                writes.add(device + " " + metrics);
            }

            @Override
            public Map<String, Map<String, DataType>> devices() {
                return configured;
            }
        });

        List<WireFormat.Publish> births = node.births();

        assertThat(births).extracting(WireFormat.Publish::topic).containsExactly("spBv1.0/plant/NBIRTH/gw-7",
                "spBv1.0/plant/DBIRTH/gw-7/cell", "spBv1.0/plant/DBIRTH/gw-7/press-1");
        SparkplugBPayload press = decode(births.get(2));
        assertThat(press.getSeq()).isEqualTo(2);
        assertThat(press.getMetrics()).extracting(Metric::getName)
                .containsExactly("celsius", "running", "continuum.dedup.id");
        assertThat(press.getMetrics()).extracting(Metric::getDataType)
                .containsExactly(MetricDataType.Double, MetricDataType.Boolean, MetricDataType.String);
        assertThat(press.getMetrics()).allSatisfy(m -> {
            assertThat(m.isNull()).as("no value seen yet: " + m.getName()).isTrue();
            assertThat(m.getAlias()).as("alias of " + m.getName()).isNotNull();
        });
        assertThat(decode(births.get(1)).getMetrics()).extracting(Metric::getDataType)
                .contains(MetricDataType.Int32);

        WireFormat.Stored stored = node.encode(CloudMessage.builder("press-1").metric("celsius",
                TypedValue.ofDouble(81.5)).build());
        List<WireFormat.Publish> data = node.wire(record(stored, 1), false);
        assertThat(data).as("a declared metric needs no new DBIRTH").singleElement()
                .extracting(WireFormat.Publish::topic).isEqualTo("spBv1.0/plant/DDATA/gw-7/press-1");
        assertThat(decode(data.get(0)).getSeq()).isEqualTo(3);

        List<WireFormat.Publish> rebirth = node.births();
        SparkplugBPayload reborn = decode(rebirth.get(2));
        Metric celsius = reborn.getMetrics().stream().filter(m -> "celsius".equals(m.getName())).findFirst()
                .orElseThrow();
        assertThat(celsius.getValue()).as("the last value seen").isEqualTo(81.5);
        assertThat(celsius.isNull()).isFalse();
        assertThat(reborn.getMetrics().stream().filter(m -> "running".equals(m.getName())).findFirst()
                .orElseThrow().isNull()).isTrue();

        List<WireFormat.Publish> deviceRebirth = node.onMessage("spBv1.0/plant/DCMD/gw-7/cell",
                command(new Metric.MetricBuilder("Device Control/Rebirth", MetricDataType.Boolean, true)));
        assertThat(deviceRebirth).as("a configured device that never published is born on request")
                .singleElement().extracting(WireFormat.Publish::topic).isEqualTo("spBv1.0/plant/DBIRTH/gw-7/cell");
        assertThat(writes).isEmpty();
    }

    @Test
    void anAssetAddedWhileBornIsBornAtOnceAndOneAddedBeforeTheBirthsWaitsForThem() throws Exception {
        Map<String, DataType> channels = new LinkedHashMap<>(Map.of("relay", DataType.INTEGER));
        format.will();
        assertThat(format.deviceAdded("cell", channels)).as("connecting, no NBIRTH yet: the births declare it")
                .isEmpty();
        format.births();
        send("press-1/temperature", "celsius", 81.5, false); // DBIRTH seq 1, DDATA seq 2

        List<WireFormat.Publish> added = format.deviceAdded("cell", channels);

        assertThat(added).singleElement().extracting(WireFormat.Publish::topic)
                .isEqualTo("spBv1.0/plant/DBIRTH/gw-7/cell");
        SparkplugBPayload dbirth = decode(added.get(0));
        assertThat(dbirth.getSeq()).isEqualTo(3);
        assertThat(dbirth.getMetrics()).extracting(Metric::getName).containsExactly("relay", "continuum.dedup.id");
        assertThat(dbirth.getMetrics().get(0).getDataType()).isEqualTo(MetricDataType.Int32);
        assertThat(dbirth.getMetrics().get(0).isNull()).as("no value seen yet").isTrue();
        WireFormat.Stored stored = format.encode(CloudMessage.builder("cell").metric("relay",
                TypedValue.ofInteger(1)).build());
        List<WireFormat.Publish> data = format.wire(new OutboxRecord(new DedupId("gw-7", 1, ++sequence),
                System.currentTimeMillis(), stored.topic(), stored.payload(), 1, false, 5), false);
        assertThat(data).as("born already: its first data needs no DBIRTH").singleElement()
                .extracting(WireFormat.Publish::topic).isEqualTo("spBv1.0/plant/DDATA/gw-7/cell");
        assertThat(decode(data.get(0)).getSeq()).isEqualTo(4);

        format.disconnect();
        assertThat(format.deviceAdded("cell-2", channels)).as("after a clean disconnect").isEmpty();
    }

    @Test
    void aRemovedAssetDiesAtOnceAndItsLaterDataIsBornAgainFirst() throws Exception {
        format.births();
        send("press-1/temperature", "celsius", 81.5, false); // DBIRTH seq 1, DDATA seq 2
        assertThat(format.deviceRemoved("press-9")).as("never born in this connection: nothing to kill").isEmpty();

        List<WireFormat.Publish> removed = format.deviceRemoved("press-1");

        assertThat(removed).singleElement().extracting(WireFormat.Publish::topic, WireFormat.Publish::qos)
                .containsExactly("spBv1.0/plant/DDEATH/gw-7/press-1", 0);
        SparkplugBPayload ddeath = decode(removed.get(0));
        assertThat(ddeath.getSeq()).isEqualTo(3);
        assertThat(ddeath.getMetrics()).isEmpty();
        assertThat(format.deviceRemoved("press-1")).as("dead already").isEmpty();
        WireFormat.Stored stored = format.encode(CloudMessage.builder("press-1/temperature").metric("celsius",
                TypedValue.ofDouble(82.0)).build());
        List<WireFormat.Publish> late = format.wire(record(stored, ++sequence), false);
        assertThat(late).as("data of it still in the outbox: born again first").extracting(WireFormat.Publish::topic)
                .containsExactly("spBv1.0/plant/DBIRTH/gw-7/press-1", "spBv1.0/plant/DDATA/gw-7/press-1");
        assertThat(decode(late.get(0)).getSeq()).isEqualTo(4);

        format.disconnect();
        assertThat(format.deviceRemoved("press-1")).as("after a clean disconnect the NDEATH said it all").isEmpty();
    }

    /** A node after its NBIRTH whose device commands are written into {@code writes}. */
    private static SparkplugFormat bornNode(boolean aliases, List<String> writes) {
        SparkplugFormat node = new SparkplugFormat("plant", "gw-7", new BdSeqFile(null), aliases,
                (device, metrics) -> writes.add(device + " " + metrics));
        node.births();
        return node;
    }

    private static OutboxRecord record(WireFormat.Stored stored, long sequence) {
        return new OutboxRecord(new DedupId("gw-7", 1, sequence), sequence, stored.topic(), stored.payload(), 1, false,
                5);
    }

    private static byte[] command(Metric.MetricBuilder... metrics) throws Exception {
        SparkplugBPayload.SparkplugBPayloadBuilder payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new java.util.Date());
        for (Metric.MetricBuilder metric : metrics) {
            payload.addMetric(Objects.requireNonNull(metric.createMetric()));
        }
        return new SparkplugBPayloadEncoder().getBytes(payload.createPayload(), false);
    }
}
