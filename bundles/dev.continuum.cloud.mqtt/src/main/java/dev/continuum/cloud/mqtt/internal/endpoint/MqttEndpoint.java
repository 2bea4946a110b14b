package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.Accepted;
import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudException.Reason;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.cloud.mqtt.internal.transport.MqttTransport;
import dev.continuum.cloud.mqtt.internal.format.BdSeqFile;
import dev.continuum.cloud.mqtt.internal.format.DeviceCommands;
import dev.continuum.cloud.mqtt.internal.format.FormatKind;
import dev.continuum.cloud.mqtt.internal.format.JsonFormat;
import dev.continuum.cloud.mqtt.internal.format.KuraFormat;
import dev.continuum.cloud.mqtt.internal.format.SparkplugFormat;
import dev.continuum.cloud.mqtt.internal.format.WireFormat;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import dev.continuum.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT endpoint: validates and encodes published messages (KuraPayload, Kura topic namespace) into its
 * durable outbox, and keeps a connection (BIRTH on every connect, DC on clean disconnect, LWT) through which
 * its sender drains the outbox. Registers {@link CloudPublisher} and {@link CloudEndpoint} with the
 * {@link CloudPublisher#ENDPOINT} property, and a health check, itself (their properties depend on the
 * configuration).
 */
@Component(configurationPid = EndpointConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = EndpointConfig.class, factory = true)
public final class MqttEndpoint implements CloudPublisher, CloudEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);
    private static final long SEND_DC_MILLIS = 2000;

    private final EndpointSettings settings;
    private static final int MAX_TOPIC_BYTES = 65535;
    private final WireFormat format;
    private final Outbox outbox;
    private final ConnectionFsm fsm;
    private final Sender sender;
    private final ServiceRegistration<?> services;
    private final ServiceRegistration<HealthCheck> health;
    private final ControlDispatcher control;
    private final AssetCommands commands;
    private volatile boolean closed;

    @Activate
    public MqttEndpoint(BundleContext context, EndpointConfig config) throws CloudException {
        this.settings = EndpointSettings.check(config,
                config.brokerProperty().isBlank() ? null : context.getProperty(config.brokerProperty()));
        KuraTopics topics = new KuraTopics(config.controlPrefix(), config.account(), config.clientId());
        ConnectionFsm[] fsmRef = new ConnectionFsm[1];
        this.control = new ControlDispatcher(context, config.name(), topics, () -> fsmRef[0].transport());
        this.commands = settings.format() == FormatKind.SPARKPLUG_B ? new AssetCommands(context, config.name()) : null;
        this.format = format(settings, topics, () -> Birth.birth(context, config.clientId(), control.appIds()),
                control::dispatch, EndpointOutbox.directory(context, config), commands);
        this.fsm = new ConnectionFsm(config.name(), listener -> Transports.create(settings, format::will, listener),
                new Backoff(config.backoffInitialMillis(), config.backoffMaxMillis()), config.maxInflight(),
                new ConnectionFsm.Hooks() {
                    @Override
                    public CompletableFuture<Void> onConnected(MqttTransport transport) {
                        CompletableFuture<Void> done = publishInOrder(transport, format::births);
                        for (String filter : format.subscriptions()) {
                            done = done.thenCompose(ok -> transport.subscribe(filter, 1));
                        }
                        return done;
                    }

                    @Override
                    public void onMessage(String topic, byte[] payload) {
                        publishInOrder(fsmRef[0].transport(), () -> format.onMessage(topic, payload));
                    }
                });
        fsmRef[0] = fsm;
        try {
            this.outbox = EndpointOutbox.open(context, settings);
        } catch (CloudException | RuntimeException e) {
            fsm.close(transport -> CompletableFuture.completedFuture(null));
            control.close();
            closeCommands();
            throw e;
        }
        this.sender = new Sender(config.name(), outbox, fsm, format);
        if (commands != null) {
            commands.onAdded((device, channels) -> lifecycle(device, "birth", () -> format.deviceAdded(device, channels)));
            commands.onRemoved(device -> lifecycle(device, "death", () -> format.deviceRemoved(device)));
        }
        sender.start();
        fsm.start();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ENDPOINT, config.name());
        properties.put(ROUTE, config.name());
        this.services = context.registerService(new String[] {CloudPublisher.class.getName(),
            CloudEndpoint.class.getName()}, this, properties);
        Hashtable<String, Object> check = new Hashtable<>();
        check.put(HealthCheck.NAME, "MQTT endpoint " + config.name());
        check.put(HealthCheck.TAGS, GatewayHealth.TAG);
        this.health = context.registerService(HealthCheck.class, new EndpointHealthCheck(this, outbox::writeRefusal), check);
        LOG.debug("MQTT endpoint {} started: {} MQTT {}, outbox {}", config.name(), settings.brokerUris(),
                settings.mqtt5() ? "5" : "3.1.1", settings.durability());
    }

    @Deactivate
    void deactivate() {
        closed = true;
        health.unregister();
        services.unregister();
        WireFormat.Publish disconnect = format.disconnect();
        fsm.close(transport -> disconnect == null ? CompletableFuture.completedFuture(null)
                : publishAll(transport, List.of(disconnect)).orTimeout(SEND_DC_MILLIS, TimeUnit.MILLISECONDS));
        sender.stop();
        control.close();
        closeCommands();
        outbox.close();
        LOG.debug("MQTT endpoint {} stopped", settings.config().name());
    }

    @Override
    public CompletionStage<Accepted> publish(CloudMessage message) {
        if (closed) {
            return failed(Reason.CLOSED, "MQTT endpoint " + name() + " is closed");
        }
        if (message.qos() < 0 || message.qos() > 2) {
            return failed(Reason.INVALID_MESSAGE, "qos " + message.qos() + " is not supported; accepted: 0, 1, 2");
        }
        if (message.priority() < 0 || message.priority() > CloudMessage.LOWEST_PRIORITY) {
            return failed(Reason.INVALID_MESSAGE, "priority " + message.priority() + " is out of range; accepted: 0.."
                    + CloudMessage.LOWEST_PRIORITY);
        }
        WireFormat.Stored stored;
        try {
            stored = format.encode(message);
        } catch (CloudException e) {
            return CompletableFuture.failedFuture(e);
        }
        // UTF-8 takes at most 3 bytes per char: only a long topic needs encoding to be measured
        if (stored.topic().length() > MAX_TOPIC_BYTES / 3
                && stored.topic().getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            return failed(Reason.INVALID_TOPIC, "topic is longer than MQTT's " + MAX_TOPIC_BYTES + " bytes");
        }
        byte[] payload = stored.payload();
        if (payload.length > settings.config().maxPayloadBytes()) {
            return failed(Reason.PAYLOAD_TOO_LARGE, "encoded payload of " + payload.length
                    + " bytes exceeds maxPayloadBytes " + settings.config().maxPayloadBytes() + " of endpoint " + name());
        }
        return outbox.append(stored.topic(), payload, message.qos(), message.retain(), message.priority())
                .thenApply(id -> new Accepted(id, settings.durability()));
    }

    /**
     * An asset registered or removed while connected: its DBIRTH or DDEATH goes out now (not with its first
     * data, or never), in seq order with the sender's DDATA.
     */
    private void lifecycle(String device, String what, Supplier<List<WireFormat.Publish>> publishes) {
        MqttTransport transport = fsm.transport();
        if (closed || !transport.isConnected()) {
            return; // the births of the next connection declare what is configured then
        }
        publishInOrder(transport, publishes).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("MQTT endpoint {}: {} of device {} not sent ({}); the next connection's births"
                        + " declare the devices configured then", name(), what, device, error.toString());
            }
        });
    }

    /**
     * Makes {@code publishes} and hands them to the client while holding the format's monitor (as the sender
     * does for its batches), so that what the format numbers (Sparkplug's seq) reaches the broker in that order.
     */
    private CompletableFuture<Void> publishInOrder(MqttTransport transport,
            Supplier<List<WireFormat.Publish>> publishes) {
        synchronized (format) {
            return publishAll(transport, publishes.get());
        }
    }

    private void closeCommands() {
        if (commands != null) {
            commands.close();
        }
    }

    private static WireFormat format(EndpointSettings settings, KuraTopics topics, Supplier<byte[]> birth,
            BiConsumer<String, byte[]> control, Path directory, DeviceCommands commands) {
        EndpointConfig config = settings.config();
        return switch (settings.format()) {
            case KURA -> new KuraFormat(topics, birth, control, config.kuraGzipMinBytes());
            case JSON -> new JsonFormat(settings.topicTemplate(), settings.statusTopic());
            case SPARKPLUG_B -> new SparkplugFormat(config.sparkplugGroupId(), settings.edgeNodeId(),
                    new BdSeqFile(directory.resolve(config.name() + ".sparkplug-bdseq")), config.sparkplugAliases(),
                    commands);
        };
    }

    /** Publishes in order; completes when the last is acknowledged (or at once if there is none). */
    private static CompletableFuture<Void> publishAll(MqttTransport transport, List<WireFormat.Publish> publishes) {
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        for (WireFormat.Publish publish : publishes) {
            last = transport.publish(publish.topic(), publish.payload(), publish.qos(), publish.retain());
        }
        return last;
    }

    private static CompletionStage<Accepted> failed(Reason reason, String message) {
        return CompletableFuture.failedFuture(new CloudException(reason, message));
    }

    /**
     * Keeps the round trip measured while no data flows: an empty QoS 1 publish to {@code probeTopic} when the
     * last measurement is older than {@code staleMillis} (called by a failover route while its primary is
     * out of use, so that it can see the primary recover).
     */
    public void probeRoundTrip(long staleMillis) {
        if (!closed) {
            sender.probe(settings.config().probeTopic().replace("{clientId}", settings.config().clientId()),
                    staleMillis);
        }
    }

    @Override
    public String name() {
        return settings.config().name();
    }

    @Override
    public EndpointStatus status() {
        return new EndpointStatus(name(), fsm.state(), fsm.broker(), fsm.lastError(), fsm.lastErrorAt(),
                sender.rttMillis(), sender.published(), sender.acknowledged(), fsm.connects(), outbox.status());
    }
}
