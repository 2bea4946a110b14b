package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.continuum.console.internal.http.ApiError;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;

/** Converts configuration values between JSON and the types MetaType declares; passwords never leave. */
final class ValueCodec {

    static final String MASK = "********";

    private ValueCodec() {
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "String";
        };
    }

    static JsonElement tree(String[] values) {
        if (values == null) {
            return JsonNull.INSTANCE;
        }
        JsonArray array = new JsonArray();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    static JsonArray options(AttributeDefinition ad) {
        JsonArray options = new JsonArray();
        String[] labels = ad.getOptionLabels();
        String[] values = ad.getOptionValues();
        for (int i = 0; i < values.length; i++) {
            JsonObject option = new JsonObject();
            option.addProperty("value", values[i]);
            option.addProperty("label", labels != null && i < labels.length ? labels[i] : values[i]);
            options.add(option);
        }
        return options;
    }

    /** Current values as JSON; PASSWORD attributes masked; {@code null} when not configured. */
    static JsonElement values(Dictionary<String, Object> properties, AttributeDefinition[] ads) {
        if (properties == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject values = new JsonObject();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            AttributeDefinition ad = find(ads, key);
            Object value = properties.get(key);
            values.add(key, ad != null && ad.getType() == AttributeDefinition.PASSWORD ? new JsonPrimitive(MASK)
                    : json(value));
        }
        return values;
    }

    static AttributeDefinition definition(AttributeDefinition[] ads, String id, String pid) {
        AttributeDefinition ad = find(ads, id);
        if (ad == null) {
            List<String> known = new ArrayList<>();
            for (AttributeDefinition a : ads == null ? new AttributeDefinition[0] : ads) {
                known.add(a.getID());
            }
            throw ApiError.badRequest("'" + pid + "' has no property '" + id + "'; it has " + known);
        }
        return ad;
    }

    /** A JSON value as the attribute's type (arrays for cardinality != 0), validated by MetaType. */
    static Object convert(AttributeDefinition ad, JsonElement json) {
        if (ad.getCardinality() == 0) {
            return one(ad, json);
        }
        JsonArray array = json.isJsonArray() ? json.getAsJsonArray() : new JsonArray();
        if (!json.isJsonArray()) {
            array.add(json);
        }
        Object first = array.isEmpty() ? one(ad, new JsonPrimitive("")) : one(ad, array.get(0));
        Object result = Array.newInstance(first.getClass(), array.size());
        for (int i = 0; i < array.size(); i++) {
            Array.set(result, i, one(ad, array.get(i)));
        }
        return result;
    }

    private static Object one(AttributeDefinition ad, JsonElement json) {
        if (!json.isJsonPrimitive()) {
            throw ApiError.badRequest("property '" + ad.getID() + "' takes a " + typeName(ad.getType())
                    + " value, not " + json);
        }
        String text = json.getAsString();
        String problem = ad.validate(text);
        if (problem != null && !problem.isEmpty()) {
            throw ApiError.badRequest("property '" + ad.getID() + "': " + problem);
        }
        try {
            return switch (ad.getType()) {
                case AttributeDefinition.LONG -> Long.valueOf(text.trim());
                case AttributeDefinition.INTEGER -> Integer.valueOf(text.trim());
                case AttributeDefinition.SHORT -> Short.valueOf(text.trim());
                case AttributeDefinition.BYTE -> Byte.valueOf(text.trim());
                case AttributeDefinition.DOUBLE -> Double.valueOf(text.trim());
                case AttributeDefinition.FLOAT -> Float.valueOf(text.trim());
                case AttributeDefinition.BOOLEAN -> parseBoolean(ad, text);
                case AttributeDefinition.CHARACTER -> text.isEmpty() ? ' ' : text.charAt(0);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("property '" + ad.getID() + "' takes a " + typeName(ad.getType())
                    + " value; '" + text + "' is not one");
        }
    }

    private static Boolean parseBoolean(AttributeDefinition ad, String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw ApiError.badRequest("property '" + ad.getID() + "' takes true or false; got '" + text + "'");
        }
        return Boolean.valueOf(text);
    }

    private static AttributeDefinition find(AttributeDefinition[] ads, String id) {
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            if (ad.getID().equals(id)) {
                return ad;
            }
        }
        return null;
    }

    private static JsonElement json(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value.getClass().isArray()) {
            JsonArray array = new JsonArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                array.add(json(Array.get(value, i)));
            }
            return array;
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(String.valueOf(value));
    }
}
