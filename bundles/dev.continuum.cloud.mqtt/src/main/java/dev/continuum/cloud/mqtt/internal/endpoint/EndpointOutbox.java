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

    static Outbox open(BundleContext context, EndpointSettings settings) throws CloudException {
        EndpointConfig config = settings.config();
        Path directory;
        if (!config.storeDirectory().isBlank()) {
            directory = Path.of(config.storeDirectory());
        } else if (context.getProperty("continuum.data") != null) {
            directory = Path.of(context.getProperty("continuum.data"), "outbox");
        } else {
            directory = context.getDataFile("outbox").toPath();
        }
        return dev.continuum.outbox.Outboxes.open(new OutboxSettings(config.name(),
                directory.resolve(config.name() + ".mv"), settings.gatewayId(), settings.durability(),
                config.syncIntervalMillis(), OutboxSettings.DEFAULT_MAX_BATCH, config.capacityBytes(),
                config.maxAgeSeconds() * 1000, settings.fullPolicy(), OutboxSettings.DEFAULT_COMPACT_INTERVAL_MILLIS));
    }
}
