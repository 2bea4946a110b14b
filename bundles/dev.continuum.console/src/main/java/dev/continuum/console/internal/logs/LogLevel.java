package dev.continuum.console.internal.logs;

import java.util.Arrays;
import java.util.Locale;

/** The levels of the gateway's log, lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    public boolean atLeast(LogLevel min) {
        return compareTo(min) >= 0;
    }

    /** The level named {@code text} (any case); an {@link IllegalArgumentException} naming the accepted ones. */
    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("level '" + text + "' is not one of " + Arrays.toString(values()), e);
        }
    }
}
