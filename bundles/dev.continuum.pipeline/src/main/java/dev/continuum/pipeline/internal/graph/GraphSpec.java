package dev.continuum.pipeline.internal.graph;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline graph parsed from its JSON (Kura's WireGraph shape: {@code components} and {@code wires},
 * plus {@code chaining}, default true). Parsing checks the shape; {@link GraphCheck} checks the meaning
 * against the available component types.
 *
 * @param chaining whether linear runs of components share one thread (see {@code ChainPlan})
 */
public record GraphSpec(List<ComponentSpec> components, List<WireSpec> wires, boolean chaining) {

    public static final int DEFAULT_QUEUE = 1024;
    public static final int MAX_QUEUE = 1_000_000;
    public static final int MAX_COMPONENTS = 64;
    private static final Set<String> COMPONENT_KEYS = Set.of("name", "type", "config", "queue", "overflow",
            "chain", "pid", "inputPortCount", "outputPortCount", "renderingProperties");
    private static final Gson GSON = new Gson();

    public GraphSpec {
        components = List.copyOf(components);
        wires = List.copyOf(wires);
    }

    public static GraphSpec parse(String json) throws GraphException {
        if (json == null || json.isBlank()) {
            throw new GraphException("the graph is empty; expected {\"components\": [...], \"wires\": [...]}");
        }
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw new GraphException("the graph must be a JSON object with components and wires");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new GraphException("the graph is not valid JSON: " + e.getMessage());
        }
        List<ComponentSpec> components = new ArrayList<>();
        for (JsonElement element : array(root, "components")) {
            components.add(component(element));
        }
        if (components.size() > MAX_COMPONENTS) {
            throw new GraphException("a pipeline has at most " + MAX_COMPONENTS + " components, got " + components.size());
        }
        List<WireSpec> wires = new ArrayList<>();
        for (JsonElement element : array(root, "wires")) {
            if (!element.isJsonObject() || !element.getAsJsonObject().has("emitter")
                    || !element.getAsJsonObject().has("receiver")) {
                throw new GraphException("a wire is {\"emitter\": NAME, \"receiver\": NAME}, got " + element);
            }
            JsonObject wire = element.getAsJsonObject();
            wires.add(new WireSpec(wire.get("emitter").getAsString(), wire.get("receiver").getAsString()));
        }
        return new GraphSpec(components, wires, flag(root, "chaining", "the graph"));
    }

    private static JsonArray array(JsonObject root, String key) throws GraphException {
        JsonElement value = root.get(key);
        if (value == null) {
            return new JsonArray();
        }
        if (!value.isJsonArray()) {
            throw new GraphException("'" + key + "' must be an array, got " + value);
        }
        return value.getAsJsonArray();
    }

    private static ComponentSpec component(JsonElement element) throws GraphException {
        if (!element.isJsonObject()) {
            throw new GraphException("a component is an object with name and type, got " + element);
        }
        JsonObject object = element.getAsJsonObject();
        String name = text(object, "name", object.has("pid") ? text(object, "pid", null) : null);
        if (name == null || name.isBlank()) {
            throw new GraphException("a component has no name: " + element);
        }
        for (String key : object.keySet()) {
            if (!COMPONENT_KEYS.contains(key)) {
                throw new GraphException("component '" + name + "': unknown key '" + key
                        + "'; accepted: name, type, config, queue, overflow, chain");
            }
        }
        String type = text(object, "type", null);
        if (type == null || type.isBlank()) {
            throw new GraphException("component '" + name + "' has no type");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (object.has("config")) {
            if (!object.get("config").isJsonObject()) {
                throw new GraphException("component '" + name + "': config must be an object");
            }
            config = GSON.fromJson(object.get("config"), new TypeToken<LinkedHashMap<String, Object>>() { }.getType());
        }
        int queue = DEFAULT_QUEUE;
        if (object.has("queue")) {
            JsonElement value = object.get("queue");
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
                    || value.getAsDouble() < 1 || value.getAsDouble() > MAX_QUEUE) {
                throw new GraphException("component '" + name + "': queue must be a whole number from 1 to "
                        + MAX_QUEUE + ", got " + value);
            }
            queue = value.getAsInt();
        }
        Overflow overflow = object.has("overflow") ? Overflow.parse(text(object, "overflow", ""), name) : Overflow.BLOCK;
        return new ComponentSpec(name, type, config, queue, overflow, flag(object, "chain", "component '" + name + "'"));
    }

    /** An optional boolean that defaults to true. */
    private static boolean flag(JsonObject object, String key, String owner) throws GraphException {
        JsonElement value = object.get(key);
        if (value == null) {
            return true;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new GraphException(owner + ": '" + key + "' must be true or false, got " + value);
        }
        return value.getAsBoolean();
    }

    private static String text(JsonObject object, String key, String fallback) throws GraphException {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isJsonPrimitive()) {
            throw new GraphException("'" + key + "' must be a string, got " + value);
        }
        return value.getAsString();
    }

    /** The component named {@code name}, or {@code null}. */
    public ComponentSpec component(String name) {
        for (ComponentSpec component : components) {
            if (component.name().equals(name)) {
                return component;
            }
        }
        return null;
    }
}
