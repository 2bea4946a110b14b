package dev.continuum.cloud.mqtt.internal.transport;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * A Paho MQTT 3.1.1 message that publishes the caller's payload array itself: Paho's own {@code MqttMessage}
 * clones it ({@code setPayload}), one more copy of every message on top of the wire format's. The caller hands
 * the array over and does not change it afterwards (the wire formats make a new one per publish). Paho reads the
 * payload only through {@link #getPayload()}.
 */
final class UncopiedMessage extends MqttMessage {

    private byte[] payload;

    UncopiedMessage(byte[] payload, int qos, boolean retained) {
        // MqttMessage() sets an empty payload through setPayload, before this constructor's body runs
        this.payload = payload;
        setQos(qos);
        setRetained(retained);
    }

    @Override
    public byte[] getPayload() {
        return payload;
    }

    @Override
    public void setPayload(byte[] payload) {
        checkMutable();
        if (payload == null) {
            throw new NullPointerException("payload");
        }
        this.payload = payload;
    }

    @Override
    public void clearPayload() {
        setPayload(new byte[0]);
    }

    @Override
    public String toString() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
