package dev.continuum.api.cloud;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A composite route over endpoints, registered as a {@link CloudPublisher} with the {@link CloudPublisher#ROUTE}
 * property: {@code FAILOVER} publishes to its primary endpoint and fails over to its secondary while the
 * primary has been unreachable (or over its round-trip budget) for a configured time, and returns when it
 * has recovered for a configured time; {@code BOTH} stores each message in both endpoints' outboxes.
 *
 * <p>A failover moves new messages only: what the primary's outbox accepted stays there (durable) and is
 * delivered when the primary returns, so a failover neither loses nor duplicates a message.
 */
@ProviderType
public interface CloudRoute extends CloudPublisher {

    /** The route's name, its policy, where it publishes now and its decisions so far. */
    RouteStatus status();
}
