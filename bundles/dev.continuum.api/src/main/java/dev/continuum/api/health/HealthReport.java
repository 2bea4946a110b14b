package dev.continuum.api.health;

import java.time.Instant;
import java.util.List;

/**
 * The gateway's aggregated health at one instant.
 *
 * @param status the worst status of all components ({@link HealthStatus#DOWN} when none report)
 * @param components every component's health, in name order
 * @param time when the report was made
 */
public record HealthReport(HealthStatus status, List<ComponentHealth> components, Instant time) {
    public HealthReport {
        components = List.copyOf(components);
    }
}
