package dev.continuum.gpio.internal.pin;

import com.pi4j.context.Context;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.WriteResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A claimed pin: the Pi4J I/O behind one channel spec. Changes go to the observers on the thread that
 * saw them (Pi4J's event thread or the driver's timer), one at a time and in order.
 */
public abstract class PinIo {

    protected final ChannelSpec spec;
    protected final Context context;
    protected final String ioId;
    private final List<Consumer<ChannelReading>> observers = new CopyOnWriteArrayList<>();

    protected PinIo(ChannelSpec spec, Context context) {
        this.spec = spec;
        this.context = context;
        this.ioId = "pin-" + spec.pin();
    }

    public ChannelSpec spec() {
        return spec;
    }

    /** The current value. */
    public abstract ChannelReading read();

    /** Drives the pin; read-only functions refuse. */
    public WriteResult write(TypedValue value) {
        return WriteResult.failed(spec.channel(), "pin " + spec.pin() + " is a " + spec.function().label() + " and cannot be written");
    }

    /** Leaves the pin in its shutdown state and releases it from Pi4J; called once. */
    public void close() {
        observers.clear();
        if (context.registry().exists(ioId)) {
            context.shutdown(ioId);
        }
    }

    /** Adds an observer of changes; the returned handle removes it. */
    public Runnable observe(Consumer<ChannelReading> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    protected void publish(ChannelReading reading) {
        for (Consumer<ChannelReading> observer : observers) {
            observer.accept(reading);
        }
    }

    protected ChannelReading level(boolean on, Instant time) {
        return good(switch (spec.valueType()) {
            case BOOLEAN -> TypedValue.ofBoolean(on);
            default -> number(on ? 1 : 0);
        }, time);
    }

    protected TypedValue number(double value) {
        DataType type = spec.valueType();
        return switch (type) {
            case INTEGER -> TypedValue.ofInteger((int) value);
            case LONG -> TypedValue.ofLong((long) value);
            case FLOAT -> TypedValue.ofFloat((float) value);
            default -> TypedValue.ofDouble(value);
        };
    }

    protected ChannelReading good(TypedValue value, Instant time) {
        return new ChannelReading(spec.channel(), value, time, SampleStatus.GOOD, "");
    }

    /** A written level: true/false, or the numbers 1/0. */
    protected static Boolean onOff(TypedValue value) {
        if (value.type() == DataType.BOOLEAN) {
            return value.asBoolean();
        }
        if (value.isNumeric() && (value.asDouble() == 0 || value.asDouble() == 1)) {
            return value.asDouble() == 1;
        }
        return null;
    }
}
