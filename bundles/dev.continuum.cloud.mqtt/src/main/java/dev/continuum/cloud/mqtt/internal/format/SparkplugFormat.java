package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eclipse Sparkplug B (3.0) through Eclipse Tahu: this gateway is one edge node ({@code spBv1.0/GROUP/.../NODE})
 * and each asset (the first level of a publisher's topic) a device.
 * <ul>
 * <li>Every connection: the will is NDEATH carrying {@code bdSeq} (QoS 1), incremented per connection
 * (0-255) and kept in a file across restarts ({@link BdSeqFile}); then NBIRTH (seq 0) with the same
 * {@code bdSeq} and {@code Node Control/Rebirth}, followed by a DBIRTH for every configured asset
 * ({@link DeviceCommands#devices()}): its enabled channels with their types, each with its last value seen in
 * this endpoint's life or is_null if it has none yet.</li>
 * <li>A device's first message in a connection is preceded by its DBIRTH if it was not born yet; a message with
 * a metric its DBIRTH did not declare gets a new DBIRTH first. A DBIRTH declares the configured channels, every
 * other metric seen for the device and the dedup metric.</li>
 * <li>DDATA carries the metrics (named {@code channel/metric} when the topic has more levels than the asset),
 * the dedup id as metric {@code continuum.dedup.id}, and {@code is_historical} on every metric of a message
 * accepted before this connection.</li>
 * <li>seq runs 0-255 over NBIRTH, DBIRTH, DDATA and DDEATH of a connection.</li>
 * <li>NCMD {@code Node Control/Rebirth = true}: NBIRTH and the configured devices' DBIRTHs again; any other
 * device is born again before its next data.</li>
 * <li>DCMD {@code Device Control/Rebirth = true}: that device's DBIRTH again at once.</li>
 * <li>An asset unregistered while its device is born: its DDEATH at once (seq, no metrics).</li>
 * <li>An asset registered while the node is born: its DBIRTH at once (configured channels, is_null until a
 * value was seen), not only with its first data or the next rebirth.</li>
 * <li>DCMD {@code spBv1.0/GROUP/DCMD/NODE/DEVICE}: each metric (by name, or by an alias this node declared) is a
 * write of the asset DEVICE's channel of that name, handed to {@link DeviceCommands}.</li>
 * <li>With aliases on, NBIRTH and DBIRTH declare an alias for every metric but bdSeq, and DDATA carries the
 * alias instead of the name.</li>
 * </ul>
 * The outbox stores a message as the KuraPayload of its metrics on topic {@code spBv1.0/GROUP/DDATA/NODE/DEVICE};
 * the Sparkplug payload is made when it is sent, since seq is a property of the connection.
 *
 * @see <a href="https://sparkplug.eclipse.org/specification/version/3.0/documents/sparkplug-specification-3.0.0.pdf">Sparkplug 3.0</a>
 */
public final class SparkplugFormat implements WireFormat {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugFormat.class);
    public static final String NAMESPACE = "spBv1.0";
    public static final String BD_SEQ = "bdSeq";
    public static final String REBIRTH = "Node Control/Rebirth";
    public static final String DEVICE_REBIRTH = "Device Control/Rebirth";
    public static final String DEDUP_METRIC = KuraFormat.DEDUP_METRIC;

    private final String group;
    private final String node;
    private final String ddataPrefix;
    private final String dcmdPrefix;
    private final BdSeqFile bdSeq;
    private final SparkplugAliases aliases;
    private final DeviceCommands commands;
    private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
    /** Per device: the last value of every metric seen, in first-seen order. */
    private final Map<String, Map<String, Object>> devices = new HashMap<>();
    /** Per device born in this connection: the names its DBIRTH declared. */
    private final Map<String, Set<String>> bornWith = new HashMap<>();
    private long seq;
    /** NBIRTH was made for the connection now being established or open; false from the next will on. */
    private boolean nodeBorn;

    /** A node whose bdSeq lives in memory only, without aliases, that drops device commands. */
    public SparkplugFormat(String group, String node) {
        this(group, node, new BdSeqFile(null), false, DeviceCommands.NONE);
    }

    /** @param aliases whether births declare metric aliases and DDATA uses them */
    public SparkplugFormat(String group, String node, BdSeqFile bdSeq, boolean aliases, DeviceCommands commands) {
        this.group = group;
        this.node = node;
        this.ddataPrefix = topic("DDATA") + "/";
        this.dcmdPrefix = topic("DCMD") + "/";
        this.bdSeq = bdSeq;
        this.aliases = aliases ? new SparkplugAliases() : null;
        this.commands = commands;
    }

    private String topic(String type) {
        return NAMESPACE + "/" + group + "/" + type + "/" + node;
    }

    /** The subscription that receives this node's commands. */
    public String commandTopic() {
        return topic("NCMD");
    }

    @Override
    public Stored encode(CloudMessage message) throws CloudException {
        WireFormat.checkTopic(message.topic());
        int slash = message.topic().indexOf('/');
        String device = slash < 0 ? message.topic() : message.topic().substring(0, slash);
        String prefix = slash < 0 ? "" : message.topic().substring(slash + 1) + "/";
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, TypedValue> metric : message.metrics().entrySet()) {
            metrics.put(prefix + metric.getKey(), metric.getValue().value());
        }
        return new Stored(ddataPrefix + device,
                KuraPayloadCodec.encode(new KuraPayload(message.timestamp(), metrics, message.body())));
    }

    @Override
    public synchronized Publish will() {
        nodeBorn = false;
        return death(bdSeq.next());
    }

    private Publish death(long value) {
        return new Publish(topic("NDEATH"), encode(new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date()).addMetric(metric(BD_SEQ, value, false, null))), 1, false);
    }

    @Override
    public synchronized List<Publish> births() {
        seq = 0;
        nodeBorn = true;
        bornWith.clear();
        SparkplugBPayload.SparkplugBPayloadBuilder birth = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date()).setSeq(nextSeq())
                .addMetric(metric(BD_SEQ, bdSeq.current(), false, null))
                .addMetric(born("", REBIRTH, Boolean.FALSE, null));
        List<Publish> out = new ArrayList<>();
        out.add(new Publish(topic("NBIRTH"), encode(birth), 0, false));
        Date now = new Date();
        new TreeMap<>(commands.devices()).forEach((device, channels) -> out.add(dbirth(device, now, channels)));
        return out;
    }

    @Override
    public List<String> subscriptions() {
        return List.of(commandTopic(), dcmdPrefix + "+");
    }

    @Override
    public synchronized List<Publish> wire(OutboxRecord record, boolean historical) {
        String device = record.topic().substring(ddataPrefix.length());
        KuraPayload stored = KuraPayloadCodec.decode(record.payload());
        Date timestamp = new Date(stored.timestamp() == null ? record.acceptedAtMillis() : stored.timestamp());
        Map<String, Object> known = devices.computeIfAbsent(device, d -> new LinkedHashMap<>());
        known.putAll(stored.metrics());
        known.put(DEDUP_METRIC, record.id().toString());
        List<Publish> out = new ArrayList<>(2);
        Set<String> born = bornWith.get(device);
        if (born == null || !born.containsAll(stored.metrics().keySet())) {
            out.add(dbirth(device, timestamp, configured(device)));
        }
        SparkplugBPayload.SparkplugBPayloadBuilder ddata = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(timestamp).setSeq(nextSeq());
        stored.metrics().forEach((name, value) -> ddata.addMetric(data(device, name, value, historical, timestamp)));
        ddata.addMetric(data(device, DEDUP_METRIC, record.id().toString(), historical, timestamp));
        if (stored.body() != null) {
            ddata.setBody(stored.body());
        }
        out.add(new Publish(record.topic(), encode(ddata), record.qos(), record.retain()));
        return out;
    }

    /**
     * DBIRTH of {@code device}: its configured channels first (with the last value seen, else null with the
     * channel's type), then every other metric seen for it, and the dedup metric; the device counts as born
     * with all of them.
     */
    private Publish dbirth(String device, Date timestamp, Map<String, DataType> configured) {
        Map<String, Object> known = devices.getOrDefault(device, Map.of());
        SparkplugBPayload.SparkplugBPayloadBuilder dbirth = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(timestamp).setSeq(nextSeq());
        Set<String> born = new HashSet<>();
        configured.forEach((name, type) -> {
            Object value = known.get(name);
            dbirth.addMetric(value == null ? declared(device, name, type) : born(device, name, value, null));
            born.add(name);
        });
        known.forEach((name, value) -> {
            if (born.add(name)) {
                dbirth.addMetric(born(device, name, value, null));
            }
        });
        if (born.add(DEDUP_METRIC)) {
            dbirth.addMetric(declared(device, DEDUP_METRIC, DataType.STRING));
        }
        bornWith.put(device, born);
        return new Publish(topic("DBIRTH") + "/" + device, encode(dbirth), 0, false);
    }

    /** The configured channels of {@code device}; none if no asset of that name is configured. */
    private Map<String, DataType> configured(String device) {
        return commands.devices().getOrDefault(device, Map.of());
    }

    @Override
    public List<Publish> onMessage(String topic, byte[] payload) {
        boolean device = topic.startsWith(dcmdPrefix);
        if (!device && !topic.equals(commandTopic())) {
            return List.of();
        }
        SparkplugBPayload command;
        try {
            command = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
        } catch (Exception e) {
            LOG.warn("Sparkplug node {}/{}: command on {} is not a Sparkplug B payload, ignored: {}", group, node,
                    topic, e.toString());
            return List.of();
        }
        if (device) {
            return deviceCommand(topic.substring(dcmdPrefix.length()), command);
        }
        for (Metric metric : command.getMetrics()) {
            if (REBIRTH.equals(name("", metric)) && Boolean.TRUE.equals(metric.getValue())) {
                LOG.info("Sparkplug node {}/{}: rebirth requested", group, node);
                return births();
            }
        }
        return List.of();
    }

    /** Writes a DCMD's metrics to the asset; {@code Device Control/Rebirth = true} answers with the DBIRTH. */
    private List<Publish> deviceCommand(String device, SparkplugBPayload command) {
        Map<String, Object> writes = new LinkedHashMap<>();
        boolean rebirth = false;
        for (Metric metric : command.getMetrics()) {
            String name = name(device, metric);
            if (DEVICE_REBIRTH.equals(name)) {
                rebirth |= Boolean.TRUE.equals(metric.getValue());
            } else if (name == null) {
                LOG.warn("Sparkplug node {}/{}: DCMD for device {} names metric alias {}, which this node never"
                        + " declared for it; ignored", group, node, device, metric.getAlias());
            } else if (metric.getValue() == null) {
                LOG.warn("Sparkplug node {}/{}: DCMD for device {} has no value for metric {}; ignored", group, node,
                        device, name);
            } else {
                writes.put(name, metric.getValue());
            }
        }
        if (!writes.isEmpty()) {
            commands.write(device, writes);
        }
        return rebirth ? deviceRebirth(device) : List.of();
    }

    private synchronized List<Publish> deviceRebirth(String device) {
        Map<String, DataType> configured = configured(device);
        if (!devices.containsKey(device) && configured.isEmpty()) {
            LOG.warn("Sparkplug node {}/{}: {} for device {}, which is no configured asset and has published"
                    + " nothing since the endpoint started; it is born with its first data", group, node,
                    DEVICE_REBIRTH, device);
            return List.of();
        }
        LOG.info("Sparkplug node {}/{}: rebirth of device {} requested", group, node, device);
        return List.of(dbirth(device, new Date(), configured));
    }

    /** A command metric's name: its own, or the name born with its alias. */
    private synchronized String name(String device, Metric metric) {
        if (metric.hasName()) {
            return metric.getName();
        }
        return aliases == null || metric.getAlias() == null ? null : aliases.name(device, metric.getAlias());
    }

    /** An asset added while connected is born at once with its configured channels (a DBIRTH; also a rebirth). */
    @Override
    public synchronized List<Publish> deviceAdded(String device, Map<String, DataType> channels) {
        if (!nodeBorn) {
            return List.of();
        }
        LOG.info("Sparkplug node {}/{}: device {} added; DBIRTH with {} channels", group, node, device,
                channels.size());
        return List.of(dbirth(device, new Date(), channels));
    }

    /**
     * An asset removed while its device is born dies at once (a DDEATH with the next seq); data of it still in
     * the outbox is preceded by a new DBIRTH, as for any device not born in the connection.
     */
    @Override
    public synchronized List<Publish> deviceRemoved(String device) {
        if (!nodeBorn || bornWith.remove(device) == null) {
            return List.of();
        }
        LOG.info("Sparkplug node {}/{}: device {} removed; DDEATH", group, node, device);
        return List.of(new Publish(topic("DDEATH") + "/" + device, encode(new SparkplugBPayload
                .SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(nextSeq())), 0, false));
    }

    @Override
    public synchronized Publish disconnect() {
        nodeBorn = false;
        return death(bdSeq.current());
    }

    private long nextSeq() {
        long current = seq;
        seq = (seq + 1) % 256;
        return current;
    }

    private byte[] encode(SparkplugBPayload.SparkplugBPayloadBuilder payload) {
        try {
            return encoder.getBytes(payload.createPayload(), false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Sparkplug B payload cannot be encoded: " + e, e);
        }
    }

    /** A metric in a birth: with its alias when aliases are on. */
    private Metric born(String device, String name, Object value, Date timestamp) {
        Metric metric = metric(name, value, false, timestamp);
        if (aliases != null) {
            metric.setAlias(aliases.alias(device, name));
        }
        return metric;
    }

    /** A metric in a birth with no value yet: its configured type and is_null. */
    private Metric declared(String device, String name, DataType type) {
        Metric.MetricBuilder builder = new Metric.MetricBuilder(name, SparkplugTypes.of(type), null);
        if (aliases != null) {
            builder.alias(aliases.alias(device, name));
        }
        return build(builder, name, null, false, null);
    }

    /** A metric in DDATA: only its alias when aliases are on. */
    private Metric data(String device, String name, Object value, boolean historical, Date timestamp) {
        if (aliases == null) {
            return metric(name, value, historical, timestamp);
        }
        return build(new Metric.MetricBuilder(aliases.alias(device, name), SparkplugTypes.of(value),
                SparkplugTypes.value(value)), name, value, historical, timestamp);
    }

    private static Metric metric(String name, Object value, boolean historical, Date timestamp) {
        return build(new Metric.MetricBuilder(name, SparkplugTypes.of(value), SparkplugTypes.value(value)), name, value,
                historical, timestamp);
    }

    private static Metric build(Metric.MetricBuilder builder, String name, Object value, boolean historical,
            Date timestamp) {
        try {
            return builder.isHistorical(historical ? Boolean.TRUE : null).timestamp(timestamp).createMetric();
        } catch (org.eclipse.tahu.SparkplugInvalidTypeException e) {
            throw new IllegalStateException("metric " + name + " of " + value.getClass() + ": " + e, e);
        }
    }
}
