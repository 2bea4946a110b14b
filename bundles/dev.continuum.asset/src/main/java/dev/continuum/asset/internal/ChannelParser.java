package dev.continuum.asset.internal;

import dev.continuum.api.asset.AssetConfig;
import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an asset configuration's channels ({@code CHANNEL#+KEY} generic, {@code CHANNEL#KEY} driver
 * properties). A channel with a bad generic value goes to {@link #errors()} with the reason; the others
 * are parsed independently.
 */
final class ChannelParser {

    private final List<ChannelConfig> channels = new ArrayList<>();
    private final Map<String, String> errors = new TreeMap<>();
    private final Map<String, Boolean> listen = new HashMap<>();

    ChannelParser(Map<String, ?> properties) {
        Map<String, Map<String, String>> byChannel = new TreeMap<>();
        for (Map.Entry<String, ?> entry : properties.entrySet()) {
            int separator = entry.getKey().indexOf(AssetConfig.SEPARATOR);
            if (separator > 0 && entry.getValue() != null) {
                byChannel.computeIfAbsent(entry.getKey().substring(0, separator), k -> new HashMap<>())
                        .put(entry.getKey().substring(separator + 1), String.valueOf(entry.getValue()).trim());
            }
        }
        byChannel.forEach(this::parse);
    }

    private void parse(String name, Map<String, String> keys) {
        try {
            String type = keys.get(AssetConfig.VALUE_TYPE);
            if (type == null) {
                throw new IllegalArgumentException("no " + AssetConfig.VALUE_TYPE + "; accepted: BOOLEAN, INTEGER,"
                        + " LONG, FLOAT, DOUBLE, STRING, BYTE_ARRAY");
            }
            DataType valueType = DataType.parse(type);
            ChannelMode mode = ChannelMode.parse(keys.getOrDefault(AssetConfig.MODE, "READ"));
            double scale = number(keys, AssetConfig.SCALE, 1.0);
            if (scale == 0) {
                throw new IllegalArgumentException(AssetConfig.SCALE + " must not be 0");
            }
            double offset = number(keys, AssetConfig.OFFSET, 0.0);
            boolean enabled = bool(keys, AssetConfig.ENABLED, true);
            Map<String, String> driverProperties = new HashMap<>();
            keys.forEach((key, value) -> {
                if (!key.startsWith(AssetConfig.GENERIC)) {
                    driverProperties.put(key, value);
                }
            });
            channels.add(new ChannelConfig(name, mode, valueType, scale, offset,
                    keys.getOrDefault(AssetConfig.UNIT, ""), enabled, driverProperties));
            listen.put(name, enabled && mode.canRead() && bool(keys, AssetConfig.LISTEN, true));
        } catch (IllegalArgumentException e) {
            errors.put(name, e.getMessage());
        }
    }

    private static double number(Map<String, String> keys, String key, double fallback) {
        String text = keys.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a number");
        }
    }

    private static boolean bool(Map<String, String> keys, String key, boolean fallback) {
        String text = keys.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " '" + text + "' is not true or false");
        }
        return Boolean.parseBoolean(text);
    }

    List<ChannelConfig> channels() {
        return channels;
    }

    Map<String, String> errors() {
        return errors;
    }

    /** Enabled readable channels that are subscribed. */
    List<ChannelConfig> listening() {
        return channels.stream().filter(c -> listen.getOrDefault(c.name(), false)).toList();
    }
}
