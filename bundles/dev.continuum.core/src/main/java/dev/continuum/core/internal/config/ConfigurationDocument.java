package dev.continuum.core.internal.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;

/**
 * Converts the properties of one configuration in OSGi Configurator JSON (OSGi Compendium 150.4) to
 * ConfigurationAdmin properties.
 *
 * <p>Untyped values follow the Configurator's defaults: strings, {@code Long} for whole numbers,
 * {@code Double} otherwise, {@code Boolean}, and arrays of those. A key may carry a type as
 * {@code name:Integer}, {@code name:Float}, {@code name:int[]} etc. A JSON object value is stored as
 * its JSON text (a String), so structured settings such as a pipeline's graph stay readable in features.
 */
final class ConfigurationDocument {

    private ConfigurationDocument() {
    }

    static Dictionary<String, Object> properties(String pid, JsonObject json) {
        Dictionary<String, Object> result = new Hashtable<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            String key = entry.getKey();
            String type = null;
            int colon = key.indexOf(':');
            if (colon > 0) {
                type = key.substring(colon + 1);
                key = key.substring(0, colon);
            }
            try {
                result.put(key, convert(entry.getValue(), type));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(pid + ": property '" + entry.getKey() + "': " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static Object convert(JsonElement value, String type) {
        if (value.isJsonArray()) {
            return array(value.getAsJsonArray(), type == null ? null : type.replace("[]", ""));
        }
        if (value.isJsonObject()) {
            return value.toString();
        }
        if (!value.isJsonPrimitive()) {
            throw new IllegalArgumentException("expected a string, number, boolean or array, got " + value);
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (type == null) {
            if (primitive.isBoolean()) {
                return primitive.getAsBoolean();
            }
            if (primitive.isNumber()) {
                double number = primitive.getAsDouble();
                return number == Math.rint(number) && !primitive.getAsString().contains(".")
                        ? (Object) primitive.getAsLong() : (Object) number;
            }
            return primitive.getAsString();
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> primitive.getAsString();
            case "integer", "int" -> Integer.valueOf(primitive.getAsString().trim());
            case "long" -> Long.valueOf(primitive.getAsString().trim());
            case "float" -> Float.valueOf(primitive.getAsString().trim());
            case "double" -> Double.valueOf(primitive.getAsString().trim());
            case "boolean" -> Boolean.valueOf(primitive.getAsString().trim());
            default -> throw new IllegalArgumentException("unknown type '" + type
                    + "'; accepted: String, Integer, Long, Float, Double, Boolean and their arrays (Type[])");
        };
    }

    private static Object array(JsonArray values, String type) {
        String elementType = type == null ? guess(values) : type;
        int size = values.size();
        return switch (elementType.toLowerCase(Locale.ROOT)) {
            case "integer", "int" -> {
                Integer[] out = new Integer[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (Integer) convert(values.get(i), "Integer");
                }
                yield out;
            }
            case "long" -> {
                Long[] out = new Long[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (Long) convert(values.get(i), "Long");
                }
                yield out;
            }
            case "double" -> {
                Double[] out = new Double[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (Double) convert(values.get(i), "Double");
                }
                yield out;
            }
            case "boolean" -> {
                Boolean[] out = new Boolean[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (Boolean) convert(values.get(i), "Boolean");
                }
                yield out;
            }
            default -> {
                String[] out = new String[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (String) convert(values.get(i), "String");
                }
                yield out;
            }
        };
    }

    private static String guess(JsonArray values) {
        if (values.isEmpty() || !values.get(0).isJsonPrimitive()) {
            return "String";
        }
        JsonPrimitive first = values.get(0).getAsJsonPrimitive();
        if (first.isBoolean()) {
            return "Boolean";
        }
        if (first.isNumber()) {
            return first.getAsString().contains(".") ? "Double" : "Long";
        }
        return "String";
    }
}
