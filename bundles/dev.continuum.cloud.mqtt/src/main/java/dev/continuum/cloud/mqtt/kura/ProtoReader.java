package dev.continuum.cloud.mqtt.kura;

import java.nio.charset.StandardCharsets;

/** Reads the protobuf 2 wire format; throws {@link IllegalArgumentException} on malformed input. */
final class ProtoReader {

    private final byte[] data;
    private int position;
    private final int end;

    ProtoReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return position < end;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint at byte " + position);
    }

    long fixed64() {
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result |= (long) (next() & 0xFF) << (8 * i);
        }
        return result;
    }

    int fixed32() {
        int result = 0;
        for (int i = 0; i < 4; i++) {
            result |= (next() & 0xFF) << (8 * i);
        }
        return result;
    }

    ProtoReader nested() {
        int length = (int) varint();
        check(length);
        ProtoReader reader = new ProtoReader(data, position, length);
        position += length;
        return reader;
    }

    byte[] bytes() {
        int length = (int) varint();
        check(length);
        byte[] value = new byte[length];
        System.arraycopy(data, position, value, 0, length);
        position += length;
        return value;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    void skip(int wireType) {
        switch (wireType) {
            case ProtoWriter.VARINT -> varint();
            case ProtoWriter.FIXED64 -> fixed64();
            case ProtoWriter.LENGTH_DELIMITED -> bytes();
            case ProtoWriter.FIXED32 -> fixed32();
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType + " at byte " + position);
        }
    }

    private byte next() {
        if (position >= end) {
            throw new IllegalArgumentException("truncated protobuf message at byte " + position);
        }
        return data[position++];
    }

    private void check(int length) {
        if (length < 0 || position + length > end) {
            throw new IllegalArgumentException("length " + length + " at byte " + position + " runs past the end");
        }
    }
}
