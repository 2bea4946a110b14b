package dev.continuum.opcua.internal;

import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelReading;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;

/** Turns an OPC UA {@link DataValue} into a {@link ChannelReading}: never dropped, BAD with a reason if need be. */
final class Readings {

    private Readings() {
    }

    static ChannelReading of(ChannelConfig channel, DataValue value) {
        Instant time = time(value);
        SampleStatus status = Values.status(value.getStatusCode());
        String message = status == SampleStatus.GOOD ? "" : Values.describe(value.getStatusCode());
        Object raw = value.getValue() == null ? null : value.getValue().getValue();
        if (raw == null) {
            return ChannelReading.bad(channel.name(), time,
                    status == SampleStatus.GOOD ? "the server sent no value" : message);
        }
        try {
            TypedValue typed = Values.toTyped(raw, channel.valueType());
            return new ChannelReading(channel.name(), typed, time, status, message);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return ChannelReading.bad(channel.name(), time, "cannot convert " + raw.getClass().getSimpleName() + " "
                    + raw + " to " + channel.valueType() + ": " + e.getMessage());
        }
    }

    private static Instant time(DataValue value) {
        DateTime source = value.getSourceTime();
        if (source != null && source.getUtcTime() > 0) {
            return source.getJavaInstant();
        }
        DateTime server = value.getServerTime();
        return server != null && server.getUtcTime() > 0 ? server.getJavaInstant() : Instant.now();
    }
}
