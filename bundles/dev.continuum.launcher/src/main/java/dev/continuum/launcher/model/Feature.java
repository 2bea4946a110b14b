package dev.continuum.launcher.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployable unit of the runtime: bundles, framework properties and default configuration, in a
 * shape close to the Sling Feature Model ({@code features/src/main/features/NAME.json}).
 *
 * @param name the feature's name, equal to its file name
 * @param description what the feature adds
 * @param bundles the bundles, each with its start order
 * @param frameworkProperties framework properties the feature needs
 * @param configurations default configurations (OSGi Configurator form)
 */
public record Feature(
        String name,
        String description,
        List<BundleRef> bundles,
        Map<String, String> frameworkProperties,
        Map<String, JsonObject> configurations) {

    static final Set<String> KEYS = Set.of("name", "description", "bundles", "framework-properties", "configurations");
    private static final Set<String> BUNDLE_KEYS = Set.of("id", "start-order");

    public Feature {
        bundles = List.copyOf(bundles);
        frameworkProperties = Map.copyOf(frameworkProperties);
        configurations = Map.copyOf(configurations);
    }

    static Feature read(Path file, String expectedName) throws ModelException {
        JsonFile json = JsonFile.read(file);
        json.onlyKeys(KEYS);
        String name = json.requiredString("name");
        if (!name.equals(expectedName)) {
            throw json.error("$.name", "'" + name + "' must equal the file name '" + expectedName + "'");
        }
        JsonArray array = json.optionalArray("bundles");
        List<BundleRef> bundles = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            bundles.add(bundle(json, array.get(i), "$.bundles[" + i + "]"));
        }
        return new Feature(name, json.optionalString("description", ""), bundles,
                json.optionalStringMap("framework-properties"), json.configurations("configurations"));
    }

    private static BundleRef bundle(JsonFile json, JsonElement element, String path) throws ModelException {
        if (!element.isJsonObject()) {
            throw json.error(path, "expected {\"id\": \"groupId:artifactId:version\", \"start-order\": N}");
        }
        JsonObject object = element.getAsJsonObject();
        for (String key : object.keySet()) {
            if (!BUNDLE_KEYS.contains(key)) {
                throw json.error(path + "." + key, "unknown key; accepted: id, start-order");
            }
        }
        JsonElement id = object.get("id");
        if (id == null) {
            throw json.error(path + ".id", "missing (groupId:artifactId:version)");
        }
        int startOrder = 20;
        JsonElement order = object.get("start-order");
        if (order != null) {
            if (!order.isJsonPrimitive() || !order.getAsJsonPrimitive().isNumber()
                    || order.getAsDouble() != Math.rint(order.getAsDouble()) || order.getAsInt() < 1) {
                throw json.error(path + ".start-order", "expected a whole number of 1 or more, got " + order);
            }
            startOrder = order.getAsInt();
        }
        return BundleRef.parse(json.string(id, path + ".id"), startOrder, json, path + ".id");
    }
}
