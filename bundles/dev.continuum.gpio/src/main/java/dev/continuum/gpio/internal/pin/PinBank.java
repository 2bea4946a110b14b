package dev.continuum.gpio.internal.pin;

import com.pi4j.io.IOType;
import dev.continuum.api.driver.DriverException;
import dev.continuum.gpio.internal.board.Pin;
import dev.continuum.gpio.internal.board.PinMap;
import dev.continuum.gpio.internal.board.PinMapException;
import dev.continuum.gpio.internal.board.Providers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pins of one board claimed through one Pi4J context, checked against the board's pin map.
 *
 * <p>A pin belongs to one channel spec at a time. Subscriptions hold a claim until they close; reads
 * and writes of a channel no subscription holds keep a standing claim until the bank closes (an output
 * must keep its level), replaced when the same channel comes back with changed properties. A second
 * channel on a held pin is refused with the holder's name and the free pins. {@link #close()} releases
 * every pin (outputs to their shutdown levels) and shuts the context down.
 */
public final class PinBank implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PinBank.class);

    private final PinMap map;
    private final Providers providers;
    private final ScheduledExecutorService timer;
    private final Map<String, Claim> claims = new LinkedHashMap<>();

    public PinBank(PinMap map, Providers providers, ScheduledExecutorService timer) {
        this.map = map;
        this.providers = providers;
        this.timer = timer;
    }

    /** Claims the pin for a subscription; release it with {@link #release}. */
    public synchronized PinIo acquire(ChannelSpec spec) throws DriverException {
        Claim claim = claim(spec);
        claim.users++;
        return claim.io;
    }

    /** The pin for a read or write: the subscription's claim if there is one, else a standing claim. */
    public synchronized PinIo standing(ChannelSpec spec) throws DriverException {
        Claim claim = claim(spec);
        if (claim.users == 0) {
            claim.standing = true;
        }
        return claim.io;
    }

    /** Ends a subscription's hold; the pin is released when nothing else holds it. */
    public synchronized void release(PinIo io) {
        Claim claim = claims.get(io.spec().pin());
        if (claim != null && claim.io == io && --claim.users <= 0 && !claim.standing) {
            claims.remove(io.spec().pin());
            closeQuietly(io);
        }
    }

    /** The ids of the claimed pins, in claim order. */
    public synchronized java.util.List<String> claimed() {
        return java.util.List.copyOf(claims.keySet());
    }

    private Claim claim(ChannelSpec spec) throws DriverException {
        Pin pin = check(spec);
        Claim claim = claims.get(pin.id());
        if (claim != null) {
            if (claim.io.spec().equals(spec)) {
                return claim;
            }
            if (claim.users > 0 || !claim.io.spec().channel().equals(spec.channel())) {
                throw new DriverException("channel '" + spec.channel() + "': pin " + pin.id() + " of board " + map.board()
                        + " is already claimed by channel '" + claim.io.spec().channel() + "' ("
                        + claim.io.spec().function().label() + "); free pins: " + map.ids(p -> !claims.containsKey(p.id())));
            }
            claims.remove(pin.id());
            closeQuietly(claim.io);
        }
        claim = new Claim(open(spec, pin));
        claims.put(pin.id(), claim);
        return claim;
    }

    private Pin check(ChannelSpec spec) throws DriverException {
        String prefix = "channel '" + spec.channel() + "': ";
        Pin pin = map.pin(spec.pin());
        if (pin == null) {
            throw new DriverException(prefix + "pin " + spec.pin() + " is not a pin of board " + map.board()
                    + "; valid pins: " + map.ids(p -> true));
        }
        Function function = spec.function();
        if (function.needsInput() && !pin.input()) {
            throw new DriverException(prefix + "pin " + pin.id() + " of board " + map.board() + " is output-only and cannot be a "
                    + function.label() + "; input pins: " + map.ids(Pin::input));
        }
        if (function.needsOutput() && !pin.output()) {
            throw new DriverException(prefix + "pin " + pin.id() + " of board " + map.board() + " is input-only and cannot be a "
                    + function.label() + "; output pins: " + map.ids(Pin::output));
        }
        if (function == Function.PWM && pin.pwm() == null) {
            throw new DriverException(prefix + "pin " + pin.id() + " of board " + map.board() + " has no hardware PWM; PWM pins: "
                    + map.ids(p -> p.pwm() != null));
        }
        if (function == Function.PWM) {
            for (Claim claim : claims.values()) {
                Pin other = map.pin(claim.io.spec().pin());
                if (claim.io.spec().function() == Function.PWM && !other.id().equals(pin.id()) && pin.pwm().equals(other.pwm())) {
                    throw new DriverException(prefix + "pin " + pin.id() + " of board " + map.board() + " shares PWM channel "
                            + pin.pwm().channel() + " of pwmchip" + pin.pwm().chip() + " with pin " + other.id()
                            + ", already used by channel '" + claim.io.spec().channel() + "'");
                }
            }
        }
        return pin;
    }

    private PinIo open(ChannelSpec spec, Pin pin) throws DriverException {
        var context = providers.context();
        try {
            return switch (spec.function()) {
                case DIGITAL_INPUT -> new InputIo(spec, context, providers.id(IOType.DIGITAL_INPUT), providers.address(pin), timer);
                case COUNTER -> new CounterIo(spec, context, providers.id(IOType.DIGITAL_INPUT), providers.address(pin), timer);
                case DIGITAL_OUTPUT -> new OutputIo(spec, context, providers.id(IOType.DIGITAL_OUTPUT), providers.address(pin), timer);
                case PWM -> new PwmIo(spec, providers.pwmContext(pin.pwm().chip()), providers.pwmId(), pin.pwm().channel());
            };
        } catch (PinMapException | RuntimeException e) {
            throw new DriverException("channel '" + spec.channel() + "': pin " + pin.id() + " (" + pin.chip() + " line "
                    + pin.line() + ") could not be opened: " + rootCauses(e), e);
        }
    }

    /** Pi4J wraps the reason ("Failed to initialize IO x"): the causes say what the board refused. */
    private static String rootCauses(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        claims.values().forEach(claim -> closeQuietly(claim.io));
        claims.clear();
        providers.close();
    }

    private static void closeQuietly(PinIo io) {
        try {
            io.close();
        } catch (RuntimeException e) {
            LOG.warn("releasing pin {} of channel '{}' failed: {}", io.spec().pin(), io.spec().channel(), e.getMessage(), e);
        }
    }

    private static final class Claim {
        final PinIo io;
        int users;
        boolean standing;

        Claim(PinIo io) {
            this.io = io;
        }
    }
}
