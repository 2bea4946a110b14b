package dev.continuum.console.internal.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.continuum.api.asset.AssetConfig;
import dev.continuum.console.internal.http.ApiError;
import dev.continuum.console.internal.http.Router;
import dev.continuum.console.internal.security.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.UnaryOperator;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;

/**
 * {@code GET /gpio/board}: the active board's pin map (the hardware profile's {@code pins.json}, found as the
 * GPIO driver finds it) with, for each pin, the asset channels that use it, so the console can draw the header.
 */
final class GpioResource {

    static final String PINS_PROPERTY = "continuum.board.pins";
    static final String PROFILE_DIR_PROPERTY = "continuum.profile.dir";
    static final String PROFILE_PROPERTY = "continuum.profile";
    private static final String PIN_SUFFIX = "#pin";

    private final Backends backends;
    private final UnaryOperator<String> property;

    GpioResource(Backends backends, UnaryOperator<String> property) {
        this.backends = backends;
        this.property = property;
    }

    void register(Router router) {
        router.add("GET", "/gpio/board", Role.VIEWER, call -> board());
    }

    /** The pin map file: {@value #PINS_PROPERTY}, else {@code pins.json} in the active profile's folder. */
    Path pinMap() {
        String pins = property.apply(PINS_PROPERTY);
        if (pins != null && !pins.isBlank()) {
            return Path.of(pins.trim());
        }
        String profileDir = property.apply(PROFILE_DIR_PROPERTY);
        if (profileDir != null && !profileDir.isBlank()) {
            return Path.of(profileDir.trim(), "pins.json");
        }
        throw ApiError.notFound("no board pin map: the framework property " + PINS_PROPERTY + " is not set and no"
                + " hardware profile is active (" + PROFILE_DIR_PROPERTY + "); start the gateway with a profile that"
                + " has a pins.json (hardware/<board>/pins.json)");
    }

    private JsonObject board() throws IOException, InvalidSyntaxException {
        Path file = pinMap();
        if (!Files.isRegularFile(file)) {
            throw ApiError.notFound("the board pin map " + file + " does not exist");
        }
        JsonObject map;
        try {
            map = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new ApiError(500, "internal", "the board pin map " + file + " is not a JSON object: " + e.getMessage());
        }
        JsonObject uses = uses();
        JsonObject board = new JsonObject();
        String profile = property.apply(PROFILE_PROPERTY);
        board.addProperty("profile", profile == null ? "" : profile);
        board.addProperty("board", string(map, "board"));
        board.addProperty("description", string(map, "description"));
        board.addProperty("provider", string(map, "provider"));
        board.addProperty("file", file.toString());
        JsonArray pins = new JsonArray();
        for (JsonElement element : map.has("pins") ? map.getAsJsonArray("pins") : new JsonArray()) {
            JsonObject source = element.getAsJsonObject();
            JsonObject pin = new JsonObject();
            String number = string(source, "pin");
            pin.addProperty("pin", number);
            pin.addProperty("name", string(source, "name"));
            pin.addProperty("chip", string(source, "chip"));
            pin.add("line", source.get("line"));
            pin.addProperty("pwm", source.has("pwm"));
            pin.add("usedBy", uses.has(number) ? uses.get(number) : new JsonArray());
            pins.add(pin);
        }
        board.add("pins", pins);
        return board;
    }

    /** Pin number to the {@code asset/channel}s whose configuration names it ({@code CHANNEL#pin}). */
    private JsonObject uses() throws IOException, InvalidSyntaxException {
        JsonObject uses = new JsonObject();
        Configuration[] assets = backends.configAdmin().listConfigurations("(service.factoryPid="
                + AssetConfig.FACTORY_PID + ")");
        for (Configuration asset : assets == null ? new Configuration[0] : assets) {
            var properties = asset.getProperties();
            if (properties == null) {
                continue;
            }
            Object name = properties.get(AssetConfig.NAME);
            for (String key : Collections.list(properties.keys())) {
                if (key.endsWith(PIN_SUFFIX) && name != null) {
                    String pin = String.valueOf(properties.get(key)).trim();
                    if (!uses.has(pin)) {
                        uses.add(pin, new JsonArray());
                    }
                    uses.getAsJsonArray(pin).add(name + "/" + key.substring(0, key.length() - PIN_SUFFIX.length()));
                }
            }
        }
        return uses;
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
