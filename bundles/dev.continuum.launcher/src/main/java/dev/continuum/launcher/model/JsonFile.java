package dev.continuum.launcher.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strictly parsed JSON object file with typed accessors whose errors name the file and the JSON path
 * of the offending key.
 */
final class JsonFile {

    private final Path file;
    private final JsonObject root;

    private JsonFile(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    static JsonFile read(Path file) throws ModelException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (!element.isJsonObject()) {
                throw new ModelException(file, "$", "expected a JSON object");
            }
            return new JsonFile(file, element.getAsJsonObject());
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": no such file");
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage());
        } catch (JsonParseException e) {
            throw new ModelException(file + ": malformed JSON: " + gsonMessage(e));
        }
    }

    /** Gson's message without its troubleshooting link: "... at line 3 column 5 path $.bundles". */
    private static String gsonMessage(JsonParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int see = message.indexOf("\nSee ");
        return see < 0 ? message : message.substring(0, see);
    }

    Path file() {
        return file;
    }

    ModelException error(String path, String what) {
        return new ModelException(file, path, what);
    }

    /** Fails on any top-level key not in {@code accepted}, naming the accepted ones. */
    void onlyKeys(Set<String> accepted) throws ModelException {
        for (String key : root.keySet()) {
            if (!accepted.contains(key)) {
                throw error("$." + key, "unknown key; accepted: " + String.join(", ", accepted));
            }
        }
    }

    String requiredString(String key) throws ModelException {
        JsonElement value = root.get(key);
        if (value == null) {
            throw error("$." + key, "missing (a string is required)");
        }
        return string(value, "$." + key);
    }

    String optionalString(String key, String fallback) throws ModelException {
        JsonElement value = root.get(key);
        return value == null ? fallback : string(value, "$." + key);
    }

    String string(JsonElement value, String path) throws ModelException {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw error(path, "expected a string, got " + value);
        }
        return value.getAsString();
    }

    JsonArray optionalArray(String key) throws ModelException {
        JsonElement value = root.get(key);
        if (value == null) {
            return new JsonArray();
        }
        if (!value.isJsonArray()) {
            throw error("$." + key, "expected an array, got " + value);
        }
        return value.getAsJsonArray();
    }

    List<String> optionalStringList(String key) throws ModelException {
        List<String> result = new ArrayList<>();
        JsonArray array = optionalArray(key);
        for (int i = 0; i < array.size(); i++) {
            result.add(string(array.get(i), "$." + key + "[" + i + "]"));
        }
        return result;
    }

    JsonObject optionalObject(String key) throws ModelException {
        JsonElement value = root.get(key);
        if (value == null) {
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw error("$." + key, "expected an object, got " + value);
        }
        return value.getAsJsonObject();
    }

    /** An object of string values, e.g. framework properties; numbers and booleans are accepted as text. */
    Map<String, String> optionalStringMap(String key) throws ModelException {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : optionalObject(key).entrySet()) {
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive()) {
                throw error("$." + key + "." + entry.getKey(), "expected a string, number or boolean, got " + value);
            }
            result.put(entry.getKey(), value.getAsString());
        }
        return result;
    }

    /** Configurations in OSGi Configurator form: PID (or factoryPID~name) to an object of properties. */
    Map<String, JsonObject> configurations(String key) throws ModelException {
        Map<String, JsonObject> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : optionalObject(key).entrySet()) {
            String pid = entry.getKey();
            if (pid.startsWith(":configurator:")) {
                continue;
            }
            if (pid.isBlank() || pid.startsWith("~") || pid.endsWith("~")) {
                throw error("$." + key + "." + pid, "a configuration key is a PID or factoryPID~name");
            }
            if (!entry.getValue().isJsonObject()) {
                throw error("$." + key + "." + pid, "expected an object of properties, got " + entry.getValue());
            }
            result.put(pid, entry.getValue().getAsJsonObject());
        }
        return result;
    }
}
