package dev.continuum.gpio.internal.pin;

import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.DriverException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A GPIO channel's driver properties, parsed and checked on their own (the board's pin map is checked
 * when the pin is claimed). Two channels with equal specs may share a pin; see {@link PinBank}.
 *
 * @param channel the channel's name
 * @param mode the channel's mode
 * @param valueType the channel's value type
 * @param pin the pin id ({@code pin})
 * @param function {@code function}; default digital-input for READ channels, digital-output otherwise
 * @param pull {@code pull}: {@code up}, {@code down}, {@code off} (default)
 * @param debounceMillis {@code debounce.ms}: changes closer than this to the last one are bounce (default 0)
 * @param edge {@code edge}: default both for inputs, rising for counters
 * @param activeLow {@code active.low}: a low pin reads as true / on (default false)
 * @param initialHigh {@code initial}: the level an output takes when claimed (default: its shutdown level)
 * @param shutdownHigh {@code shutdown}: the level an output is left at when released (required for outputs)
 * @param pulseMillis {@code pulse.ms}: writing on turns the output on for this long, then off (default 0: no pulse)
 * @param rate {@code counter.output}: {@code count} (default) or {@code rate} (edges per second over the window)
 * @param windowMillis {@code window.ms}: the counter's delivery and rate window (default 1000)
 * @param pwmFrequency {@code pwm.frequency}: in Hz (default 1000)
 */
public record ChannelSpec(String channel, ChannelMode mode, DataType valueType, String pin, Function function,
        String pull, long debounceMillis, Edge edge, boolean activeLow, boolean initialHigh, boolean shutdownHigh,
        long pulseMillis, boolean rate, long windowMillis, int pwmFrequency) {

    static final Set<String> KEYS = Set.of("pin", "function", "pull", "debounce.ms", "edge", "active.low", "initial",
            "shutdown", "pulse.ms", "counter.output", "window.ms", "pwm.frequency");

    private static final Set<DataType> LEVEL_TYPES = Set.of(DataType.BOOLEAN, DataType.INTEGER, DataType.LONG,
            DataType.FLOAT, DataType.DOUBLE);
    private static final Set<DataType> NUMBER_TYPES = Set.of(DataType.INTEGER, DataType.LONG, DataType.FLOAT,
            DataType.DOUBLE);

    /** Parses a channel's properties; the message names the channel, the property and what is accepted. */
    public static ChannelSpec of(ChannelConfig config) throws DriverException {
        Map<String, String> properties = config.properties();
        String name = config.name();
        for (String key : properties.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(name, "unknown property '" + key + "'; accepted: " + new TreeSet<>(KEYS));
            }
        }
        String pin = config.property("pin", null);
        if (pin == null) {
            throw error(name, "property 'pin' is required (the header pin or terminal, as in the board's pin map)");
        }
        String functionText = config.property("function", config.mode() == ChannelMode.READ ? "digital-input" : "digital-output");
        Function function = Function.parse(functionText);
        if (function == null) {
            throw error(name, "unknown function '" + functionText + "'; accepted: " + Function.accepted());
        }
        if (function.needsInput() && config.mode().canWrite()) {
            throw error(name, "pin " + pin + " is configured as " + function.label() + ", which is read-only, but the channel's mode is "
                    + config.mode() + "; accepted mode: READ (use function digital-output or pwm to drive a pin)");
        }
        String pull = choice(config, "pull", "off", "up", "down", "off");
        long debounce = number(config, "debounce.ms", 0, 0, 60_000);
        Edge edge = Edge.valueOf(choice(config, "edge", function == Function.COUNTER ? "rising" : "both",
                "rising", "falling", "both").toUpperCase(Locale.ROOT));
        boolean activeLow = Boolean.parseBoolean(choice(config, "active.low", "false", "true", "false"));
        boolean shutdownHigh = false;
        boolean initialHigh = false;
        if (function == Function.DIGITAL_OUTPUT) {
            if (config.property("shutdown", null) == null) {
                throw error(name, "a digital-output needs 'shutdown' (low or high): the level the pin is left at when "
                        + "the gateway stops or the channel is released");
            }
            shutdownHigh = choice(config, "shutdown", "low", "low", "high").equals("high");
            initialHigh = choice(config, "initial", shutdownHigh ? "high" : "low", "low", "high").equals("high");
        }
        long pulse = number(config, "pulse.ms", 0, 0, 3_600_000);
        boolean rate = choice(config, "counter.output", "count", "count", "rate").equals("rate");
        long window = number(config, "window.ms", 1000, 10, 3_600_000);
        int frequency = (int) number(config, "pwm.frequency", 1000, 1, 50_000_000);
        Set<DataType> types = function == Function.COUNTER ? (rate ? Set.of(DataType.DOUBLE, DataType.FLOAT) : NUMBER_TYPES)
                : function == Function.PWM ? NUMBER_TYPES : LEVEL_TYPES;
        if (!types.contains(config.valueType())) {
            throw error(name, "value type " + config.valueType() + " does not fit a " + function.label()
                    + (function == Function.COUNTER ? (rate ? " rate" : " count") : "") + "; accepted: " + new TreeSet<>(types));
        }
        return new ChannelSpec(name, config.mode(), config.valueType(), pin, function, pull, debounce, edge, activeLow,
                initialHigh, shutdownHigh, pulse, rate, window, frequency);
    }

    private static String choice(ChannelConfig config, String key, String fallback, String... accepted) throws DriverException {
        String value = config.property(key, fallback).toLowerCase(Locale.ROOT);
        for (String candidate : accepted) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw error(config.name(), "property '" + key + "' is '" + config.property(key, fallback) + "'; accepted: "
                + String.join(", ", accepted));
    }

    private static long number(ChannelConfig config, String key, long fallback, long min, long max) throws DriverException {
        String text = config.property(key, Long.toString(fallback));
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(config.name(), "property '" + key + "' is '" + text + "'; accepted: an integer from " + min + " to " + max);
    }

    private static DriverException error(String channel, String message) {
        return new DriverException("channel '" + channel + "': " + message);
    }
}
