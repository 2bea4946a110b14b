package dev.continuum.gpio.internal;

import com.pi4j.context.Context;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverException;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.gpio.internal.board.PinMap;
import dev.continuum.gpio.internal.board.PinMapException;
import dev.continuum.gpio.internal.board.PinMapLocator;
import dev.continuum.gpio.internal.board.PinMapReader;
import dev.continuum.gpio.internal.board.Providers;
import dev.continuum.gpio.internal.pin.ChannelSpec;
import dev.continuum.gpio.internal.pin.PinBank;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPIO driver: one instance per board or bank. Activation reads the active board's pin map and
 * builds a Pi4J context with that board's providers; channels claim their pins when subscribed (or first
 * read or written) and every pin is released on deactivation, outputs at their shutdown levels.
 *
 * <p>A pin map that cannot be read, or a provider that is not installed, leaves the driver
 * {@link DriverState#FAILED} with the reason, registered so that assets can show it. With the mock
 * provider, the Pi4J context is also registered as a {@link Context} service (property
 * {@link #MOCK}{@code =true}): the simulator scenario and tests drive the mock pins through it.
 *
 * <p>Reads and writes run on the driver's own thread, so listeners may call them from their callbacks.
 */
@Component(service = Driver.class, configurationPid = GpioDriver.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = Driver.PROTOCOL + "=gpio")
@Designate(ocd = GpioDriverConfig.class, factory = true)
public final class GpioDriver implements Driver {

    public static final String PID = "dev.continuum.gpio";

    /** Service property of the mock provider's Pi4J context service. */
    public static final String MOCK = "gpio.mock";

    private static final Logger LOG = LoggerFactory.getLogger(GpioDriver.class);

    private final String instance;
    private final GpioDriverConfig config;
    private final BundleContext bundleContext;
    private final ScheduledExecutorService executor;
    private final Set<GpioSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private volatile DriverState state = DriverState.DISCONNECTED;
    private volatile String reason = "";
    private PinBank bank;
    private ServiceRegistration<Context> mockRegistration;

    @Activate
    public GpioDriver(GpioDriverConfig config, BundleContext bundleContext) {
        this.instance = config.driver_instance();
        this.config = config;
        this.bundleContext = bundleContext;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gpio-" + instance);
            thread.setDaemon(true);
            return thread;
        });
        open();
    }

    @Deactivate
    void deactivate() {
        close(DriverState.DISCONNECTED, "deactivated");
        executor.shutdownNow();
        LOG.debug("GPIO driver {} deactivated", instance);
    }

    private synchronized void open() {
        if (bank != null) {
            return;
        }
        try {
            PinMap map = PinMapReader.read(PinMapLocator.locate(config.pin_map(), bundleContext::getProperty));
            if (!config.board().isBlank() && !config.board().equals(map.board())) {
                throw new PinMapException("driver " + instance + " is configured for board " + config.board()
                        + " but the active pin map is board " + map.board());
            }
            Providers providers = Providers.create(map.provider());
            bank = new PinBank(map, providers, executor);
            registerMock(map, providers);
            state = DriverState.CONNECTED;
            reason = "";
            subscriptions.forEach(subscription -> subscription.attach(bank));
            LOG.debug("GPIO driver {} open on board {} with provider {}", instance, map.board(), map.provider());
        } catch (PinMapException e) {
            LOG.error("GPIO driver {} cannot open its board: {}", instance, e.getMessage());
            failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("GPIO driver {} cannot open its board: {}", instance, e.getMessage(), e);
            close(DriverState.FAILED, String.valueOf(e.getMessage()));
        }
    }

    private void registerMock(PinMap map, Providers providers) {
        if (map.provider().equals("mock")) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(INSTANCE, instance);
            properties.put(MOCK, Boolean.TRUE);
            properties.put("gpio.board", map.board());
            mockRegistration = bundleContext.registerService(Context.class, providers.context(), properties);
        }
    }

    private void failed(String why) {
        state = DriverState.FAILED;
        reason = why;
    }

    private synchronized void close(DriverState newState, String why) {
        subscriptions.forEach(GpioSubscription::detach);
        if (mockRegistration != null) {
            mockRegistration.unregister();
            mockRegistration = null;
        }
        if (bank != null) {
            bank.close();
            bank = null;
        }
        state = newState;
        reason = why;
    }

    /** Channels of open subscriptions that were rejected, with the reason (for the health check). */
    Map<String, String> rejectedChannels() {
        Map<String, String> rejected = new TreeMap<>();
        subscriptions.forEach(subscription -> rejected.putAll(subscription.channelErrors()));
        return rejected;
    }

    /** The pins claimed now. */
    synchronized List<String> claimedPins() {
        return bank == null ? List.of() : bank.claimed();
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public DriverState state() {
        return state;
    }

    @Override
    public String stateReason() {
        return reason;
    }

    @Override
    public CompletableFuture<Void> connect() {
        return CompletableFuture.supplyAsync(() -> {
            open();
            if (state != DriverState.CONNECTED) {
                throw new java.util.concurrent.CompletionException(new DriverException(instance + ": " + reason));
            }
            return null;
        }, executor);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return CompletableFuture.runAsync(() -> close(DriverState.DISCONNECTED, "disconnected by request"), executor);
    }

    @Override
    public CompletableFuture<List<ChannelReading>> read(List<ChannelConfig> channels) {
        return CompletableFuture.supplyAsync(() -> {
            PinBank open = openBank();
            List<ChannelReading> readings = new ArrayList<>();
            for (ChannelConfig channel : channels) {
                try {
                    readings.add(open.standing(ChannelSpec.of(channel)).read());
                } catch (DriverException e) {
                    readings.add(ChannelReading.bad(channel.name(), Instant.now(), e.getMessage()));
                }
            }
            return readings;
        }, executor);
    }

    @Override
    public CompletableFuture<List<WriteResult>> write(List<ChannelWrite> writes) {
        return CompletableFuture.supplyAsync(() -> {
            PinBank open = openBank();
            List<WriteResult> results = new ArrayList<>();
            for (ChannelWrite write : writes) {
                ChannelConfig channel = write.channel();
                try {
                    if (!channel.mode().canWrite()) {
                        throw new DriverException("channel '" + channel.name() + "' is " + channel.mode()
                                + "; only WRITE and READ_WRITE channels can be written");
                    }
                    results.add(open.standing(ChannelSpec.of(channel)).write(write.value()));
                } catch (DriverException e) {
                    results.add(WriteResult.failed(channel.name(), e.getMessage()));
                }
            }
            return results;
        }, executor);
    }

    private synchronized PinBank openBank() {
        if (bank == null) {
            throw new java.util.concurrent.CompletionException(new DriverException(
                    "GPIO driver " + instance + " is " + state + (reason.isEmpty() ? "" : ": " + reason)));
        }
        return bank;
    }

    @Override
    public DriverSubscription subscribe(List<ChannelConfig> channels, ChannelListener listener) {
        GpioSubscription[] self = new GpioSubscription[1];
        self[0] = new GpioSubscription(channels, listener, () -> subscriptions.remove(self[0]));
        synchronized (this) {
            subscriptions.add(self[0]);
            if (bank != null) {
                self[0].attach(bank);
            }
        }
        return self[0];
    }
}
