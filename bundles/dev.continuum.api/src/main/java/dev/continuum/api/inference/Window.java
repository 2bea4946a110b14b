package dev.continuum.api.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * One window of raw (not yet normalised) values, time-major as {@link WindowSpec} describes.
 *
 * <p>The array is not copied, to keep the hot path free of copies: whoever hands a window over must
 * not change its array afterwards.
 *
 * @param start source time of the window's first sample
 * @param end source time of the window's last sample
 * @param values the raw values, {@code length * channels} of them
 * @param imputed true when missing or NaN values were replaced (policy {@link MissingValuePolicy#MARK})
 */
public record Window(Instant start, Instant end, float[] values, boolean imputed) {

    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(values, "values");
    }
}
