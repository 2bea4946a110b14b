package dev.continuum.itests.cloud;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A QoS 2 subscriber that keeps every message as it arrived, whatever its payload format. */
final class RawSubscriber implements AutoCloseable {

    /** One message as it arrived. */
    record Arrival(String topic, byte[] payload, int qos) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final MqttClient client;

    RawSubscriber(String uri, String filter) throws MqttException {
        client = new MqttClient(uri, "raw-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the test ends with the broker
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (arrivals) {
                    arrivals.add(new Arrival(topic, message.getPayload(), message.getQos()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribe only
            }
        });
        client.connect();
        client.subscribe(filter, 2);
    }

    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return new ArrayList<>(arrivals);
        }
    }

    long count(java.util.function.Predicate<Arrival> which) {
        return arrivals().stream().filter(which).count();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
