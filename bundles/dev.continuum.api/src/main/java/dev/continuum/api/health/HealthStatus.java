package dev.continuum.api.health;

/** A component's or the gateway's health, worst last. */
public enum HealthStatus {
    /** Working as configured. */
    UP,
    /** Working, but not fully (a retrying connection, a channel in error, a full queue). */
    DEGRADED,
    /** Not working. */
    DOWN;

    /** The worse of two statuses. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
