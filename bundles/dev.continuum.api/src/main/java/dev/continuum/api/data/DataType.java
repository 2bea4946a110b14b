package dev.continuum.api.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value types a channel can carry; names are Kura's channel value types. */
public enum DataType {
    BOOLEAN(Boolean.class),
    INTEGER(Integer.class),
    LONG(Long.class),
    FLOAT(Float.class),
    DOUBLE(Double.class),
    STRING(String.class),
    BYTE_ARRAY(byte[].class);

    private final Class<?> javaType;

    DataType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type of values of this data type ({@code byte[]} for {@link #BYTE_ARRAY}). */
    public Class<?> javaType() {
        return javaType;
    }

    /**
     * Parses a data type name as written in configuration (case-insensitive).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static DataType parse(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            for (DataType type : values()) {
                if (type.name().equals(upper)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown data type '" + name + "'; accepted: " + Arrays.stream(values())
                        .map(Enum::name)
                        .collect(Collectors.joining(", ")));
    }
}
