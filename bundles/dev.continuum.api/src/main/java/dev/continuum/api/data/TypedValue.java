package dev.continuum.api.data;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable value together with its {@link DataType}.
 *
 * <p>Byte arrays are copied on the way in and out, so a value can be shared between threads and
 * pipelines without defensive copies by the receivers.
 */
public final class TypedValue {

    private final DataType type;
    private final Object value;

    private TypedValue(DataType type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static TypedValue ofBoolean(boolean value) {
        return new TypedValue(DataType.BOOLEAN, value);
    }

    public static TypedValue ofInteger(int value) {
        return new TypedValue(DataType.INTEGER, value);
    }

    public static TypedValue ofLong(long value) {
        return new TypedValue(DataType.LONG, value);
    }

    public static TypedValue ofFloat(float value) {
        return new TypedValue(DataType.FLOAT, value);
    }

    public static TypedValue ofDouble(double value) {
        return new TypedValue(DataType.DOUBLE, value);
    }

    public static TypedValue ofString(String value) {
        return new TypedValue(DataType.STRING, Objects.requireNonNull(value, "value"));
    }

    public static TypedValue ofBytes(byte[] value) {
        return new TypedValue(DataType.BYTE_ARRAY, Objects.requireNonNull(value, "value").clone());
    }

    /**
     * Wraps a Java object whose class matches {@code type}'s {@link DataType#javaType()}.
     *
     * @throws IllegalArgumentException if the object does not match the type
     */
    public static TypedValue of(DataType type, Object value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!type.javaType().isInstance(value)) {
            throw new IllegalArgumentException("a " + type + " value must be a "
                    + type.javaType().getSimpleName() + ", not a " + value.getClass().getSimpleName());
        }
        return new TypedValue(type, type == DataType.BYTE_ARRAY ? ((byte[]) value).clone() : value);
    }

    /**
     * Converts a loosely typed value, as JSON parsers and management protocols deliver it (a number, a
     * boolean or a text; base64 text for byte arrays), to a value of {@code type}.
     *
     * @throws IllegalArgumentException naming the type and the value when it does not convert (a fraction
     *     for an integer type, a number out of range, a text that is not a number or a boolean)
     */
    public static TypedValue coerce(DataType type, Object value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        try {
            return switch (type) {
                case BOOLEAN -> ofBoolean(toBoolean(value));
                case INTEGER -> ofInteger(toBigDecimal(value).intValueExact());
                case LONG -> ofLong(toBigDecimal(value).longValueExact());
                case FLOAT -> ofFloat(toBigDecimal(value).floatValue());
                case DOUBLE -> ofDouble(toBigDecimal(value).doubleValue());
                case STRING -> ofString(value.toString());
                case BYTE_ARRAY -> value instanceof byte[] bytes ? ofBytes(bytes)
                        : ofBytes(java.util.Base64.getDecoder().decode(value.toString()));
            };
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + type + " value was expected, not '" + value + "'"
                    + (type == DataType.BYTE_ARRAY ? " (byte arrays are base64 text)" : ""), e);
        }
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private static java.math.BigDecimal toBigDecimal(Object value) {
        if (value instanceof Boolean) {
            throw new IllegalArgumentException("not a number: " + value);
        }
        return new java.math.BigDecimal(value.toString().trim());
    }

    public DataType type() {
        return type;
    }

    /** The value as its Java type; a copy for byte arrays. */
    public Object value() {
        return type == DataType.BYTE_ARRAY ? ((byte[]) value).clone() : value;
    }

    public boolean asBoolean() {
        return (Boolean) expect(DataType.BOOLEAN);
    }

    public String asString() {
        return (String) expect(DataType.STRING);
    }

    public byte[] asBytes() {
        return ((byte[]) expect(DataType.BYTE_ARRAY)).clone();
    }

    /**
     * The value as a double, for numeric types and booleans (1 or 0).
     *
     * @throws IllegalStateException for strings and byte arrays
     */
    public double asDouble() {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        throw new IllegalStateException("a " + type + " value has no numeric form");
    }

    /** True for the four numeric types. */
    public boolean isNumeric() {
        return value instanceof Number;
    }

    private Object expect(DataType expected) {
        if (type != expected) {
            throw new IllegalStateException("value is " + type + ", not " + expected);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TypedValue that) || type != that.type) {
            return false;
        }
        return type == DataType.BYTE_ARRAY
                ? Arrays.equals((byte[]) value, (byte[]) that.value)
                : value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode()
                + (type == DataType.BYTE_ARRAY ? Arrays.hashCode((byte[]) value) : value.hashCode());
    }

    /** {@code TYPE:value}; byte arrays in base64 as in Kura's JSON. */
    @Override
    public String toString() {
        String text = type == DataType.BYTE_ARRAY
                ? Base64.getEncoder().encodeToString((byte[]) value)
                : String.valueOf(value);
        return type + ":" + text;
    }
}
