package dev.continuum.itests.placement;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Every message the broker routes, captured by a client subscribed to {@code #} and {@code $EDC/#}. */
final class Traffic implements AutoCloseable {

    /** Thread-name marker of the capturing client, so CPU accounting can leave it out. */
    static final String CLIENT_ID = "traffic-capture";

    record Message(String topic, byte[] payload) {
    }

    private final MqttClient client;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    Traffic(String brokerUri) throws MqttException {
        client = new MqttClient(brokerUri, CLIENT_ID, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        // '#' does not match topics that start with '$' (MQTT 3.1.1, 4.7.2): the Kura control topics need their own.
        for (String filter : new String[] {"#", "$EDC/#"}) {
            client.subscribe(filter, 0, (topic, message) -> messages.add(new Message(topic, message.getPayload())));
        }
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
