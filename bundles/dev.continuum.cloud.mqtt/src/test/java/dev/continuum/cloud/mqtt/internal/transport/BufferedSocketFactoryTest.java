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

    @Test
    void aFlushWaitsOnlyWhileAnnouncedPublishesAreStillToBeWrittenAndACancelReleasesIt() throws Exception {
        BufferedSocketFactory factory = new BufferedSocketFactory();
        assertThat(factory.expect(1)).as("no socket yet: nothing held back").isNull();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = factory.createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(300);
                InputStream in = peer.getInputStream();
                OutputStream out = client.getOutputStream();
                assertThat(client.getOutputStream()).as("one stream per socket").isSameAs(out);
                out.write(new byte[] {0x10, 0});
                out.flush();
                assertThat(in.readNBytes(2)).as("nothing announced: written at once").containsExactly(0x10, 0);

                BufferedSocketFactory.Output first = factory.expect(1);
                BufferedSocketFactory.Output second = factory.expect(1);
                assertThat(first).isSameAs(second).isSameAs(out);
                out.write(new byte[] {0x32, 1});
                out.flush();
                assertThatThrownBy(in::read).as("one announced publish still to come: held back")
                        .isInstanceOf(SocketTimeoutException.class);
                out.write(new byte[] {0x32, 2});
                out.flush();
                assertThat(in.readNBytes(4)).as("both in one go").containsExactly(0x32, 1, 0x32, 2);

                factory.expect(1);
                factory.expect(1);
                out.write(new byte[] {0x32, 3});
                out.flush();
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                second.cancel();
                assertThatThrownBy(in::read).as("a cancel writes nothing itself (its caller may hold locks)")
                        .isInstanceOf(SocketTimeoutException.class);
                assertThat(factory.releaseHeld(0)).as("released: nothing held, nothing announced").isFalse();
                assertThat(in.readNBytes(2)).as("the refused publish no longer holds it").containsExactly(0x32, 3);

                factory.expect(1);
                byte[] large = new byte[BufferedSocketFactory.OUTPUT_BYTES + 10];
                out.write(large);
                assertThat(in.readNBytes(large.length)).as("more than the buffer: written at once")
                        .hasSize(large.length);
                out.flush();
            }
        }
    }

    @Test
    void packetsHeldForAPublishTheClientKeepsBackGoOutOnceHeldLongerThanTheBoundAndNotBefore() throws Exception {
        BufferedSocketFactory factory = new BufferedSocketFactory();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = factory.createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(300);
                InputStream in = peer.getInputStream();
                OutputStream out = client.getOutputStream();
                assertThat(factory.expect(0)).as("QoS 0: nothing is held back for it").isNull();
                assertThat(factory.releaseHeld(0)).as("nothing announced, nothing held").isFalse();

                // two publishes announced; the client writes the first and keeps the second back (MQTT 5 at the
                // broker's Receive Maximum): the first waits for a flush that does not come
                factory.expect(1);
                factory.expect(1);
                out.write(new byte[] {0x32, 1});
                out.flush();
                assertThat(factory.releaseHeld(java.util.concurrent.TimeUnit.SECONDS.toNanos(60)))
                        .as("held, but not for long yet: look again soon").isTrue();
                assertThatThrownBy(in::read).as("still held").isInstanceOf(SocketTimeoutException.class);
                Thread.sleep(5);
                assertThat(factory.releaseHeld(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2)))
                        .as("written out: nothing held any more").isFalse();
                assertThat(in.readNBytes(2)).as("released").containsExactly(0x32, 1);

                out.write(new byte[] {0x32, 2});
                out.flush();
                assertThat(in.readNBytes(2)).as("the kept-back publish, when the client writes it at last, goes at once")
                        .containsExactly(0x32, 2);
                assertThat(factory.releaseHeld(0)).isFalse();

                factory.expect(1);
                factory.expect(1);
                out.write(new byte[] {0x32, 3});
                out.flush();
                factory.expect(1);
                out.write(new byte[] {0x32, 4});
                out.flush();
                assertThatThrownBy(in::read).as("held for two announced publishes").isInstanceOf(SocketTimeoutException.class);
                factory.stopHolding();
                assertThatThrownBy(in::read).as("stopHolding writes nothing itself (the writer may be blocked)")
                        .isInstanceOf(SocketTimeoutException.class);
                factory.expect(1);
                out.write(new byte[] {(byte) 0xe0, 0});
                out.flush();
                assertThat(in.readNBytes(6)).as("after stopHolding (closing) the next packet goes at once, with what was held")
                        .containsExactly(0x32, 3, 0x32, 4, 0xe0, 0);
            }
        }
    }
}
