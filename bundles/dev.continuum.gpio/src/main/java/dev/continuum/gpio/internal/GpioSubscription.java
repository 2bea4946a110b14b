package dev.continuum.gpio.internal;

import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.DriverException;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.gpio.internal.pin.ChannelSpec;
import dev.continuum.gpio.internal.pin.PinBank;
import dev.continuum.gpio.internal.pin.PinIo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels subscribed together: claims their pins while the driver's bank is open ({@link #attach}),
 * releases them on {@link #detach} and {@link #close}. A bad channel is reported to the listener alone.
 * Deliveries to the listener are serialised by their own lock, in the order the pins saw them; that lock
 * is never held while taking another (pins deliver while holding their own lock).
 */
final class GpioSubscription implements DriverSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(GpioSubscription.class);

    private final List<ChannelConfig> channels;
    private final ChannelListener listener;
    private final Runnable onClose;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final List<PinIo> held = new ArrayList<>();
    private final List<Runnable> observations = new ArrayList<>();
    private final Object delivery = new Object();
    private volatile boolean attached;
    private PinBank bank;
    private boolean closed;

    GpioSubscription(List<ChannelConfig> channels, ChannelListener listener, Runnable onClose) {
        this.channels = List.copyOf(channels);
        this.listener = listener;
        this.onClose = onClose;
    }

    /** Claims the pins on {@code bank} and sends each good channel's current value, then its changes. */
    synchronized void attach(PinBank bank) {
        if (closed) {
            return;
        }
        this.bank = bank;
        attached = true;
        Consumer<ChannelReading> sink = this::deliver;
        for (ChannelConfig channel : channels) {
            if (!channel.enabled()) {
                continue;
            }
            try {
                PinIo io = bank.acquire(ChannelSpec.of(channel));
                held.add(io);
                observations.add(io.observe(sink));
                deliver(io.read());
                if (errors.remove(channel.name()) != null) {
                    listener.onChannelError(channel.name(), "");
                }
            } catch (DriverException e) {
                LOG.error("GPIO channel rejected: {}", e.getMessage());
                errors.put(channel.name(), e.getMessage());
                listener.onChannelError(channel.name(), e.getMessage());
            }
        }
    }

    /** Releases the pins (the driver is disconnecting); the subscription stays for the next {@link #attach}. */
    synchronized void detach() {
        attached = false;
        observations.forEach(Runnable::run);
        observations.clear();
        if (bank != null) {
            held.forEach(bank::release);
        }
        held.clear();
        bank = null;
    }

    private void deliver(ChannelReading reading) {
        synchronized (delivery) {
            if (!attached) {
                return;
            }
            try {
                listener.onReadings(List.of(reading));
            } catch (RuntimeException e) {
                LOG.warn("a GPIO channel listener failed on {}: {}", reading.channel(), e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized Map<String, String> channelErrors() {
        return Map.copyOf(errors);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            detach();
        }
        onClose.run();
    }
}
