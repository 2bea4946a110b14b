package dev.continuum.gpio.internal.pin;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.WriteResult;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A digital output: takes its initial level when claimed and its shutdown level when released (both
 * electrical levels). With
 * {@code pulse.ms}, writing on turns it on for that long; writing off ends a pulse early. Every change is
 * published (the read-back of a READ_WRITE channel).
 */
final class OutputIo extends PinIo {

    private final DigitalOutput output;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pulseEnd;

    OutputIo(ChannelSpec spec, Context context, String provider, int address, ScheduledExecutorService timer) {
        super(spec, context);
        this.timer = timer;
        this.output = context.create(DigitalOutput.newConfigBuilder(context).id(ioId).name(spec.channel())
                .address(address).initial(electrical(spec.initialHigh())).shutdown(electrical(spec.shutdownHigh()))
                .provider(provider).build());
        output.state(electrical(spec.initialHigh()));
    }

    /** Initial and shutdown states are electrical levels, whatever {@code active.low} says. */
    private static DigitalState electrical(boolean high) {
        return high ? DigitalState.HIGH : DigitalState.LOW;
    }

    private DigitalState physical(boolean on) {
        return on != spec.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    }

    @Override
    public ChannelReading read() {
        return level(output.state().isHigh() != spec.activeLow(), Instant.now());
    }

    @Override
    public synchronized WriteResult write(TypedValue value) {
        Boolean on = onOff(value);
        if (on == null) {
            return WriteResult.failed(spec.channel(), "cannot write " + value + " to output pin " + spec.pin()
                    + "; accepted: true/false or 1/0");
        }
        if (pulseEnd != null) {
            pulseEnd.cancel(false);
            pulseEnd = null;
        }
        set(on);
        if (on && spec.pulseMillis() > 0) {
            pulseEnd = timer.schedule(this::endPulse, spec.pulseMillis(), TimeUnit.MILLISECONDS);
        }
        return WriteResult.ok(spec.channel());
    }

    private synchronized void endPulse() {
        pulseEnd = null;
        set(false);
    }

    private void set(boolean on) {
        output.state(physical(on));
        publish(level(on, Instant.now()));
    }

    @Override
    public synchronized void close() {
        if (pulseEnd != null) {
            pulseEnd.cancel(false);
        }
        output.state(electrical(spec.shutdownHigh()));
        super.close();
    }
}
