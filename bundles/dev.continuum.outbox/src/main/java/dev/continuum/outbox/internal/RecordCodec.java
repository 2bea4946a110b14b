package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.outbox.OutboxRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stored form of a record: {@code epoch:8 acceptedAt:8 qos:1 retain:1 gatewayLength:2 gateway
 * topicLength:2 topic payload}. The sequence is the map key and the priority the map.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    /** @param gateway the gateway id in UTF-8 (the same for every record of an outbox: encoded once) */
    static byte[] encode(byte[] gateway, long epoch, long acceptedAt, String topic, byte[] payload, int qos,
            boolean retain) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(22 + gateway.length + topicBytes.length + payload.length);
        buffer.putLong(epoch).putLong(acceptedAt).put((byte) qos).put((byte) (retain ? 1 : 0));
        buffer.putShort((short) gateway.length).put(gateway);
        buffer.putShort((short) topicBytes.length).put(topicBytes);
        buffer.put(payload);
        return buffer.array();
    }

    /**
     * Decodes records, reusing the gateway and topic strings of the previous record when their bytes are the
     * same (one gateway per outbox, and runs of one topic are the rule). One thread at a time.
     */
    static final class Decoder {
        private final LastString gateway = new LastString();
        private final LastString topic = new LastString();

        OutboxRecord decode(long sequence, int priority, byte[] stored) {
            ByteBuffer buffer = ByteBuffer.wrap(stored);
            long epoch = buffer.getLong();
            long acceptedAt = buffer.getLong();
            int qos = buffer.get();
            boolean retain = buffer.get() != 0;
            String gatewayId = gateway.read(buffer);
            String topicName = topic.read(buffer);
            byte[] payload = Arrays.copyOfRange(stored, buffer.position(), stored.length);
            return new OutboxRecord(new DedupId(gatewayId, epoch, sequence), acceptedAt, topicName, payload, qos,
                    retain, priority);
        }
    }

    /** A length-prefixed UTF-8 string field, decoded again only when its bytes differ from the last one's. */
    private static final class LastString {
        private byte[] bytes = new byte[0];
        private String value = "";

        String read(ByteBuffer buffer) {
            int length = buffer.getShort() & 0xffff;
            int from = buffer.position();
            byte[] array = buffer.array();
            if (!Arrays.equals(array, from, from + length, bytes, 0, bytes.length)) {
                bytes = Arrays.copyOfRange(array, from, from + length);
                value = new String(bytes, StandardCharsets.UTF_8);
            }
            buffer.position(from + length);
            return value;
        }
    }
}
