package dev.continuum.api.cloud;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured northbound endpoint, for health, console and remote management. Registered with the
 * {@link CloudPublisher#ENDPOINT} service property next to the endpoint's {@link CloudPublisher}.
 *
 * <p>Thread-safe; {@link #status()} is cheap and never blocks on I/O.
 */
@ProviderType
public interface CloudEndpoint {

    /** The endpoint's name. */
    String name();

    /** The current state, counters and outbox fill level. */
    EndpointStatus status();
}
