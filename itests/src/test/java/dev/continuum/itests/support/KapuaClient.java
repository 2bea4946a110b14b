package dev.continuum.itests.support;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The management side, written from the Kura protocol facts: publishes requests to
 * {@code $EDC/account/gateway/APP/METHOD/resource} with {@code request.id} and {@code requester.client.id},
 * and collects the REPLY and NOTIFY messages addressed to its own client id.
 */
public final class KapuaClient implements AutoCloseable {

    /** A NOTIFY message: its resource ({@code download}, {@code install}, ...) and payload. */
    public record Notification(String resource, KuraPayload payload) {
        public Object metric(String name) {
            return payload.metrics().get(name);
        }
    }

    private final String account;
    private final String gateway;
    private final String clientId;
    private final MqttClient client;
    private final Map<String, KuraPayload> replies = new ConcurrentHashMap<>();
    private final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();

    public KapuaClient(String brokerUri, String account, String gateway, String clientId) throws MqttException {
        this.account = account;
        this.gateway = gateway;
        this.clientId = clientId;
        this.client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        String own = "$EDC/" + account + "/" + clientId + "/";
        client.subscribe(own + "#", 1, (topic, message) -> {
            KuraPayload payload = KuraPayloadCodec.decode(message.getPayload());
            String[] levels = topic.substring(own.length()).split("/");
            if (levels.length >= 3 && levels[1].equals("REPLY")) {
                replies.put(levels[2], payload);
            } else if (levels.length >= 4 && levels[1].equals("NOTIFY")) {
                notifications.add(new Notification(levels[3], payload));
            }
        });
    }

    /** Sends a request and waits for its reply. */
    public KuraPayload request(String app, String path, Map<String, Object> metrics, byte[] body) throws MqttException {
        return request(app, path, metrics, body, Duration.ofSeconds(20));
    }

    /** Sends a request and waits up to {@code timeout} for its reply. */
    public KuraPayload request(String app, String path, Map<String, Object> metrics, byte[] body, Duration timeout)
            throws MqttException {
        String requestId = clientId + "-" + requests.incrementAndGet();
        Map<String, Object> all = new java.util.LinkedHashMap<>(metrics);
        all.put("request.id", requestId);
        all.put("requester.client.id", clientId);
        MqttMessage message = new MqttMessage(KuraPayloadCodec.encode(new KuraPayload(System.currentTimeMillis(), all,
                body)));
        message.setQos(1);
        client.publish("$EDC/" + account + "/" + gateway + "/" + app + "/" + path, message);
        return Await.until(timeout, "reply to " + path, () -> replies.get(requestId));
    }

    public KuraPayload request(String app, String path, Map<String, Object> metrics) throws MqttException {
        return request(app, path, metrics, null);
    }

    public List<Notification> notifications() {
        return notifications;
    }

    /** The notifications of one resource and job. */
    public List<Notification> notifications(String resource, long jobId) {
        return notifications.stream().filter(n -> n.resource().equals(resource))
                .filter(n -> Long.valueOf(jobId).equals(n.metric("job.id"))).toList();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
