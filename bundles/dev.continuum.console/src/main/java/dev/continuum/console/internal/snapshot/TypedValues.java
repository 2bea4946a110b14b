package dev.continuum.console.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration Admin property values as JSON that keeps their Java type, so that a restored configuration
 * is exactly what was saved: {@code {"type": "Integer", "value": 5}}, {@code {"type": "String[]", "value":
 * [...]}}, {@code {"type": "List<Long>", "value": [...]}}. The scalar types are those Configuration Admin allows.
 *
 * @see <a href="https://docs.osgi.org/specification/osgi.cmpn/8.0.0/service.cm.html#i1699994">OSGi Compendium
 *     104.4.3, Configuration Properties</a>
 */
final class TypedValues {

    /** Service properties Configuration Admin sets itself; not part of what a snapshot restores. */
    static final List<String> MANAGED_KEYS = List.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private TypedValues() {
    }

    /** The dictionary's properties (without {@link #MANAGED_KEYS}) by key, each as a typed JSON value. */
    static Map<String, JsonObject> encode(Dictionary<String, Object> properties) {
        Map<String, JsonObject> typed = new TreeMap<>();
        if (properties == null) {
            return typed;
        }
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!MANAGED_KEYS.contains(key)) {
                typed.put(key, encode(properties.get(key)));
            }
        }
        return typed;
    }

    static JsonObject encode(Object value) {
        JsonObject typed = new JsonObject();
        if (value.getClass().isArray()) {
            JsonArray items = new JsonArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(scalar(Array.get(value, i)));
            }
            typed.addProperty("type", scalarType(value.getClass().getComponentType()) + "[]");
            typed.add("value", items);
        } else if (value instanceof Collection<?> collection) {
            JsonArray items = new JsonArray();
            Class<?> element = String.class;
            for (Object item : collection) {
                items.add(scalar(item));
                element = item.getClass();
            }
            typed.addProperty("type", "List<" + scalarType(element) + ">");
            typed.add("value", items);
        } else {
            typed.addProperty("type", scalarType(value.getClass()));
            typed.add("value", scalar(value));
        }
        return typed;
    }

    /** Back to a dictionary Configuration Admin accepts. */
    static Hashtable<String, Object> decode(Map<String, JsonObject> typed) {
        Hashtable<String, Object> properties = new Hashtable<>();
        typed.forEach((key, value) -> properties.put(key, decode(value)));
        return properties;
    }

    static Object decode(JsonObject typed) {
        String type = typed.get("type").getAsString();
        JsonElement value = typed.get("value");
        if (type.endsWith("[]")) {
            String scalar = type.substring(0, type.length() - 2);
            JsonArray items = value.getAsJsonArray();
            Object array = Array.newInstance(primitiveOrBox(scalar), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, scalar(scalar.toLowerCase().equals(scalar) ? box(scalar) : scalar, items.get(i)));
            }
            return array;
        }
        if (type.startsWith("List<")) {
            String scalar = type.substring(5, type.length() - 1);
            List<Object> list = new ArrayList<>();
            value.getAsJsonArray().forEach(item -> list.add(scalar(scalar, item)));
            return list;
        }
        return scalar(type, value);
    }

    private static JsonElement scalar(Object value) {
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        return new JsonPrimitive(String.valueOf(value));
    }

    private static String scalarType(Class<?> type) {
        return type.isPrimitive() ? type.getName() : type.getSimpleName();
    }

    private static Object scalar(String type, JsonElement value) {
        return switch (type) {
            case "Integer" -> value.getAsInt();
            case "Long" -> value.getAsLong();
            case "Short" -> value.getAsShort();
            case "Byte" -> value.getAsByte();
            case "Double" -> value.getAsDouble();
            case "Float" -> value.getAsFloat();
            case "Boolean" -> value.getAsBoolean();
            case "Character" -> value.getAsString().charAt(0);
            case "String" -> value.getAsString();
            default -> throw new IllegalArgumentException("a snapshot value has the type '" + type
                    + "', which Configuration Admin does not store");
        };
    }

    private static String box(String primitive) {
        return switch (primitive) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(primitive.charAt(0)) + primitive.substring(1);
        };
    }

    private static Class<?> primitiveOrBox(String name) {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "char" -> char.class;
            case "Integer" -> Integer.class;
            case "Long" -> Long.class;
            case "Short" -> Short.class;
            case "Byte" -> Byte.class;
            case "Double" -> Double.class;
            case "Float" -> Float.class;
            case "Boolean" -> Boolean.class;
            case "Character" -> Character.class;
            case "String" -> String.class;
            default -> throw new IllegalArgumentException("a snapshot value has the type '" + name
                    + "[]', which Configuration Admin does not store");
        };
    }
}
