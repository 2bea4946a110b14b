package dev.continuum.api.placement;

/** What of a workload's data may leave the site. */
public enum PrivacyClass {
    /** Raw windows may be sent to a remote inference service. */
    RAW_MAY_LEAVE,
    /**
     * Raw data stays on site: a remote placement receives only per-window features (per channel mean,
     * standard deviation, minimum, maximum) and runs a model trained on them; without such a remote model
     * the workload runs locally only.
     */
    RAW_STAYS_ON_SITE
}
