package dev.continuum.api.driver;

import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A raw value of one channel as a driver delivers it: converted to the channel's value type, but not
 * scaled (the asset applies scale and offset).
 *
 * @param channel the channel's name
 * @param value the value; {@code null} only for a {@link SampleStatus#BAD} reading without a value
 * @param sourceTime when the device or server produced it
 * @param status its quality
 * @param message why the status is not GOOD (a status code name, the error); empty when GOOD
 */
public record ChannelReading(String channel, TypedValue value, Instant sourceTime, SampleStatus status, String message) {

    public ChannelReading {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sourceTime, "sourceTime");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        if (value == null && status != SampleStatus.BAD) {
            throw new IllegalArgumentException("only a BAD reading may have no value: " + channel);
        }
    }

    /** A BAD reading without a value, e.g. for a channel that cannot be read. */
    public static ChannelReading bad(String channel, Instant time, String message) {
        return new ChannelReading(channel, null, time, SampleStatus.BAD, message);
    }
}
