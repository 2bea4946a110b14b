package dev.continuum.placement.internal.targets;

import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.RemoteInference;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of one remote inference service: an MQTT 3.1.1 client that publishes INFER-V1
 * requests ({@link RemoteInference}) and completes each request's future from its reply, matched by
 * request id. Requests are not queued while disconnected: they fail at once, and the workload scores the
 * windows locally. Requests and replies travel at QoS 0 over a socket without Nagle's algorithm: a lost
 * request costs one timeout and a local re-score, while acknowledgements and retransmissions would only add
 * packets (and Nagle-against-delayed-ACK stalls of tens of milliseconds) to every round trip.
 *
 * <p><b>Threading.</b> {@link #infer} is thread-safe and does not block on the network; futures complete
 * on Paho's callback thread. <b>Lifecycle:</b> connects in the background on activation, reconnects with
 * back-off, fails every pending request when the connection is lost or the component deactivates.
 */
@Component(service = RemoteTarget.class, configurationPid = TargetConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TargetConfig.class, factory = true)
public final class RemoteTarget implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteTarget.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Placement placement;
    private final String clientId;
    private final String requestTopicRoot;
    private final String replyFilter;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final long reconnectMillis;
    private final ScheduledExecutorService reconnects;
    private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean subscribed;
    private volatile boolean closed;
    private long backoff;

    @Activate
    public RemoteTarget(BundleContext context, TargetConfig config) throws MqttException {
        this.placement = Placement.valueOf(config.placement().trim().toUpperCase(java.util.Locale.ROOT));
        if (!placement.remote()) {
            throw new IllegalArgumentException("a placement target must be MEC or CLOUD, got " + config.placement());
        }
        String override = config.brokerProperty().isBlank() ? null : context.getProperty(config.brokerProperty());
        String uri = override == null || override.isBlank() ? config.brokerUri() : override.trim();
        this.clientId = config.clientId();
        this.requestTopicRoot = config.controlPrefix() + "/" + config.account() + "/" + config.serverClientId() + "/"
                + RemoteInference.APP_ID + "/EXEC/infer/";
        this.replyFilter = config.controlPrefix() + "/" + config.account() + "/" + clientId + "/"
                + RemoteInference.APP_ID + "/REPLY/+";
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        options.setKeepAliveInterval(10);
        options.setConnectionTimeout(5);
        if (!config.username().isBlank()) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        if (!config.trustStore().isBlank()) {
            Properties ssl = new Properties();
            ssl.setProperty("com.ibm.ssl.trustStore", config.trustStore());
            ssl.setProperty("com.ibm.ssl.trustStorePassword", config.trustStorePassword());
            options.setSSLProperties(ssl);
        } else if (uri.startsWith("tcp://")) {
            options.setSocketFactory(new NoDelaySockets(javax.net.SocketFactory.getDefault()));
        }
        this.reconnectMillis = Math.max(50, config.reconnectMillis());
        this.backoff = reconnectMillis;
        this.reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "continuum-placement-" + placement.name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            return thread;
        });
        client.setCallback(this);
        LOG.debug("placement target {}: {} as {}", placement, uri, clientId);
        reconnects.execute(this::connect);
    }

    public Placement placement() {
        return placement;
    }

    /** Connected and subscribed to its replies. */
    public boolean connected() {
        return subscribed && client.isConnected();
    }

    /**
     * Sends one request; the future fails when the target is not connected, the publish fails, the service
     * answers with an error code, or {@code timeoutMillis} pass without a reply.
     *
     * @return the reply and the request's encoded size in bytes (topic and payload)
     */
    public CompletableFuture<Reply> infer(String model, String encoding, int windows, byte[] body, long timeoutMillis,
            long[] sentBytes) {
        if (!connected()) {
            return CompletableFuture.failedFuture(new IllegalStateException(placement + " is not connected"));
        }
        String id = Long.toString(ids.incrementAndGet());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(KuraRequest.REQUEST_ID, id);
        metrics.put(KuraRequest.REQUESTER, clientId);
        metrics.put(RemoteInference.WINDOWS, windows);
        metrics.put(RemoteInference.ENCODING, encoding);
        byte[] payload = KuraPayloadCodec.encode(new KuraPayload(null, metrics, body));
        String topic = requestTopicRoot + model;
        sentBytes[0] = payload.length + topic.length();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((r, e) -> pending.remove(id));
        try {
            client.publish(topic, payload, 0, false);
        } catch (MqttException | RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(replyFilter, 0).waitForCompletion(10_000);
            subscribed = true;
            backoff = reconnectMillis;
            LOG.info("placement target {} connected to {}", placement, client.getServerURI());
        } catch (MqttException e) {
            subscribed = false;
            LOG.warn("placement target {}: cannot connect to {} ({}), retrying in {} ms", placement,
                    client.getServerURI(), e.getMessage(), backoff);
            if (!closed) {
                reconnects.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void connectionLost(Throwable cause) {
        subscribed = false;
        LOG.warn("placement target {}: connection to {} lost: {}", placement, client.getServerURI(),
                cause == null ? "closed" : cause.getMessage());
        failPending(placement + " connection lost");
        if (!closed) {
            reconnects.schedule(this::connect, reconnectMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String id = topic.substring(topic.lastIndexOf('/') + 1);
        CompletableFuture<Reply> reply = pending.remove(id);
        if (reply == null) {
            return;
        }
        try {
            KuraPayload payload = KuraPayloadCodec.decode(message.getPayload());
            Object code = payload.metrics().get(KuraResponder.RESPONSE_CODE);
            if (!Integer.valueOf(200).equals(code)) {
                reply.completeExceptionally(new IllegalStateException(placement + " answered " + code + ": "
                        + payload.metrics().get(KuraResponder.EXCEPTION_MESSAGE)));
                return;
            }
            Object labels = payload.metrics().get(RemoteInference.LABELS);
            reply.complete(new Reply(String.valueOf(payload.metrics().get(RemoteInference.VERSION)),
                    RemoteInference.doubles(payload.body()),
                    labels == null ? java.util.List.of() : Arrays.asList(labels.toString().split(","))));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    private void failPending(String why) {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
        pending.clear();
    }

    @Deactivate
    void deactivate() {
        closed = true;
        reconnects.shutdownNow();
        failPending(placement + " target closed");
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("placement target {}: closing: {}", placement, e.getMessage());
        }
    }
}
