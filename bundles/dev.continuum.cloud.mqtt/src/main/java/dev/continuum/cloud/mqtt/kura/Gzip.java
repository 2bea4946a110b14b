package dev.continuum.cloud.mqtt.kura;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** gzip (RFC 1952) with a reused {@link Deflater}; one instance per thread. */
final class Gzip {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER = 8;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private byte[] buffer = new byte[1024];

    /** The gzip of {@code input}, or {@code input} itself if the gzip would not be smaller. */
    byte[] compressIfSmaller(byte[] input) {
        int limit = input.length - HEADER.length - TRAILER;
        if (limit <= 0) {
            return input;
        }
        if (buffer.length < limit) {
            buffer = new byte[limit];
        }
        deflater.reset();
        deflater.setInput(input);
        deflater.finish();
        int length = 0;
        while (!deflater.finished() && length < limit) {
            length += deflater.deflate(buffer, length, limit - length);
        }
        if (!deflater.finished() || length >= limit) {
            return input;
        }
        crc.reset();
        crc.update(input);
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + length + TRAILER);
        System.arraycopy(buffer, 0, out, HEADER.length, length);
        int at = HEADER.length + length;
        writeInt(out, at, (int) crc.getValue());
        writeInt(out, at + 4, input.length);
        return out;
    }

    private static void writeInt(byte[] out, int at, int value) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
