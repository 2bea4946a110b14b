package dev.continuum.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.Lifecycle;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The simulated production line: {@code Objects/Line/<machine>/<signal>} (string node ids
 * {@code Line/<machine>/<signal>}), {@code Objects/Line/Tags/TagNNNNN} for load tests, writable
 * {@code Line/Setpoint} (Double) and {@code Line/Mode} (Int32), and under {@code Line/Diagnostics} one
 * node per node-id form (numeric 5001, GUID {@link #GUID_NODE}, opaque {@code 0xC0FFEE}) and a node whose
 * value is always Bad ({@code Faulty}).
 */
final class LineNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:continuum:sim:line";
    static final UUID GUID_NODE = UUID.fromString("6f1b3c2a-5d4e-4f60-8a7b-9c0d1e2f3a4b");
    private static final String[] KINDS = {"Press", "Lathe", "Pump", "Conveyor"};

    private final SimSettings.LineSettings settings;
    private final SubscriptionModel subscriptions;
    private final ScanSampler scan;
    private final List<Machine> machines = new ArrayList<>();
    private final List<UaVariableNode> tags = new ArrayList<>();
    private final List<UaVariableNode> counters = new ArrayList<>();
    private volatile ScheduledExecutorService updater;
    private long tick;

    LineNamespace(OpcUaServer server, SimSettings.LineSettings settings) {
        super(server, URI);
        this.settings = settings;
        this.subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        this.scan = settings.sampling() == SimSettings.Sampling.SCAN
                ? new ScanSampler(id -> getNodeManager().get(id), settings.updateMillis()) : null;
        getLifecycleManager().addLifecycle(new Lifecycle() {
            @Override
            public void startup() {
                build();
                updater = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "continuum-sim-line");
                    thread.setDaemon(true);
                    return thread;
                });
                // Fixed delay: after a stall the line skips updates instead of bursting them (unobservable by sampling).
                updater.scheduleWithFixedDelay(LineNamespace.this::update, settings.updateMillis(),
                        settings.updateMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void shutdown() {
                updater.shutdownNow();
            }
        });
    }

    private void build() {
        UaFolderNode line = folder("Line", "Line");
        line.addReference(new Reference(line.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        for (int i = 0; i < settings.machines(); i++) {
            String name = KINDS[i % KINDS.length] + (i / KINDS.length + 1);
            UaFolderNode folder = folder("Line/" + name, name);
            line.addOrganizes(folder);
            machines.add(new Machine(new LineModel(settings.seed(), i, settings.updateMillis(), settings.anomalyRate(),
                    settings.cycleSeconds()),
                    folder, this));
        }
        if (settings.tags() > 0) {
            UaFolderNode folder = folder("Line/Tags", "Tags");
            line.addOrganizes(folder);
            for (int i = 0; i < settings.tags(); i++) {
                String name = String.format("Tag%05d", i);
                tags.add(variable(folder, newNodeId("Line/Tags/" + name), name, NodeIds.Double, new Variant(0.0), false));
            }
        }
        variable(line, newNodeId("Line/Setpoint"), "Setpoint", NodeIds.Double, new Variant(50.0), true);
        variable(line, newNodeId("Line/Mode"), "Mode", NodeIds.Int32, new Variant(1), true);
        UaFolderNode diagnostics = folder("Line/Diagnostics", "Diagnostics");
        line.addOrganizes(diagnostics);
        counters.add(variable(diagnostics, newNodeId(5001), "NumericId", NodeIds.Int64, new Variant(0L), false));
        counters.add(variable(diagnostics, newNodeId(GUID_NODE), "GuidId", NodeIds.Int64, new Variant(0L), false));
        counters.add(variable(diagnostics, newNodeId(ByteString.of(new byte[] {(byte) 0xC0, (byte) 0xFF, (byte) 0xEE})),
                "OpaqueId", NodeIds.Int64, new Variant(0L), false));
        UaVariableNode faulty = variable(diagnostics, newNodeId("Line/Diagnostics/Faulty"), "Faulty", NodeIds.Double,
                new Variant(0.0), false);
        faulty.setValue(new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_SensorFailure), DateTime.now()));
    }

    private void update() {
        try {
            tick++;
            DateTime now = DateTime.now();
            for (Machine machine : machines) {
                machine.update(now);
            }
            Variant sequence = new Variant((double) tick);
            for (UaVariableNode tag : tags) {
                tag.setValue(new DataValue(sequence, StatusCode.GOOD, now, now));
            }
            if (tick % Math.max(1, 1000 / settings.updateMillis()) == 0) {
                Variant count = new Variant(tick);
                counters.forEach(node -> node.setValue(new DataValue(count, StatusCode.GOOD, now, now)));
            }
            if (scan != null) {
                scan.sample(System.nanoTime());
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LineNamespace.class).warn("simulation update failed", e);
        }
    }

    UaFolderNode folder(String id, String name) {
        UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(id), newQualifiedName(name),
                LocalizedText.english(name));
        getNodeManager().addNode(folder);
        return folder;
    }

    UaVariableNode variable(UaFolderNode parent, NodeId id, String name, NodeId dataType, Variant initial,
            boolean writable) {
        UaVariableNode node = UaVariableNode.builder(getNodeContext())
                .setNodeId(id)
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(dataType)
                .setTypeDefinition(NodeIds.BaseDataVariableType)
                .setAccessLevel(writable ? new AccessLevel[] {AccessLevel.CurrentRead, AccessLevel.CurrentWrite}
                        : new AccessLevel[] {AccessLevel.CurrentRead})
                .setUserAccessLevel(writable ? new AccessLevel[] {AccessLevel.CurrentRead, AccessLevel.CurrentWrite}
                        : new AccessLevel[] {AccessLevel.CurrentRead})
                .setMinimumSamplingInterval(0.0)
                .build();
        node.setValue(new DataValue(initial));
        getNodeManager().addNode(node);
        parent.addOrganizes(node);
        return node;
    }

    NodeId nodeId(String id) {
        return newNodeId(id);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        if (scan == null) {
            subscriptions.onDataItemsCreated(items);
            return;
        }
        Map<Boolean, List<DataItem>> byScan = byScan(items, scan::accepts);
        subscriptions.onDataItemsCreated(byScan.get(false));
        ScheduledExecutorService line = updater;
        if (line != null && !byScan.get(true).isEmpty()) {
            // First values now, on the update thread (in order with the updates' samples), not an update later.
            try {
                line.execute(() -> scan.sampleNew(System.nanoTime()));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: no more samples
            }
        }
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        if (scan == null) {
            subscriptions.onDataItemsModified(items);
            return;
        }
        subscriptions.onDataItemsModified(byScan(items, scan::contains).get(false));
    }

    /** Splits {@code items} by {@code scanned}, adds (or re-times) the scanned ones in the scan sampler. */
    private Map<Boolean, List<DataItem>> byScan(List<DataItem> items, java.util.function.Predicate<DataItem> scanned) {
        Map<Boolean, List<DataItem>> split = items.stream().collect(Collectors.partitioningBy(scanned));
        scan.add(split.get(true));
        return split;
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        if (scan != null) {
            scan.remove(items);
        }
        subscriptions.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptions.onMonitoringModeChanged(items);
    }

    /** One machine's nodes and model. */
    private static final class Machine {
        private final LineModel model;
        private final UaVariableNode running;
        private final UaVariableNode vibration;
        private final UaVariableNode temperature;
        private final UaVariableNode pressure;
        private final UaVariableNode current;
        private final UaVariableNode parts;
        private final UaVariableNode anomaly;

        Machine(LineModel model, UaFolderNode folder, LineNamespace ns) {
            this.model = model;
            String base = folder.getNodeId().getIdentifier() + "/";
            running = ns.variable(folder, ns.nodeId(base + "Running"), "Running", NodeIds.Boolean, new Variant(false), false);
            vibration = ns.variable(folder, ns.nodeId(base + "Vibration"), "Vibration", NodeIds.Double, new Variant(0.0), false);
            temperature = ns.variable(folder, ns.nodeId(base + "Temperature"), "Temperature", NodeIds.Double, new Variant(0.0), false);
            pressure = ns.variable(folder, ns.nodeId(base + "Pressure"), "Pressure", NodeIds.Float, new Variant(0f), false);
            current = ns.variable(folder, ns.nodeId(base + "MotorCurrent"), "MotorCurrent", NodeIds.Double, new Variant(0.0), false);
            parts = ns.variable(folder, ns.nodeId(base + "PartCount"), "PartCount", NodeIds.Int32, new Variant(0), false);
            anomaly = ns.variable(folder, ns.nodeId(base + "Anomaly"), "Anomaly", NodeIds.Boolean, new Variant(false), false);
        }

        void update(DateTime now) {
            model.step();
            set(running, new Variant(model.running()), now);
            set(vibration, new Variant(model.vibration()), now);
            set(temperature, new Variant(model.temperature()), now);
            set(pressure, new Variant(model.pressure()), now);
            set(current, new Variant(model.motorCurrent()), now);
            set(parts, new Variant(model.parts()), now);
            set(anomaly, new Variant(model.anomaly()), now);
        }

        private static void set(UaVariableNode node, Variant value, DateTime now) {
            node.setValue(new DataValue(value, StatusCode.GOOD, now, now));
        }
    }
}
