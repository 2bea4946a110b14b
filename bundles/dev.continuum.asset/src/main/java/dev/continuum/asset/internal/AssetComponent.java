package dev.continuum.asset.internal;

import dev.continuum.api.asset.Asset;
import dev.continuum.api.asset.AssetConfig;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverException;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.driver.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One asset (a factory configuration of {@value AssetConfig#FACTORY_PID}): its channels, bound to the
 * driver whose {@link Driver#INSTANCE} it names. It tracks that driver: when the driver goes away (its
 * bundle is updated, its configuration changes) the asset stays and re-subscribes to the next one.
 */
@Component(service = {}, configurationPid = AssetConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class AssetComponent implements Asset, ChannelListener {

    private static final Logger LOG = LoggerFactory.getLogger(AssetComponent.class);

    private final String name;
    private final String driverInstance;
    private final SampleRouter router;
    private final Map<String, ChannelConfig> channels = new LinkedHashMap<>();
    /** Each channel's sample id ({@code asset/channel}), made once rather than per sample. */
    private final Map<String, String> channelIds = new HashMap<>();
    private final List<ChannelConfig> listening;
    private final Map<String, String> configErrors;
    private final Map<String, String> driverErrors = new ConcurrentHashMap<>();
    private final ServiceTracker<Driver, Driver> tracker;
    private final ServiceRegistration<Asset> registration;
    private Driver driver;
    private DriverSubscription subscription;

    @Activate
    public AssetComponent(BundleContext context, Map<String, Object> properties, @Reference SampleRouter router)
            throws InvalidSyntaxException {
        this.router = router;
        this.name = required(properties, AssetConfig.NAME);
        this.driverInstance = required(properties, AssetConfig.DRIVER);
        ChannelParser parser = new ChannelParser(properties);
        parser.channels().forEach(c -> {
            channels.put(c.name(), c);
            channelIds.put(c.name(), name + "/" + c.name());
        });
        this.listening = parser.listening();
        this.configErrors = Map.copyOf(parser.errors());
        configErrors.forEach((channel, reason) -> LOG.error("asset {} channel '{}': {}", name, channel, reason));
        Filter filter = FrameworkUtil.createFilter("(&(objectClass=" + Driver.class.getName() + ")("
                + Driver.INSTANCE + "=" + escape(driverInstance) + "))");
        this.tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public Driver addingService(ServiceReference<Driver> reference) {
                Driver added = super.addingService(reference);
                if (added == null) {
                    LOG.warn("asset {}: driver {} is registered but could not be obtained", name, driverInstance);
                    return null;
                }
                bind(added);
                return added;
            }

            @Override
            public void removedService(ServiceReference<Driver> reference, Driver removed) {
                unbind(removed);
                super.removedService(reference, removed);
            }
        };
        tracker.open();
        Hashtable<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(Asset.NAME, name);
        serviceProperties.put(AssetConfig.DRIVER, driverInstance);
        this.registration = context.registerService(Asset.class, this, serviceProperties);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        tracker.close();
        unbindCurrent();
    }

    private synchronized void bind(Driver candidate) {
        if (driver != null) {
            return;
        }
        driver = candidate;
        driverErrors.clear();
        subscription = listening.isEmpty() ? null : candidate.subscribe(listening, this);
        LOG.info("asset {} bound to driver {} ({} channels subscribed)", name, driverInstance, listening.size());
    }

    private synchronized void unbind(Driver removed) {
        if (driver != removed) {
            return;
        }
        unbindCurrent();
        LOG.info("asset {}: driver {} went away; waiting for it to return", name, driverInstance);
        Driver next = tracker.getService();
        if (next != null && next != removed) {
            bind(next);
        }
    }

    private synchronized void unbindCurrent() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        driver = null;
    }

    @Override
    public void onReadings(List<ChannelReading> readings) {
        for (ChannelReading reading : readings) {
            ChannelConfig channel = channels.get(reading.channel());
            if (channel != null) {
                router.publish(sample(channel, reading));
            }
        }
    }

    @Override
    public void onChannelError(String channel, String reason) {
        if (reason.isEmpty()) {
            driverErrors.remove(channel);
        } else {
            driverErrors.put(channel, reason);
        }
    }

    private Sample sample(ChannelConfig channel, ChannelReading reading) {
        return new Sample(channelIds.get(channel.name()), Scaling.in(channel, reading.value()), reading.sourceTime(),
                Instant.now(), reading.status(), reading.message());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driverInstance() {
        return driverInstance;
    }

    @Override
    public List<ChannelConfig> channels() {
        return List.copyOf(new TreeMap<>(channels).values());
    }

    @Override
    public Map<String, String> channelErrors() {
        Map<String, String> all = new TreeMap<>(configErrors);
        all.putAll(driverErrors);
        return all;
    }

    @Override
    public CompletableFuture<List<Sample>> read(Collection<String> names) {
        Driver current = driver;
        if (current == null) {
            return unbound();
        }
        List<ChannelConfig> selected = new ArrayList<>();
        for (String channel : names.isEmpty() ? channels.keySet() : names) {
            ChannelConfig config = channels.get(channel);
            if (config == null || !config.enabled() || !config.mode().canRead()) {
                selected.add(null);
            } else {
                selected.add(config);
            }
        }
        List<ChannelConfig> readable = selected.stream().filter(c -> c != null).toList();
        List<String> requested = List.copyOf(names.isEmpty() ? channels.keySet() : names);
        return current.read(readable).thenApply(readings -> {
            List<Sample> samples = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < selected.size(); i++) {
                ChannelConfig config = selected.get(i);
                samples.add(config == null
                        ? Sample.bad(name + "/" + requested.get(i), Instant.now(), problem(requested.get(i), "read"))
                        : sample(config, readings.get(next++)));
            }
            return samples;
        });
    }

    @Override
    public CompletableFuture<List<WriteResult>> write(Map<String, TypedValue> values) {
        Driver current = driver;
        if (current == null) {
            return unbound();
        }
        List<Object> slots = new ArrayList<>();
        List<ChannelWrite> writes = new ArrayList<>();
        values.forEach((channel, value) -> {
            ChannelConfig config = channels.get(channel);
            if (config == null || !config.enabled() || !config.mode().canWrite()) {
                slots.add(WriteResult.failed(channel, problem(channel, "written")));
            } else {
                ChannelWrite write = new ChannelWrite(config, Scaling.out(config, value));
                writes.add(write);
                slots.add(write);
            }
        });
        return current.write(writes).thenApply(results -> {
            List<WriteResult> merged = new ArrayList<>();
            int next = 0;
            for (Object slot : slots) {
                merged.add(slot instanceof WriteResult failed ? failed : results.get(next++));
            }
            return merged;
        });
    }

    private String problem(String channel, String verb) {
        ChannelConfig config = channels.get(channel);
        if (config == null) {
            String error = configErrors.get(channel);
            return error != null ? "channel '" + channel + "' is in error: " + error
                    : "asset " + name + " has no channel '" + channel + "'; it has: " + String.join(", ", channels.keySet());
        }
        return "channel '" + channel + "' cannot be " + verb + " (mode " + config.mode() + ", "
                + (config.enabled() ? "enabled" : "disabled") + ")";
    }

    private <T> CompletableFuture<T> unbound() {
        return CompletableFuture.failedFuture(new DriverException("asset " + name + ": driver '" + driverInstance
                + "' is not available"));
    }

    private static String required(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException("asset configuration " + properties.get("service.pid") + " has no '"
                    + key + "'");
        }
        return String.valueOf(value).trim();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
