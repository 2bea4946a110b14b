package dev.continuum.itests.cloud;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Sparkplug B command payload written field by field from the specification's protobuf schema
 * ({@code Payload.timestamp = 1, metrics = 2}; {@code Metric.name = 1, alias = 2, datatype = 4,
 * int_value = 10, double_value = 13, boolean_value = 14, string_value = 15}): the Pax Exam probe cannot see
 * the Tahu classes the endpoint bundle keeps private, and a host application is not Tahu either.
 */
final class SparkplugCommand {

    static final int INT32 = 3;
    static final int DOUBLE = 10;
    static final int STRING = 12;

    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    SparkplugCommand() {
        tag(payload, 1, 0);
        varint(payload, System.currentTimeMillis());
    }

    /** Adds a metric named {@code name} of Sparkplug data type {@code type} (INT32, DOUBLE or STRING). */
    SparkplugCommand metric(String name, int type, Object value) {
        ByteArrayOutputStream metric = new ByteArrayOutputStream();
        bytes(metric, 1, name.getBytes(StandardCharsets.UTF_8));
        tag(metric, 4, 0);
        varint(metric, type);
        switch (type) {
            case INT32 -> {
                tag(metric, 10, 0);
                varint(metric, ((Integer) value) & 0xffffffffL);
            }
            case DOUBLE -> {
                tag(metric, 13, 1);
                long bits = Double.doubleToLongBits((Double) value);
                for (int i = 0; i < 8; i++) {
                    metric.write((int) (bits >>> (8 * i)));
                }
            }
            case STRING -> bytes(metric, 15, value.toString().getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("type " + type);
        }
        bytes(payload, 2, metric.toByteArray());
        return this;
    }

    byte[] bytes() {
        return payload.toByteArray();
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        tag(out, field, 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
