package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.data.DataType;
import java.util.Map;

/**
 * The devices of a Sparkplug node: the assets they stand for, whose configured channels each DBIRTH declares,
 * and where a DCMD goes (writes to those channels). Called on the MQTT client's thread; must not block.
 */
public interface DeviceCommands {

    /** No configured devices; drops every command (an endpoint outside a framework, or a format without devices). */
    DeviceCommands NONE = (device, metrics) -> { };

    /**
     * @param device the Sparkplug device id (an asset's name)
     * @param metrics metric name (a channel's name) to the value the command carries, in message order
     */
    void write(String device, Map<String, Object> metrics);

    /**
     * The configured devices now: device id (an asset's name) to its enabled channels' names and value types,
     * in channel order. Each is born on every connect and rebirth, before it has published anything.
     */
    default Map<String, Map<String, DataType>> devices() {
        return Map.of();
    }
}
