package dev.continuum.outbox.internal;

import dev.continuum.api.cloud.DedupId;
import dev.continuum.outbox.OutboxRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stored form of a record: {@code epoch:8 acceptedAt:8 qos:1 retain:1 gatewayLength:2 gateway
 * topicLength:2 topic payload}. The sequence is the map key and the priority the map.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    static byte[] encode(String gatewayId, long epoch, long acceptedAt, String topic, byte[] payload, int qos,
            boolean retain) {
        byte[] gateway = gatewayId.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(22 + gateway.length + topicBytes.length + payload.length);
        buffer.putLong(epoch).putLong(acceptedAt).put((byte) qos).put((byte) (retain ? 1 : 0));
        buffer.putShort((short) gateway.length).put(gateway);
        buffer.putShort((short) topicBytes.length).put(topicBytes);
        buffer.put(payload);
        return buffer.array();
    }

    static OutboxRecord decode(long sequence, int priority, byte[] stored) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        long epoch = buffer.getLong();
        long acceptedAt = buffer.getLong();
        int qos = buffer.get();
        boolean retain = buffer.get() != 0;
        String gateway = string(buffer);
        String topic = string(buffer);
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new OutboxRecord(new DedupId(gateway, epoch, sequence), acceptedAt, topic, payload, qos, retain,
                priority);
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getShort() & 0xffff;
        String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }
}
