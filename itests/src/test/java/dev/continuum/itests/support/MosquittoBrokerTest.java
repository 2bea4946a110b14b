package dev.continuum.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker the MQTT itests rely on: a real Mosquitto that answers CONNECT, dies on demand and comes back. */
class MosquittoBrokerTest {

    private MosquittoBroker broker;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start();
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void answersAnMqttConnectWithAnAcceptingConnack() throws IOException {
        assertThat(connack(broker.port())).containsExactly(0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void killedBrokerRefusesConnectionsAndRestartsOnTheSamePort() throws IOException {
        int port = broker.port();
        broker.kill();
        assertThat(broker.running()).isFalse();
        assertThat(Ports.accepting(port)).isFalse();

        broker.restart();

        assertThat(broker.port()).isEqualTo(port);
        assertThat(connack(port)).containsExactly(0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void stoppedBrokerExitsAndRestarts() throws IOException {
        broker.stop();
        assertThat(broker.running()).isFalse();
        broker.restart();
        assertThat(connack(broker.port())).containsExactly(0x20, 0x02, 0x00, 0x00);
    }

    /** Sends an MQTT 3.1.1 CONNECT (clean session, keep-alive 10 s, client id "t") and returns the 4-byte reply. */
    private static int[] connack(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 10, 0, 1, 't'});
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int[] reply = new int[4];
            for (int i = 0; i < reply.length; i++) {
                reply[i] = in.readUnsignedByte();
            }
            return reply;
        }
    }
}
