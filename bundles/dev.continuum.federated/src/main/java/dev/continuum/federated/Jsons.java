package dev.continuum.federated;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reading required fields with errors that name the field. */
final class Jsons {

    private Jsons() {
    }

    static JsonElement required(JsonObject json, String field) {
        JsonElement element = json == null ? null : json.get(field);
        if (element == null || element.isJsonNull()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        return element;
    }

    static double number(JsonObject json, String field) {
        try {
            return required(json, field).getAsDouble();
        } catch (RuntimeException e) {
            throw bad(field, "a number", e);
        }
    }

    static int integer(JsonObject json, String field) {
        double value = number(json, field);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the field '" + field + "' must be an integer, got " + value);
        }
        return (int) value;
    }

    static String text(JsonObject json, String field) {
        try {
            return required(json, field).getAsString();
        } catch (RuntimeException e) {
            throw bad(field, "a string", e);
        }
    }

    /** An array of numbers; non-finite values are kept (the caller decides whether they are acceptable). */
    static double[] numbers(JsonObject json, String field) {
        try {
            JsonArray array = required(json, field).getAsJsonArray();
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = array.get(i).getAsDouble();
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(field, "an array of numbers", e);
        }
    }

    static JsonArray array(double[] values) {
        JsonArray array = new JsonArray(values.length);
        for (double value : values) {
            array.add(value);
        }
        return array;
    }

    private static IllegalArgumentException bad(String field, String expected, RuntimeException cause) {
        return new IllegalArgumentException("the field '" + field + "' must be " + expected + ": " + cause.getMessage(),
                cause);
    }
}
