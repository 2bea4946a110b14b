package dev.continuum.cloud.mqtt.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered and whose output coalesces the data path's publishes.
 * Paho reads every packet byte by byte from the socket's own stream (type byte, each length byte, then the
 * rest) and asks {@code available()} once per packet: four system calls for each 4-byte PUBACK. Behind this
 * buffer one {@code read} takes all the acknowledgements that have arrived, and {@code available()} answers
 * from the buffer while it holds bytes. On the way out Paho writes and flushes every packet on its own (a
 * system call and a wake-up of the broker per message); {@link Output} holds a flush back while the sender
 * has announced more publishes that are not written yet ({@link #expect(int)}), so a burst leaves in a few
 * segments. A client may accept a publish and still keep it back (Paho v5 at the broker's Receive Maximum
 * until PUBACKs free a slot): bytes held for it would hold back the very PUBACKs it waits for, so the sender
 * writes out whatever has been held longer than a bound ({@link #releaseHeld(long)}). Only for
 * {@code tcp://} brokers: TLS sockets already read whole records, and Paho refuses a
 * plain factory for {@code ssl://} and {@code wss://}.
 */
final class BufferedSocketFactory extends SocketFactory {

    static final int BUFFER_BYTES = 8192;
    static final int OUTPUT_BYTES = 32 * 1024;

    /** The output of the newest socket; {@code null} before the first. */
    private volatile Output output;

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

    /**
     * Announces a publish at {@code qos} about to be handed to the client, so that flushes before it is written
     * may wait for it; {@link Output#cancel()} on the returned output if the client refuses it. {@code null} if
     * there is no socket yet or the publish is QoS 0 (nothing is held back for it then).
     */
    Output expect(int qos) {
        // QoS 0 is done when written: no flush waits for it (its packet may still wait behind announced ones)
        Output current = output;
        if (current == null || qos == 0) {
            return null;
        }
        current.expect();
        return current;
    }

    /**
     * Writes out what the newest socket holds back once the client has written no packet for {@code maxNanos},
     * and stops waiting for the publishes announced before; see {@link Output#releaseHeld(long)}.
     *
     * @return whether bytes are still held back or announced publishes still to be written (look again soon)
     */
    boolean releaseHeld(long maxNanos) {
        Output current = output;
        return current != null && current.releaseHeld(maxNanos);
    }

    /**
     * From now on the newest socket writes every packet out when it is complete, the next one with what is held
     * now (the connection is being closed: the goodbye and DISCONNECT must not wait).
     */
    void stopHolding() {
        Output current = output;
        if (current != null) {
            current.stopHolding();
        }
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket(this);
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

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new BufferedSocket(this);
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

    /** A socket handing out one buffered input stream and one coalescing output stream. */
    private static final class BufferedSocket extends Socket {
        private final BufferedSocketFactory factory;
        private InputStream in;
        private Output out;

        BufferedSocket(BufferedSocketFactory factory) {
            this.factory = factory;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Input(super.getInputStream());
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new Output(super.getOutputStream());
                factory.output = out;
            }
            return out;
        }
    }

    /**
     * A write buffer in front of a socket stream that holds a flush back while publishes announced with
     * {@link #expect()} are still to be written. Each packet the client writes ends with a flush, so every
     * announced publish brings one more flush: a flush that finds none outstanding (or only ones already
     * counted off by other packets' flushes) writes the buffer out, and one that finds some leaves the bytes
     * for the flush of a packet that is sure to follow. A publish the client refuses is taken back with
     * {@link #cancel()}, which writes out what waited for it. Bytes held back are never older than the
     * client's next packet or the sender's next {@link #releaseHeld(long)}; a full buffer is written at once.
     */
    static final class Output extends OutputStream {
        private final OutputStream socket;
        private final AtomicInteger outstanding = new AtomicInteger();
        private final byte[] buffer = new byte[OUTPUT_BYTES];
        private int count;
        /** {@code System.nanoTime()} of the latest flush that held the buffer back; 0 while nothing is held. */
        private volatile long heldAt;
        /** {@code System.nanoTime()} of the latest {@link #expect()}. */
        private volatile long announcedAt;
        private volatile boolean holding = true;

        Output(OutputStream socket) {
            this.socket = socket;
        }

        void expect() {
            outstanding.incrementAndGet();
            announcedAt = System.nanoTime();
        }

        /**
         * Takes back one {@link #expect()} whose publish was refused. It writes nothing (the caller may hold
         * locks of its own): what waited for it goes with the next packet or the sender's next
         * {@link #releaseHeld(long)}.
         */
        void cancel() {
            outstanding.updateAndGet(n -> Math.max(0, n - 1));
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length > buffer.length - count) {
                drain();
                if (length >= buffer.length) {
                    socket.write(bytes, offset, length);
                    return;
                }
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        /** One packet is complete: written out unless an announced publish is still to come. */
        @Override
        public synchronized void flush() throws IOException {
            if (outstanding.updateAndGet(n -> Math.max(0, n - 1)) == 0 || !holding) {
                drain();
            } else if (count > 0) {
                heldAt = Math.max(1, System.nanoTime());
            }
        }

        /**
         * Writes out the buffer if it is held back and the client has written no packet for {@code maxNanos}
         * (it is not busy writing the announced publishes: it keeps them back, or they were refused), and
         * forgets the publishes announced before (their packets, when they come, are written out at once).
         * Takes the stream's lock only then.
         *
         * @return whether bytes are still held back, or publishes announced within the last few bounds are
         *     still to be written: look again soon
         */
        boolean releaseHeld(long maxNanos) {
            long held = heldAt;
            long now = System.nanoTime();
            if (held == 0) {
                return outstanding.get() > 0 && now - announcedAt < 5 * maxNanos;
            }
            if (now - held < maxNanos) {
                return true;
            }
            synchronized (this) {
                if (heldAt != 0 && System.nanoTime() - heldAt >= maxNanos) {
                    outstanding.set(0);
                    drainQuietly();
                }
            }
            return false;
        }

        /**
         * Every packet from now on is written out when it is complete, the next one with what is held now.
         * Writes nothing itself: the client's writer may be blocked on a full socket that only closing frees.
         */
        void stopHolding() {
            holding = false;
            outstanding.set(0);
        }

        private void drainQuietly() {
            try {
                drain();
            } catch (IOException e) {
                // the client sees the broken connection with its next write
            }
        }

        private void drain() throws IOException {
            heldAt = 0;
            if (count > 0) {
                socket.write(buffer, 0, count);
                count = 0;
            }
            socket.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                drain();
            } finally {
                socket.close();
            }
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
