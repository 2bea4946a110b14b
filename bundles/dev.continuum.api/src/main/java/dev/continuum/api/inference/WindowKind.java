package dev.continuum.api.inference;

/** How a stage delimits windows. */
public enum WindowKind {
    /** A window is a fixed number of time steps ({@link WindowSpec#length()}). */
    COUNT,
    /**
     * A window is a fixed span of source time ({@link StageConfig#windowMillis()}), sliding by
     * {@link StageConfig#strideMillis()}; its steps are resampled (nearest) to the model's length.
     */
    TIME
}
