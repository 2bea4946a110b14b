package dev.continuum.launcher.model;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board profile ({@code hardware/BOARD/profile.json}): which features run on the board, and the
 * framework properties and configurations that override the features' defaults there.
 *
 * @param name the profile's name, equal to its folder name
 * @param description the board
 * @param features feature names, in start order
 * @param frameworkProperties overrides of the features' framework properties
 * @param configurations overrides of the features' configurations (replacing a PID's properties key by key)
 */
public record Profile(
        String name,
        String description,
        List<String> features,
        Map<String, String> frameworkProperties,
        Map<String, JsonObject> configurations) {

    static final Set<String> KEYS = Set.of("name", "description", "features", "framework-properties", "configurations");

    public Profile {
        features = List.copyOf(features);
        frameworkProperties = Map.copyOf(frameworkProperties);
        configurations = Map.copyOf(configurations);
    }

    static Profile read(Path file, String expectedName) throws ModelException {
        JsonFile json = JsonFile.read(file);
        json.onlyKeys(KEYS);
        String name = json.requiredString("name");
        if (!name.equals(expectedName)) {
            throw json.error("$.name", "'" + name + "' must equal the folder name '" + expectedName + "'");
        }
        List<String> features = json.optionalStringList("features");
        if (features.isEmpty()) {
            throw json.error("$.features", "a profile names at least one feature");
        }
        return new Profile(name, json.optionalString("description", ""), features,
                json.optionalStringMap("framework-properties"), json.configurations("configurations"));
    }
}
