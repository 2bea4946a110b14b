package dev.continuum.api.driver;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A live subscription returned by {@link Driver#subscribe}. It survives connection losses: the driver
 * restores it after every reconnect until it is closed.
 */
@ProviderType
public interface DriverSubscription extends AutoCloseable {

    /** Channels that currently cannot be served, with the reason; empty when all are fine. */
    Map<String, String> channelErrors();

    /** Stops delivery and releases the subscription on the device; idempotent. */
    @Override
    void close();
}
