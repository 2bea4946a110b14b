package dev.continuum.gpio.internal.pin;

import java.util.Locale;

/** What a channel makes of its pin (the {@code function} channel property). */
public enum Function {
    /** A level with edge events; read-only. */
    DIGITAL_INPUT(true, false),
    /** A level the gateway drives: high/low, pulses; reads give the driven level. */
    DIGITAL_OUTPUT(false, true),
    /** Counts edges; delivers the count or the rate over a window; read-only. */
    COUNTER(true, false),
    /** Hardware PWM: the value is the duty cycle in percent. */
    PWM(false, true);

    private final boolean needsInput;
    private final boolean needsOutput;

    Function(boolean needsInput, boolean needsOutput) {
        this.needsInput = needsInput;
        this.needsOutput = needsOutput;
    }

    public boolean needsInput() {
        return needsInput;
    }

    public boolean needsOutput() {
        return needsOutput;
    }

    /** As written in configuration: {@code digital-input}, {@code counter}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Function parse(String text) {
        for (Function function : values()) {
            if (function.label().equalsIgnoreCase(text.trim())) {
                return function;
            }
        }
        return null;
    }

    static String accepted() {
        return "digital-input, digital-output, counter, pwm";
    }
}
