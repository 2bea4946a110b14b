package dev.continuum.gpio.internal.pin;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import dev.continuum.api.driver.ChannelReading;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A digital input: each accepted level change that passes the edge filter is published with the time
 * the driver saw it. Debounce is done here, alike on every provider: a change within {@code debounce.ms}
 * of the last accepted one is bounce; when the window ends the level is checked again, and a level that
 * differs from the last accepted one is published then, so the final level is never lost.
 */
final class InputIo extends PinIo implements DigitalStateChangeListener {

    private final DigitalInput input;
    private final ScheduledExecutorService timer;
    private final long debounceNanos;
    private long lastAcceptedNanos;
    private boolean lastLevel;
    private ScheduledFuture<?> settle;

    InputIo(ChannelSpec spec, Context context, String provider, int address, ScheduledExecutorService timer) {
        super(spec, context);
        this.timer = timer;
        this.debounceNanos = TimeUnit.MILLISECONDS.toNanos(spec.debounceMillis());
        this.input = context.create(DigitalInput.newConfigBuilder(context).id(ioId).name(spec.channel())
                .address(address).pull(pull(spec.pull())).debounce(0L).provider(provider).build());
        this.lastAcceptedNanos = System.nanoTime() - debounceNanos;
        this.lastLevel = logical(input.state());
        input.addListener(this);
    }

    static PullResistance pull(String pull) {
        return switch (pull) {
            case "up" -> PullResistance.PULL_UP;
            case "down" -> PullResistance.PULL_DOWN;
            default -> PullResistance.OFF;
        };
    }

    @Override
    public void onDigitalStateChange(DigitalStateChangeEvent event) {
        long now = System.nanoTime();
        Instant time = Instant.now();
        boolean level = logical(event.state());
        synchronized (this) {
            if (level == lastLevel) {
                return;
            }
            if (now - lastAcceptedNanos < debounceNanos) {
                if (settle == null) {
                    settle = timer.schedule(this::settle, lastAcceptedNanos + debounceNanos - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            accept(level, now, time);
        }
    }

    private synchronized void settle() {
        settle = null;
        boolean level = logical(input.state());
        if (level != lastLevel) {
            accept(level, System.nanoTime(), Instant.now());
        }
    }

    private void accept(boolean level, long nanos, Instant time) {
        lastAcceptedNanos = nanos;
        lastLevel = level;
        if (spec.edge().passes(level)) {
            publish(level(level, time));
        }
    }

    private boolean logical(DigitalState state) {
        return state.isHigh() != spec.activeLow();
    }

    @Override
    public ChannelReading read() {
        return level(logical(input.state()), Instant.now());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (settle != null) {
                settle.cancel(false);
            }
        }
        input.removeListener(this);
        super.close();
    }
}
