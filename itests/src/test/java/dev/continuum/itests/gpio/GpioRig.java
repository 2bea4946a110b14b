package dev.continuum.itests.gpio;

import com.pi4j.context.Context;
import dev.continuum.api.data.DataType;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelMode;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverState;
import dev.continuum.itests.support.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Test support inside the container: a GPIO driver instance on the simulator's pin map (mock provider),
 * its mock Pi4J context, channel configs and a recording listener.
 */
final class GpioRig {

    /** Framework property the driver-side test sets: the simulator's pin map. */
    static final String PIN_MAP = "continuum.board.pins";

    private final BundleContext context;

    GpioRig(BundleContext context) {
        this.context = context;
    }

    /** Creates (or keeps) the driver configuration {@code instance} and waits for the driver to be connected. */
    Driver driver(ConfigurationAdmin configurationAdmin, String instance) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration("dev.continuum.gpio", instance, "?");
        if (configuration.getProperties() == null) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("driver.instance", instance);
            configuration.update(properties);
        }
        return awaitDriver(instance, -1);
    }

    /** Waits for a connected driver {@code instance} whose service id differs from {@code notServiceId}. */
    Driver awaitDriver(String instance, long notServiceId) {
        return Await.until(Duration.ofSeconds(20), "GPIO driver " + instance, () -> {
            ServiceReference<Driver> reference = reference(Driver.class, "(driver.instance=" + instance + ")");
            if (reference == null || (Long) reference.getProperty("service.id") == notServiceId) {
                return null;
            }
            Driver driver = context.getService(reference);
            return driver != null && driver.state() == DriverState.CONNECTED ? driver : null;
        });
    }

    /** Waits for driver {@code instance} to be registered, in whatever state. */
    Driver anyDriver(String instance) {
        return Await.until(Duration.ofSeconds(20), "GPIO driver " + instance, () -> {
            ServiceReference<Driver> reference = reference(Driver.class, "(driver.instance=" + instance + ")");
            return reference == null ? null : context.getService(reference);
        });
    }

    /** Waits for a service of {@code type} matching {@code filter}. */
    <T> T awaitService(Class<T> type, String filter) {
        return Await.until(Duration.ofSeconds(20), type.getSimpleName() + " " + filter, () -> {
            ServiceReference<T> reference = reference(type, filter);
            return reference == null ? null : context.getService(reference);
        });
    }

    long serviceId(String instance) {
        return (Long) reference(Driver.class, "(driver.instance=" + instance + ")").getProperty("service.id");
    }

    /** The mock Pi4J context of driver {@code instance}. */
    Context mockContext(String instance) {
        return Await.until(Duration.ofSeconds(20), "mock Pi4J context of " + instance, () -> {
            ServiceReference<Context> reference = reference(Context.class, "(&(gpio.mock=true)(driver.instance=" + instance + "))");
            return reference == null ? null : context.getService(reference);
        });
    }

    private <T> ServiceReference<T> reference(Class<T> type, String filter) {
        try {
            var references = context.getServiceReferences(type, filter);
            return references.isEmpty() ? null : references.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ChannelConfig channel(String name, ChannelMode mode, DataType type, Map<String, String> properties) {
        return new ChannelConfig(name, mode, type, 1, 0, "", true, properties);
    }

    static int threadCount() {
        return Thread.getAllStackTraces().size();
    }

    static long gpioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("gpio-")).count();
    }

    /** Records what a subscription delivers. */
    static final class Recorder implements ChannelListener {
        final List<ChannelReading> readings = new CopyOnWriteArrayList<>();
        final Map<String, String> errors = new ConcurrentHashMap<>();

        @Override
        public void onReadings(List<ChannelReading> batch) {
            readings.addAll(batch);
        }

        @Override
        public void onChannelError(String channel, String reason) {
            errors.put(channel, reason);
        }

        List<ChannelReading> of(String channel) {
            return readings.stream().filter(reading -> reading.channel().equals(channel)).toList();
        }
    }
}
