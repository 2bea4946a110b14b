package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.outbox.Outbox;
import dev.continuum.outbox.OutboxSettings;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Opens an endpoint's outbox at {@code <storeDirectory or continuum.data/outbox>/<name>.mv}. */
final class EndpointOutbox {

    private EndpointOutbox() {
    }

    /** The directory of the endpoint's outbox (and of its other state, such as Sparkplug's bdSeq). */
    static Path directory(BundleContext context, EndpointConfig config) {
        if (!config.storeDirectory().isBlank()) {
            return Path.of(config.storeDirectory());
        } else if (context.getProperty("continuum.data") != null) {
            return Path.of(context.getProperty("continuum.data"), "outbox");
        }
        return context.getDataFile("outbox").toPath();
    }

    static Outbox open(BundleContext context, EndpointSettings settings) throws CloudException {
        EndpointConfig config = settings.config();
        return dev.continuum.outbox.Outboxes.open(new OutboxSettings(config.name(),
                directory(context, config).resolve(config.name() + ".mv"), settings.gatewayId(), settings.durability(),
                config.syncIntervalMillis(), OutboxSettings.DEFAULT_MAX_BATCH, config.capacityBytes(),
                config.maxAgeSeconds() * 1000, settings.fullPolicy(), OutboxSettings.DEFAULT_COMPACT_INTERVAL_MILLIS));
    }
}
