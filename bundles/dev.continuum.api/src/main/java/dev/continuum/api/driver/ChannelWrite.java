package dev.continuum.api.driver;

import dev.continuum.api.data.TypedValue;
import java.util.Objects;

/**
 * A raw value to write to a channel (already unscaled by the asset).
 *
 * @param channel the channel
 * @param value the value; the driver converts it to the protocol's type for the channel
 */
public record ChannelWrite(ChannelConfig channel, TypedValue value) {

    public ChannelWrite {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "value");
    }
}
