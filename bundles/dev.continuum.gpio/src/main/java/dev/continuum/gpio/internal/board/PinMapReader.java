package dev.continuum.gpio.internal.board;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a pin map file. Every error names the file, the JSON path and what is accepted.
 *
 * <pre>
 * {"board": "raspberry-pi-4", "provider": "gpiod",
 *  "pins": [{"pin": "12", "chip": "gpiochip0", "line": 18, "name": "GPIO18", "pwm": {"chip": 0, "channel": 0}},
 *           {"pin": "DI1", "chip": "gpiochip1", "line": 0, "directions": ["in"]}]}
 * </pre>
 */
public final class PinMapReader {

    private static final Set<String> MAP_KEYS = Set.of("board", "description", "provider", "pins");
    private static final Set<String> PIN_KEYS = Set.of("pin", "chip", "line", "name", "directions", "pwm");

    private PinMapReader() {
    }

    public static PinMap read(Path file) throws PinMapException {
        if (!Files.isRegularFile(file)) {
            throw new PinMapException("no pin map at " + file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(JsonParser.parseReader(reader), file.toString());
        } catch (IOException | JsonParseException e) {
            throw new PinMapException(file + ": not readable JSON: " + e.getMessage(), e);
        }
    }

    static PinMap parse(JsonElement root, String source) throws PinMapException {
        JsonObject map = object(root, source, "$");
        onlyKeys(map, MAP_KEYS, source, "$");
        String board = string(map, "board", source, "$");
        String provider = string(map, "provider", source, "$");
        if (!Providers.FAMILIES.contains(provider)) {
            throw error(source, "$.provider", "unknown provider '" + provider + "'; accepted: " + Providers.FAMILIES);
        }
        if (!map.has("pins") || !map.get("pins").isJsonArray() || map.getAsJsonArray("pins").isEmpty()) {
            throw error(source, "$.pins", "must be a non-empty array of pins");
        }
        JsonArray array = map.getAsJsonArray("pins");
        List<Pin> pins = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> lines = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "$.pins[" + i + "]";
            Pin pin = pin(object(array.get(i), source, path), source, path);
            if (!ids.add(pin.id())) {
                throw error(source, path + ".pin", "pin '" + pin.id() + "' is listed twice");
            }
            if (!lines.add(pin.chip() + "/" + pin.line())) {
                throw error(source, path + ".line", pin.chip() + " line " + pin.line() + " is mapped to two pins");
            }
            pins.add(pin);
        }
        return new PinMap(board, provider, pins);
    }

    private static Pin pin(JsonObject json, String source, String path) throws PinMapException {
        onlyKeys(json, PIN_KEYS, source, path);
        String id = string(json, "pin", source, path);
        String chip = string(json, "chip", source, path);
        int line = integer(json, "line", source, path);
        String name = json.has("name") ? json.get("name").getAsString() : "";
        boolean in = true;
        boolean out = true;
        if (json.has("directions")) {
            List<String> directions = new ArrayList<>();
            if (json.get("directions").isJsonArray()) {
                json.getAsJsonArray("directions").forEach(element -> directions.add(element.getAsString()));
            }
            if (directions.isEmpty() || !List.of("in", "out").containsAll(directions)) {
                throw error(source, path + ".directions", "must be [\"in\"], [\"out\"] or [\"in\", \"out\"]");
            }
            in = directions.contains("in");
            out = directions.contains("out");
        }
        Pin.PwmChannel pwm = null;
        if (json.has("pwm")) {
            JsonObject channel = object(json.get("pwm"), source, path + ".pwm");
            pwm = new Pin.PwmChannel(integer(channel, "chip", source, path + ".pwm"),
                    integer(channel, "channel", source, path + ".pwm"));
            if (!out) {
                throw error(source, path + ".pwm", "an input-only pin cannot have PWM");
            }
        }
        return new Pin(id, chip, line, name, in, out, pwm);
    }

    private static JsonObject object(JsonElement element, String source, String path) throws PinMapException {
        if (element == null || !element.isJsonObject()) {
            throw error(source, path, "must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static void onlyKeys(JsonObject json, Set<String> keys, String source, String path) throws PinMapException {
        for (String key : json.keySet()) {
            if (!keys.contains(key)) {
                throw error(source, path + "." + key, "unknown key; accepted: " + new java.util.TreeSet<>(keys));
            }
        }
    }

    private static String string(JsonObject json, String key, String source, String path) throws PinMapException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
            throw error(source, path + "." + key, "required, a non-empty string");
        }
        return value.getAsString().trim();
    }

    private static int integer(JsonObject json, String key, String source, String path) throws PinMapException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
                || value.getAsDouble() != Math.rint(value.getAsDouble()) || value.getAsInt() < 0) {
            throw error(source, path + "." + key, "required, an integer >= 0");
        }
        return value.getAsInt();
    }

    private static PinMapException error(String source, String path, String message) {
        return new PinMapException(source + ": " + path + ": " + message);
    }
}
