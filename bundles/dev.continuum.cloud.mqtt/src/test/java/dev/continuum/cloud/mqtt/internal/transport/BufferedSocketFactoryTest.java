package dev.continuum.cloud.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferedSocketFactoryTest {

    @Test
    void onlyPlainTcpBrokersGetTheBufferedFactory() {
        assertThat(BufferedSocketFactory.forUris(List.of("tcp://a:1883", "TCP://b:1883")))
                .isInstanceOf(BufferedSocketFactory.class);
        assertThat(BufferedSocketFactory.forUris(List.of("tcp://a:1883", "ssl://b:8883"))).isNull();
        assertThat(BufferedSocketFactory.forUris(List.of("ws://a:80"))).isNull();
    }

    @Test
    void bytesArriveUnchangedInOrderAcrossPacketsTimeoutsAndLargeReads() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new BufferedSocketFactory().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            client.setSoTimeout(200);
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                InputStream in = client.getInputStream();
                assertThat(client.getInputStream()).as("one stream per socket").isSameAs(in);
                // three 4-byte PUBACKs in one write: one socket read, then served from the buffer
                out.write(new byte[] {0x40, 2, 0, 1, 0x40, 2, 0, 2, 0x40, 2, 0, 3});
                out.flush();
                assertThat(in.read()).isEqualTo(0x40);
                assertThat(in.available()).isEqualTo(11);
                byte[] rest = new byte[3];
                assertThat(in.read(rest, 0, 3)).isEqualTo(3);
                assertThat(rest).containsExactly(2, 0, 1);
                byte[] two = new byte[8];
                assertThat(in.readNBytes(two, 0, 8)).isEqualTo(8);
                assertThat(two).containsExactly(0x40, 2, 0, 2, 0x40, 2, 0, 3);
                // nothing buffered: a read timeout, and the stream still works afterwards
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                byte[] large = new byte[3 * BufferedSocketFactory.BUFFER_BYTES];
                for (int i = 0; i < large.length; i++) {
                    large[i] = (byte) (i * 31);
                }
                out.write(large);
                out.flush();
                assertThat(in.read()).isEqualTo(0);
                byte[] back = new byte[large.length - 1];
                assertThat(in.readNBytes(back, 0, back.length)).isEqualTo(back.length);
                for (int i = 0; i < back.length; i++) {
                    assertThat(back[i]).isEqualTo(large[i + 1]);
                }
                peer.shutdownOutput();
                assertThat(in.read()).as("end of stream").isEqualTo(-1);
            }
        }
    }
}
