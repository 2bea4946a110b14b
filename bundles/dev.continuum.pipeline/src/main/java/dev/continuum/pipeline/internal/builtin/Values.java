package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;

/** Java objects from expressions back to typed values. */
final class Values {

    private Values() {
    }

    static TypedValue of(Object value) {
        if (value instanceof TypedValue typed) {
            return typed;
        }
        if (value instanceof Boolean bool) {
            return TypedValue.ofBoolean(bool);
        }
        if (value instanceof Integer number) {
            return TypedValue.ofInteger(number);
        }
        if (value instanceof Long number) {
            return TypedValue.ofLong(number);
        }
        if (value instanceof Float number) {
            return TypedValue.ofFloat(number);
        }
        if (value instanceof Number number) {
            return TypedValue.ofDouble(number.doubleValue());
        }
        if (value instanceof byte[] bytes) {
            return TypedValue.ofBytes(bytes);
        }
        if (value == null) {
            throw new IllegalArgumentException("an expression gave null");
        }
        return TypedValue.ofString(value.toString());
    }

    /** A numeric field as a double, or NaN when absent or not numeric. */
    static double number(dev.continuum.api.pipeline.Record record, String field) {
        TypedValue value = record.field(field);
        return value == null || !(value.isNumeric() || value.value() instanceof Boolean) ? Double.NaN : value.asDouble();
    }

    static String text(dev.continuum.api.pipeline.Record record, String field) {
        TypedValue value = record.field(field);
        return value == null ? "" : String.valueOf(value.value());
    }
}
