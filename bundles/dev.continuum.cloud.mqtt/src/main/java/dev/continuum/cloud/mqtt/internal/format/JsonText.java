package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.data.TypedValue;
import java.util.Base64;

/** The little JSON the JSON format writes: strings, numbers, booleans, base64 bytes. */
final class JsonText {

    private JsonText() {
    }

    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** A metric value; non-finite floating-point values (no JSON number) are written as strings. */
    static StringBuilder value(StringBuilder out, TypedValue value) {
        Object v = value.value();
        return switch (value.type()) {
            case BOOLEAN, INTEGER, LONG -> out.append(v);
            case FLOAT, DOUBLE -> Double.isFinite(((Number) v).doubleValue()) ? out.append(v) : string(out, v.toString());
            case STRING -> string(out, (String) v);
            case BYTE_ARRAY -> string(out, Base64.getEncoder().encodeToString((byte[]) v));
        };
    }
}
