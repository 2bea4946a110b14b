package dev.continuum.cloud.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;
import org.junit.jupiter.api.Test;

class UncopiedMessageTest {

    @Test
    void pahoWritesThePayloadArrayItselfInThePublishPacket() throws Exception {
        byte[] payload = "result".getBytes(StandardCharsets.UTF_8);

        UncopiedMessage message = new UncopiedMessage(payload, 1, true);
        MqttPublish packet = new MqttPublish("acme/gw/line", message);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(packet.getHeader());
        wire.write(packet.getPayload());

        assertThat(new MqttMessage(payload).getPayload()).as("Paho's own message copies").isNotSameAs(payload);
        assertThat(message.getPayload()).isSameAs(payload);
        assertThat(packet.getPayload()).isSameAs(payload);
        assertThat(message.getQos()).isEqualTo(1);
        assertThat(message.isRetained()).isTrue();
        byte[] bytes = wire.toByteArray();
        assertThat(bytes[0] & 0xFF).as("PUBLISH, QoS 1, retain").isEqualTo(0x33);
        assertThat(new String(bytes, bytes.length - payload.length, payload.length, StandardCharsets.UTF_8))
                .isEqualTo("result");
        assertThat(message).hasToString("result");
    }
}
