package dev.continuum.inference.internal.window;

import dev.continuum.api.inference.Window;
import java.time.Instant;

/**
 * Builds windows from time steps (one value per channel). Not thread-safe: one stage feeds it.
 * {@link Window#imputed()} of a returned window is true when any of its steps held a replaced value.
 */
public interface Windower {

    /**
     * Adds one step and returns the windows it completes (none, one, or for time windows after a gap
     * several), oldest first; an empty array when none.
     *
     * @param row one value per channel; copied
     * @param time the step's source time
     * @param replaced true when a value of the step was missing and replaced
     */
    Window[] add(float[] row, Instant time, boolean replaced);
}
