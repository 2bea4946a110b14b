package dev.continuum.api.driver;

import dev.continuum.api.data.DataType;
import java.util.Map;
import java.util.Objects;

/**
 * One channel of an asset, as configured: the generic part (Kura's {@code +name}, {@code +type},
 * {@code +value.type}, {@code +scale}, {@code +offset}, {@code +unit}, {@code +enabled}) and the
 * driver-specific properties that address it (for OPC UA {@code node.id}, {@code sampling.interval}, ...).
 *
 * <p>Scale and offset apply to numeric values on the way in ({@code value * scale + offset}) and are
 * inverted on the way out; drivers deliver and accept raw values. A driver validates the properties it
 * needs when a channel is subscribed, read or written, and reports a bad channel alone.
 *
 * @param name the channel's name, unique within its asset
 * @param mode what the asset may do with it
 * @param valueType the type of the channel's values, after conversion from the protocol's type
 * @param scale multiplied with numeric raw values
 * @param offset added to numeric raw values after scaling
 * @param unit the engineering unit, informative (may be empty)
 * @param enabled disabled channels are neither subscribed, read nor written
 * @param properties the driver-specific properties, without the {@code channel#} prefix
 */
public record ChannelConfig(
        String name,
        ChannelMode mode,
        DataType valueType,
        double scale,
        double offset,
        String unit,
        boolean enabled,
        Map<String, String> properties) {

    public ChannelConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(valueType, "valueType");
        unit = unit == null ? "" : unit;
        properties = Map.copyOf(properties);
    }

    /** A driver-specific property, or {@code fallback} when absent or blank. */
    public String property(String key, String fallback) {
        String value = properties.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
