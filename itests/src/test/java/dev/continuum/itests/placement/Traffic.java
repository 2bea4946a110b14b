package dev.continuum.itests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.api.placement.RemoteInference;
import dev.continuum.cloud.mqtt.kura.KuraPayload;
import dev.continuum.cloud.mqtt.kura.KuraPayloadCodec;
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

    /**
     * Checks that every INFER-V1 request captured asks for {@code featuresModel} with the features encoding and
     * carries exactly {@code featuresPerWindow} floats per window (never raw values), and that no topic names
     * the raw model; returns how many requests there were (at least one).
     */
    int featuresOnlyRequests(String inferTopic, String featuresModel, int featuresPerWindow) {
        int requests = 0;
        for (Message message : messages()) {
            assertThat(message.topic()).as("no raw model is asked for").doesNotEndWith("/vibration-anomaly");
            if (!message.topic().startsWith(inferTopic)) {
                continue;
            }
            requests++;
            KuraPayload payload = KuraPayloadCodec.decode(message.payload());
            int windows = (Integer) payload.metrics().get(RemoteInference.WINDOWS);
            assertThat(message.topic()).isEqualTo(inferTopic + featuresModel);
            assertThat(payload.metrics()).containsEntry(RemoteInference.ENCODING, RemoteInference.FEATURES);
            assertThat(payload.body()).as("features only: " + featuresPerWindow + " floats per window")
                    .hasSize(windows * featuresPerWindow * Float.BYTES);
        }
        assertThat(requests).as("INFER-V1 requests captured").isPositive();
        return requests;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
