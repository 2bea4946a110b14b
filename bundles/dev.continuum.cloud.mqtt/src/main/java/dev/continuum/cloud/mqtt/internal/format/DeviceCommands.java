package dev.continuum.cloud.mqtt.internal.format;

import java.util.Map;

/**
 * Where a Sparkplug DCMD goes: writes to the channels of the asset a device stands for. Called on the MQTT
 * client's thread; must not block.
 */
public interface DeviceCommands {

    /** Drops every command (an endpoint outside a framework, or a format without devices). */
    DeviceCommands NONE = (device, metrics) -> { };

    /**
     * @param device the Sparkplug device id (an asset's name)
     * @param metrics metric name (a channel's name) to the value the command carries, in message order
     */
    void write(String device, Map<String, Object> metrics);
}
