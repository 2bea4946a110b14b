package dev.continuum.cloud.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered. Paho reads every packet byte by byte from the socket's
 * own stream (type byte, each length byte, then the rest) and asks {@code available()} once per packet: four
 * system calls for each 4-byte PUBACK. Behind this buffer one {@code read} takes all the acknowledgements
 * that have arrived, and {@code available()} answers from the buffer while it holds bytes. Only for
 * {@code tcp://} brokers: TLS sockets already read whole records, and Paho refuses a plain factory for
 * {@code ssl://} and {@code wss://}.
 */
final class BufferedSocketFactory extends SocketFactory {

    static final int BUFFER_BYTES = 8192;

    /**
     * The configured (TLS) factory if there is one; else this factory if every URI is {@code tcp://}; else
     * {@code null} (Paho's default).
     */
    static SocketFactory choose(TransportSettings settings) {
        if (settings.socketFactory() != null) {
            return settings.socketFactory();
        }
        return forUris(settings.serverUris());
    }

    static SocketFactory forUris(List<String> serverUris) {
        for (String uri : serverUris) {
            if (!uri.regionMatches(true, 0, "tcp://", 0, 6)) {
                return null;
            }
        }
        return new BufferedSocketFactory();
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new BufferedSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket handing out one buffered input stream. */
    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Input(super.getInputStream());
            }
            return in;
        }
    }

    /**
     * A read buffer in front of a socket stream; unlike {@link java.io.BufferedInputStream} its
     * {@code available()} makes no system call while the buffer holds bytes. One reading thread (Paho's
     * receiver). A read timeout in {@code fill} leaves the buffer as it was.
     */
    static final class Input extends InputStream {
        private final InputStream socket;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int position;
        private int limit;

        Input(InputStream socket) {
            this.socket = socket;
        }

        private boolean fill() throws IOException {
            int read = socket.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, target.length);
            if (length == 0) {
                return 0;
            }
            int buffered = limit - position;
            if (buffered == 0) {
                if (length >= buffer.length) {
                    return socket.read(target, offset, length); // large payloads skip the copy
                }
                if (!fill()) {
                    return -1;
                }
                buffered = limit - position;
            }
            int count = Math.min(buffered, length);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() throws IOException {
            int buffered = limit - position;
            return buffered > 0 ? buffered : socket.available();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
