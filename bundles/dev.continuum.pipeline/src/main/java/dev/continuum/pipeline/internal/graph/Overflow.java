package dev.continuum.pipeline.internal.graph;

import java.util.Locale;

/** What a component's input queue does when it is full. */
public enum Overflow {
    /** The producer waits: nothing is lost, the slow component slows its upstream. */
    BLOCK,
    /** The oldest queued record is dropped and counted. */
    DROP_OLDEST;

    static Overflow parse(String text, String component) throws GraphException {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new GraphException("component '" + component + "': unknown overflow '" + text
                    + "'; accepted: BLOCK, DROP_OLDEST");
        }
    }
}
