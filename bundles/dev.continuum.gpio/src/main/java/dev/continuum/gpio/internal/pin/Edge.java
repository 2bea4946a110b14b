package dev.continuum.gpio.internal.pin;

/** Which level changes an input reports or a counter counts (the {@code edge} channel property). */
public enum Edge {
    RISING,
    FALLING,
    BOTH;

    /** Whether a change to {@code high} (a rising edge) or to low (a falling one) passes. */
    public boolean passes(boolean high) {
        return this == BOTH || (this == RISING) == high;
    }
}
