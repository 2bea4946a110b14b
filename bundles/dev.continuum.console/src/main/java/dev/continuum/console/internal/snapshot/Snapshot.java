package dev.continuum.console.internal.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Every configuration of Configuration Admin at one instant, by PID.
 *
 * @param id file-safe and ordered by time
 * @param time when it was taken
 * @param user who took it (or whose change caused an automatic one)
 * @param reason why: given by the user, or the change it precedes
 * @param automatic taken before a change (pruned to the newest ones), not on request
 * @param configurations by PID
 */
public record Snapshot(String id, Instant time, String user, String reason, boolean automatic,
        Map<String, Config> configurations) {

    public Snapshot {
        configurations = Map.copyOf(configurations);
    }

    /**
     * One configuration.
     *
     * @param pid its PID
     * @param factoryPid its factory PID, or null for a singleton
     * @param properties its properties as typed JSON values (see {@link TypedValues}), secrets in clear
     */
    public record Config(String pid, String factoryPid, Map<String, JsonObject> properties) {
        public Config {
            properties = Map.copyOf(properties);
        }
    }

    /** What the API lists: everything but the values. */
    public record Summary(String id, Instant time, String user, String reason, boolean automatic, int configurations) {
    }

    /** The configurations as JSON, each property's value given by {@code value(key, typed)} (sealed, masked...). */
    public JsonArray configurationsJson(BiFunction<String, JsonObject, JsonElement> value) {
        JsonArray array = new JsonArray();
        for (Config config : new TreeMap<>(configurations).values()) {
            JsonObject c = new JsonObject();
            c.addProperty("pid", config.pid());
            c.addProperty("factoryPid", config.factoryPid());
            JsonObject properties = new JsonObject();
            new TreeMap<>(config.properties()).forEach((key, typed) -> properties.add(key, value.apply(key, typed)));
            c.add("properties", properties);
            array.add(c);
        }
        return array;
    }

    public Summary summary() {
        return new Summary(id, time, user, reason, automatic, configurations.size());
    }
}
