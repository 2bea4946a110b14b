package dev.continuum.api.update;

/**
 * A step of a running update, reported to the caller's listener.
 *
 * @param name the update's name (from its manifest; the manifest's URI before it is read)
 * @param phase the current phase
 * @param percent progress of the phase, 0 to 100
 * @param bytes bytes downloaded so far in {@link Phase#DOWNLOADING}, else 0
 * @param message a short human-readable detail
 */
public record UpdateProgress(String name, Phase phase, int percent, long bytes, String message) {

    /** Phases in the order an update passes them. */
    public enum Phase {
        VERIFYING_MANIFEST,
        DOWNLOADING,
        INSTALLING,
        HEALTH_CHECK,
        ROLLING_BACK,
        COMMITTED,
        FAILED
    }
}
