package dev.continuum.opcua.internal;

import dev.continuum.api.data.DataType;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/** Conversions between OPC UA values and the gateway's {@link TypedValue}s, and status mapping. */
final class Values {

    private Values() {
    }

    /**
     * Converts an OPC UA value to {@code type}.
     *
     * @throws IllegalArgumentException naming the value's type and the wanted one when they do not convert
     */
    static TypedValue toTyped(Object value, DataType type) {
        if (value == null) {
            throw new IllegalArgumentException("the server sent no value");
        }
        return switch (type) {
            case BOOLEAN -> TypedValue.ofBoolean(value instanceof Boolean b ? b : number(value, type).doubleValue() != 0);
            case INTEGER -> TypedValue.ofInteger(Math.toIntExact(integral(value, type)));
            case LONG -> TypedValue.ofLong(integral(value, type));
            case FLOAT -> TypedValue.ofFloat(number(value, type).floatValue());
            case DOUBLE -> TypedValue.ofDouble(number(value, type).doubleValue());
            case STRING -> TypedValue.ofString(value instanceof LocalizedText text ? String.valueOf(text.text())
                    : value instanceof ByteString bytes ? new String(bytes.bytesOrEmpty(), StandardCharsets.UTF_8)
                    : String.valueOf(value));
            case BYTE_ARRAY -> TypedValue.ofBytes(value instanceof ByteString bytes ? bytes.bytesOrEmpty()
                    : value instanceof byte[] raw ? raw
                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Number number(Object value, DataType type) {
        if (value instanceof Number number) {
            return number;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " value cannot be read as " + type);
    }

    private static long integral(Object value, DataType type) {
        Number number = number(value, type);
        if (number instanceof Double || number instanceof Float) {
            return Math.round(number.doubleValue());
        }
        if (number instanceof ULong unsigned) {
            BigInteger big = unsigned.toBigInteger();
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("UInt64 " + big + " does not fit " + type);
            }
        }
        return number.longValue();
    }

    /**
     * Converts a value to the OPC UA built-in type {@code dataType} of the node to write.
     *
     * @throws IllegalArgumentException when the value does not convert (names both types)
     */
    static Variant toVariant(TypedValue value, NodeId dataType) {
        Object raw = value.value();
        try {
            if (NodeIds.Boolean.equals(dataType)) {
                return new Variant(raw instanceof Boolean b ? b : value.asDouble() != 0);
            }
            if (NodeIds.String.equals(dataType)) {
                return new Variant(raw instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(raw));
            }
            if (NodeIds.ByteString.equals(dataType)) {
                return new Variant(ByteString.of(raw instanceof byte[] bytes ? bytes
                        : String.valueOf(raw).getBytes(StandardCharsets.UTF_8)));
            }
            double number = raw instanceof String text ? Double.parseDouble(text.trim()) : value.asDouble();
            if (NodeIds.Double.equals(dataType)) {
                return new Variant(number);
            }
            if (NodeIds.Float.equals(dataType)) {
                return new Variant((float) number);
            }
            long integral = Math.round(number);
            if (NodeIds.SByte.equals(dataType)) {
                return new Variant((byte) range(integral, Byte.MIN_VALUE, Byte.MAX_VALUE, "SByte"));
            }
            if (NodeIds.Int16.equals(dataType)) {
                return new Variant((short) range(integral, Short.MIN_VALUE, Short.MAX_VALUE, "Int16"));
            }
            if (NodeIds.Int32.equals(dataType)) {
                return new Variant((int) range(integral, Integer.MIN_VALUE, Integer.MAX_VALUE, "Int32"));
            }
            if (NodeIds.Int64.equals(dataType)) {
                return new Variant(integral);
            }
            if (NodeIds.Byte.equals(dataType)) {
                return new Variant(UByte.valueOf(range(integral, 0, 255, "Byte")));
            }
            if (NodeIds.UInt16.equals(dataType)) {
                return new Variant(UShort.valueOf((int) range(integral, 0, 65535, "UInt16")));
            }
            if (NodeIds.UInt32.equals(dataType)) {
                return new Variant(UInteger.valueOf(range(integral, 0, 4294967295L, "UInt32")));
            }
            if (NodeIds.UInt64.equals(dataType)) {
                return new Variant(ULong.valueOf(range(integral, 0, Long.MAX_VALUE, "UInt64")));
            }
        } catch (IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot convert " + value + " to the node's type " + dataType + ": "
                    + e.getMessage());
        }
        throw new IllegalArgumentException("writing to nodes of data type " + dataType + " is not supported; supported:"
                + " Boolean, SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, String, ByteString");
    }

    private static long range(long value, long min, long max, String type) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is out of range for " + type + " (" + min + ".." + max + ")");
        }
        return value;
    }

    /** The sample status class of an OPC UA status code (Part 4, 7.39). */
    static SampleStatus status(StatusCode code) {
        if (code == null || code.isGood()) {
            return SampleStatus.GOOD;
        }
        return code.isUncertain() ? SampleStatus.UNCERTAIN : SampleStatus.BAD;
    }

    /** The status code's symbolic name, e.g. {@code Bad_SensorFailure (0x808B0000)}. */
    static String describe(StatusCode code) {
        if (code == null) {
            return "";
        }
        String name = StatusCodes.lookup(code.getValue()).map(names -> names[0]).orElse("Status");
        return name + String.format(" (0x%08X)", code.getValue());
    }
}
