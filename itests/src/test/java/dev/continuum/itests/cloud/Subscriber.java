package dev.continuum.itests.cloud;

import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The consumer side of the MQTT itests: a persistent-session QoS 1 subscriber (so that messages queued by
 * the broker while it is disconnected, and saved across a broker stop, reach it) that decodes every
 * KuraPayload it receives.
 */
final class Subscriber implements AutoCloseable {

    /** One received message. */
    record Received(String topic, KuraPayload payload, boolean gzipped) {
        String dedupId() {
            return (String) payload.metrics().get("continuum.dedup.id");
        }

        long sequence() {
            String id = dedupId();
            return Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
        }

        boolean historical() {
            return Boolean.TRUE.equals(payload.metrics().get("continuum.historical"));
        }
    }

    private final String uri;
    private final String clientId;
    private final String[] filters;
    private final List<Received> received = new ArrayList<>();
    private MqttClient client;

    Subscriber(String uri, String clientId, String... filters) {
        this.uri = uri;
        this.clientId = clientId;
        this.filters = filters;
    }

    /** Connects (resuming its session) and subscribes at QoS 1. */
    Subscriber connect() throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the test reconnects explicitly after restarting the broker
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                byte[] bytes = message.getPayload();
                Received r = new Received(topic, KuraPayloadCodec.decode(bytes), KuraPayloadCodec.isGzip(bytes));
                synchronized (received) {
                    received.add(r);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribe only
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setMaxInflight(1000);
        client.connect(options);
        for (String filter : filters) {
            client.subscribe(filter, 1);
        }
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    List<Received> receivedOn(String topicPrefix) {
        return received().stream().filter(r -> r.topic().startsWith(topicPrefix)).toList();
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may be gone already
        }
        client = null;
    }
}
