package dev.continuum.api.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of one channel.
 *
 * @param channelId the channel, as {@code asset/channel}
 * @param value the value; {@code null} only when {@code status} is {@link SampleStatus#BAD} and the
 *     source gave no value
 * @param sourceTime when the source (device, server) produced the value
 * @param receiveTime when the gateway received it
 * @param status the quality of the value
 * @param message why the status is not GOOD (a status code name, an error); empty when GOOD
 */
public record Sample(
        String channelId,
        TypedValue value,
        Instant sourceTime,
        Instant receiveTime,
        SampleStatus status,
        String message) {

    public Sample {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(sourceTime, "sourceTime");
        Objects.requireNonNull(receiveTime, "receiveTime");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        if (value == null && status != SampleStatus.BAD) {
            throw new IllegalArgumentException("only a BAD sample may have no value: " + channelId);
        }
    }

    /** A good sample received now. */
    public static Sample good(String channelId, TypedValue value, Instant sourceTime) {
        return new Sample(channelId, value, sourceTime, Instant.now(), SampleStatus.GOOD, "");
    }

    /** A bad sample without a value, received now, with the reason. */
    public static Sample bad(String channelId, Instant sourceTime, String message) {
        return new Sample(channelId, null, sourceTime, Instant.now(), SampleStatus.BAD, message);
    }

    public boolean isGood() {
        return status == SampleStatus.GOOD;
    }
}
