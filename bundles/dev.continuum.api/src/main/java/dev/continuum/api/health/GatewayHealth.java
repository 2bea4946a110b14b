package dev.continuum.api.health;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Aggregates the health of every Continuum component.
 *
 * <p>Thread-safe. {@link #report()} runs the registered checks (bounded by each check's timeout)
 * and may take up to a few seconds; callers on request threads should prefer {@link #lastReport()}.
 */
@ProviderType
public interface GatewayHealth {

    /** The {@code hc.tags} value that marks a health check as one of the gateway's components. */
    String TAG = "continuum";

    /** Runs every tagged health check now and returns the aggregate. */
    HealthReport report();

    /** The most recent report, refreshed periodically; never {@code null}. */
    HealthReport lastReport();
}
