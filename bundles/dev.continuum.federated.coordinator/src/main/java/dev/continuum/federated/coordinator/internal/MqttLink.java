package dev.continuum.federated.coordinator.internal;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import dev.continuum.cloud.mqtt.kura.KuraRequest;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import dev.continuum.cloud.mqtt.kura.KuraTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's MQTT client, a requester in Kura's conventions (as Kapua is): requests go to
 * {@code $EDC/account/gateway/APP/METHOD/resource} with {@code request.id} and {@code requester.client.id};
 * replies come back on {@code $EDC/account/<own id>/APP/REPLY/request-id} and progress on
 * {@code .../APP/NOTIFY/gateway/resource}, both under the one subscription {@code $EDC/account/<own id>/#}.
 *
 * <p>Threading: {@link #request} is thread-safe and does not block for the reply; replies complete the
 * futures and notifications reach the listener on Paho's callback thread.
 */
public final class MqttLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** Receives notifications. */
    @FunctionalInterface
    public interface Notifications {
        void onNotify(String app, String gateway, String resource, KuraPayload payload);
    }

    private final MqttClient client;
    private final KuraTopics own;
    private final Map<String, CompletableFuture<KuraPayload>> pending = new ConcurrentHashMap<>();

    /**
     * Connects; {@code ssl://} URIs use the JVM's trust store. {@code username} may be empty.
     */
    public MqttLink(String broker, String account, String clientId, String username, char[] password,
            Notifications notifications) throws MqttException {
        this.own = new KuraTopics("$EDC", account, clientId);
        this.client = new MqttClient(broker, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("coordinator lost its MQTT connection; reconnecting", cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                dispatch(topic, message.getPayload(), notifications);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1000);
        if (username != null && !username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password);
        }
        client.connect(options);
        client.subscribe(own.controlSubscription(), 1);
    }

    /** Publishes a request; completes with the reply (whatever its response code). */
    public CompletableFuture<KuraPayload> request(String gateway, String app, String path, Map<String, Object> metrics,
            byte[] body) {
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> all = new LinkedHashMap<>(metrics);
        all.put(KuraRequest.REQUEST_ID, requestId);
        all.put(KuraRequest.REQUESTER, own.clientId());
        CompletableFuture<KuraPayload> reply = new CompletableFuture<>();
        pending.put(requestId, reply);
        reply.whenComplete((r, e) -> pending.remove(requestId));
        String topic = "$EDC/" + own.account() + "/" + gateway + "/" + app + "/" + path;
        try {
            client.publish(topic, KuraPayloadCodec.encode(new KuraPayload(System.currentTimeMillis(), all, body)), 1,
                    false);
        } catch (MqttException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /** The reply's response code, or 500 when it has none. */
    public static int code(KuraPayload reply) {
        Object code = reply.metrics().get(KuraResponder.RESPONSE_CODE);
        return code instanceof Number n ? n.intValue() : 500;
    }

    private void dispatch(String topic, byte[] bytes, Notifications notifications) {
        String[] levels = topic.substring(own.controlRoot().length()).split("/");
        if (levels.length < 3) {
            return;
        }
        KuraPayload payload;
        try {
            payload = KuraPayloadCodec.decode(bytes);
        } catch (RuntimeException e) {
            LOG.warn("unreadable KuraPayload on {}: {}", topic, e.getMessage());
            return;
        }
        if (levels[1].equals("REPLY")) {
            CompletableFuture<KuraPayload> reply = pending.get(levels[2]);
            if (reply != null) {
                reply.complete(payload);
            }
        } else if (levels[1].equals("NOTIFY") && levels.length >= 4) {
            notifications.onNotify(levels[0], levels[2], levels[3], payload);
        }
    }

    @Override
    public void close() throws MqttException {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the link closed")));
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
