package dev.continuum.cloud.mqtt.kura;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few protobuf 2 wire-format primitives KuraPayload needs (varint, fixed32/64, length-delimited), on a
 * plain growable array (ByteArrayOutputStream synchronizes every byte written).
 */
final class ProtoWriter {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private byte[] out;
    private int size;

    ProtoWriter(int expectedSize) {
        this.out = new byte[Math.max(16, expectedSize)];
    }

    private void write(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = (byte) b;
    }

    private void writeBytes(byte[] bytes) {
        if (size + bytes.length > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + bytes.length));
        }
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    ProtoWriter tag(int field, int wireType) {
        return varint(((long) field << 3) | wireType);
    }

    ProtoWriter varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        write((int) v);
        return this;
    }

    ProtoWriter fixed64(long value) {
        for (int i = 0; i < 8; i++) {
            write((int) (value >>> (8 * i)));
        }
        return this;
    }

    ProtoWriter fixed32(int value) {
        for (int i = 0; i < 4; i++) {
            write(value >>> (8 * i));
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED).varint(value.length);
        writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return size == out.length ? out : Arrays.copyOf(out, size);
    }
}
