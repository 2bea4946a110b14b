package dev.continuum.gpio.internal.pin;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import dev.continuum.api.driver.ChannelReading;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pulse counter: counts the edges that pass the edge filter from the moment it is claimed. Once per
 * window it computes the rate (edges per second over the window) and publishes the count or the rate
 * when it changed; a read gives the exact count at that moment (or the last window's rate). Counting is
 * one atomic increment per edge: nothing is queued, so no edge is lost however fast they come.
 */
final class CounterIo extends PinIo implements DigitalStateChangeListener {

    private final DigitalInput input;
    private final AtomicLong count = new AtomicLong();
    private final ScheduledFuture<?> ticker;
    private long windowStartNanos = System.nanoTime();
    private long windowStartCount;
    private volatile double rate;
    private ChannelReading last;

    CounterIo(ChannelSpec spec, Context context, String provider, int address, ScheduledExecutorService timer) {
        super(spec, context);
        this.input = context.create(DigitalInput.newConfigBuilder(context).id(ioId).name(spec.channel())
                .address(address).pull(InputIo.pull(spec.pull())).debounce(0L).provider(provider).build());
        input.addListener(this);
        ticker = timer.scheduleAtFixedRate(this::tick, spec.windowMillis(), spec.windowMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onDigitalStateChange(DigitalStateChangeEvent event) {
        if (spec.edge().passes(event.state().isHigh() != spec.activeLow())) {
            count.incrementAndGet();
        }
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        long counted = count.get();
        rate = (counted - windowStartCount) * 1e9 / (now - windowStartNanos);
        windowStartNanos = now;
        windowStartCount = counted;
        ChannelReading reading = read();
        if (last == null || !last.value().equals(reading.value())) {
            last = reading;
            publish(reading);
        }
    }

    @Override
    public ChannelReading read() {
        return good(number(spec.rate() ? rate : count.get()), Instant.now());
    }

    @Override
    public void close() {
        ticker.cancel(false);
        input.removeListener(this);
        super.close();
    }
}
