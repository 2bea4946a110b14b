package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.data.DataType;
import org.eclipse.tahu.message.model.MetricDataType;

/** Sparkplug B data types of the values a KuraPayload carries back (Java types of Continuum's data types). */
final class SparkplugTypes {

    private SparkplugTypes() {
    }

    static MetricDataType of(Object value) {
        if (value instanceof Integer) {
            return MetricDataType.Int32;
        } else if (value instanceof Long) {
            return MetricDataType.Int64;
        } else if (value instanceof Float) {
            return MetricDataType.Float;
        } else if (value instanceof Double) {
            return MetricDataType.Double;
        } else if (value instanceof Boolean) {
            return MetricDataType.Boolean;
        } else if (value instanceof byte[]) {
            return MetricDataType.Bytes;
        }
        return MetricDataType.String;
    }

    /** The Sparkplug B type of a configured channel's values. */
    static MetricDataType of(DataType type) {
        return switch (type) {
            case BOOLEAN -> MetricDataType.Boolean;
            case INTEGER -> MetricDataType.Int32;
            case LONG -> MetricDataType.Int64;
            case FLOAT -> MetricDataType.Float;
            case DOUBLE -> MetricDataType.Double;
            case STRING -> MetricDataType.String;
            case BYTE_ARRAY -> MetricDataType.Bytes;
        };
    }

    /** The value as Tahu expects it for {@link #of}'s type. */
    static Object value(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Double
                || value instanceof Boolean || value instanceof byte[] ? value : String.valueOf(value);
    }
}
