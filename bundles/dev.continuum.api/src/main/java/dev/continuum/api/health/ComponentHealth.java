package dev.continuum.api.health;

import java.util.Objects;

/**
 * The health of one component.
 *
 * @param name the health check's name (e.g. {@code Bundles}, {@code OPC UA line-1})
 * @param status its status
 * @param reason why; for UP a short summary
 */
public record ComponentHealth(String name, HealthStatus status, String reason) {
    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }
}
