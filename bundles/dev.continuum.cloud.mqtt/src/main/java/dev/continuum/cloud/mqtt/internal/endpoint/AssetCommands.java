package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.asset.Asset;
import dev.continuum.api.data.DataType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.cloud.mqtt.internal.format.DeviceCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assets as Sparkplug devices: their enabled channels for the DBIRTHs (and listeners told of each asset
 * added or removed later), and device commands as asset writes: device = the {@link Asset#NAME} of an asset service, metric = one
 * of its channels; each value is converted to the channel's type and written through {@link Asset#write}.
 * An unknown asset, an unknown or read-only channel, a disabled channel or a value that does not convert is
 * logged (warn) naming it and what is accepted, and skipped; the other metrics of the command are still written.
 */
final class AssetCommands implements DeviceCommands, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssetCommands.class);

    private final String endpoint;
    private final ServiceTracker<Asset, Asset> assets;
    private volatile BiConsumer<String, Map<String, DataType>> added = (device, channels) -> { };
    private volatile Consumer<String> removed = device -> { };

    AssetCommands(BundleContext context, String endpoint) {
        this.endpoint = endpoint;
        this.assets = new ServiceTracker<>(context, Asset.class, null) {
            @Override
            public Asset addingService(ServiceReference<Asset> reference) {
                Asset asset = super.addingService(reference);
                if (asset != null && reference.getProperty(Asset.NAME) instanceof String name) {
                    added.accept(name, enabledChannels(asset));
                }
                return asset;
            }

            @Override
            public void removedService(ServiceReference<Asset> reference, Asset asset) {
                super.removedService(reference, asset);
                // the tracker no longer holds it: another asset of the same name keeps the device alive
                if (reference.getProperty(Asset.NAME) instanceof String name && asset(name) == null) {
                    removed.accept(name);
                }
            }
        };
        assets.open();
    }

    /**
     * Tells {@code listener} about every asset registered from now on (device id, enabled channels), on the
     * registering thread; assets already there are not reported.
     */
    void onAdded(BiConsumer<String, Map<String, DataType>> listener) {
        this.added = listener;
    }

    /**
     * Tells {@code listener} about every device that goes away from now on (the last asset of that name
     * unregistered), on the unregistering thread.
     */
    void onRemoved(Consumer<String> listener) {
        this.removed = listener;
    }

    @Override
    public void write(String device, Map<String, Object> metrics) {
        Asset asset = asset(device);
        if (asset == null) {
            LOG.warn("MQTT endpoint {}: DCMD for device '{}' ignored: no asset of that name", endpoint, device);
            return;
        }
        Map<String, ChannelConfig> channels = asset.channels().stream()
                .collect(Collectors.toMap(ChannelConfig::name, channel -> channel));
        Map<String, TypedValue> writes = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            String problem = null;
            ChannelConfig channel = channels.get(name);
            if (channel == null) {
                problem = "asset " + device + " has no channel '" + name + "'; writable: " + writable(channels);
            } else if (!channel.mode().canWrite() || !channel.enabled()) {
                problem = "channel '" + name + "' of asset " + device + " is " + (channel.enabled() ? channel.mode()
                        : "disabled") + ", not writable; writable: " + writable(channels);
            } else {
                try {
                    writes.put(name, TypedValue.coerce(channel.valueType(), value));
                } catch (IllegalArgumentException e) {
                    problem = "channel '" + name + "' of asset " + device + ": " + e.getMessage();
                }
            }
            if (problem != null) {
                LOG.warn("MQTT endpoint {}: DCMD metric refused: {}", endpoint, problem);
            }
        });
        if (writes.isEmpty()) {
            return;
        }
        asset.write(writes).whenComplete((results, error) -> {
            if (error != null) {
                LOG.warn("MQTT endpoint {}: DCMD write to asset {} failed: {}", endpoint, device, error.toString());
                return;
            }
            for (WriteResult result : results) {
                if (result.ok()) {
                    LOG.debug("MQTT endpoint {}: DCMD wrote channel {} of asset {}", endpoint, result.channel(), device);
                } else {
                    LOG.warn("MQTT endpoint {}: DCMD write to channel {} of asset {} failed: {}", endpoint,
                            result.channel(), device, result.message());
                }
            }
        });
    }

    @Override
    public Map<String, Map<String, DataType>> devices() {
        Map<String, Map<String, DataType>> devices = new TreeMap<>();
        assets.getTracked().forEach((reference, asset) -> {
            if (reference.getProperty(Asset.NAME) instanceof String name) {
                devices.put(name, enabledChannels(asset));
            }
        });
        return devices;
    }

    private static Map<String, DataType> enabledChannels(Asset asset) {
        Map<String, DataType> channels = new LinkedHashMap<>();
        for (ChannelConfig channel : asset.channels()) {
            if (channel.enabled()) {
                channels.put(channel.name(), channel.valueType());
            }
        }
        return channels;
    }

    private Asset asset(String name) {
        Map<ServiceReference<Asset>, Asset> tracked = assets.getTracked();
        for (Map.Entry<ServiceReference<Asset>, Asset> entry : tracked.entrySet()) {
            if (name.equals(entry.getKey().getProperty(Asset.NAME))) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String writable(Map<String, ChannelConfig> channels) {
        return channels.values().stream().filter(c -> c.enabled() && c.mode().canWrite()).map(ChannelConfig::name)
                .sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public void close() {
        assets.close();
    }
}
