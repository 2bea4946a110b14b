package dev.continuum.api.inference;

/** What a stage does with a window that holds a missing (bad) or NaN value; each case is counted. */
public enum MissingValuePolicy {
    /** Drop the window. */
    SKIP,
    /** Replace the value with the channel's last good value (its mean if none yet) and score. */
    IMPUTE,
    /** As {@link #IMPUTE}, and flag the result ({@link InferenceResult#imputed()}). */
    MARK
}
