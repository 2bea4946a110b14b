package dev.continuum.opcua.internal;

import dev.continuum.api.driver.BrowseNode;
import dev.continuum.api.driver.ChannelConfig;
import dev.continuum.api.driver.ChannelListener;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.ChannelWrite;
import dev.continuum.api.driver.Driver;
import dev.continuum.api.driver.DriverException;
import dev.continuum.api.driver.DriverState;
import dev.continuum.api.driver.DriverSubscription;
import dev.continuum.api.driver.WriteResult;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.opcua.internal.EndpointSelector.ConfigurationException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.felix.hc.api.HealthCheck;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
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
 * The OPC UA driver: one instance per factory configuration of {@value #PID} (one server endpoint).
 * It registers a health check named {@code OPC UA <instance>} beside itself.
 */
@Component(service = Driver.class, configurationPid = OpcUaDriver.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Driver.PROTOCOL + "=opcua")
@Designate(ocd = DriverConfig.class, factory = true)
public final class OpcUaDriver implements Driver, Connection.Listener {

    static final String PID = "dev.continuum.opcua";
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaDriver.class);

    private final String instance;
    private final DriverConfig config;
    private final MiloThreads threads;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService operations;
    private final Connection connection;
    private final Set<LiveSubscription> subscriptions = new CopyOnWriteArraySet<>();
    private final ServiceRegistration<HealthCheck> health;
    private final String configurationError;

    @Activate
    public OpcUaDriver(DriverConfig config, BundleContext context) throws Exception {
        this.config = config;
        this.instance = config.driver_instance();
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("OPC UA driver configuration without driver.instance (its name)");
        }
        // Aes256_Sha256_RsaPss signs with SHA256withRSA/PSS, which only BouncyCastle provides by that name.
        // A "BC" left by an earlier class loader (a BouncyCastle bundle that was updated or a framework that
        // was restarted in this JVM) cannot handle our keys: replace it with the one this bundle wires to.
        java.security.Provider registered = java.security.Security.getProvider("BC");
        if (registered == null || registered.getClass() != org.bouncycastle.jce.provider.BouncyCastleProvider.class) {
            if (registered != null) {
                java.security.Security.removeProvider("BC");
            }
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        String data = context.getProperty("continuum.data");
        Path pki = Path.of(data == null ? "data" : data, "opcua", "pki");
        this.threads = new MiloThreads(instance);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "opcua-" + instance));
        this.operations = Executors.newSingleThreadExecutor(r -> daemon(r, "opcua-" + instance + "-browse"));
        ClientFactory factory = null;
        String error = "";
        try {
            factory = new ClientFactory(config, pki, new TrustStore(pki), threads);
        } catch (ConfigurationException e) {
            error = e.getMessage();
            LOG.error("OPC UA {}: {}", instance, error);
        }
        this.configurationError = error;
        this.connection = factory == null ? null : new Connection(instance, factory, scheduler, this,
                config.reconnectMinDelay(), config.reconnectMaxDelay());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, "OPC UA " + instance);
        properties.put(HealthCheck.TAGS, new String[] {GatewayHealth.TAG, "opcua"});
        this.health = context.registerService(HealthCheck.class, new DriverHealthCheck(this), properties);
        if (connection != null) {
            connection.start();
        }
    }

    @Deactivate
    void deactivate() {
        health.unregister();
        if (connection != null) {
            try {
                connection.stop().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("OPC UA {}: disconnect did not finish: {}", instance, Connection.describe(e));
            }
        }
        operations.shutdownNow();
        scheduler.shutdownNow();
        threads.close();
        LOG.debug("OPC UA {}: deactivated", instance);
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public DriverState state() {
        return connection == null ? DriverState.FAILED : connection.state();
    }

    @Override
    public String stateReason() {
        return connection == null ? configurationError : connection.reason();
    }

    int subscribedChannels() {
        return subscriptions.stream().mapToInt(s -> s.channelsByName().size()).sum();
    }

    java.util.Map<String, String> channelErrors() {
        java.util.Map<String, String> errors = new java.util.TreeMap<>();
        subscriptions.forEach(s -> errors.putAll(s.channelErrors()));
        return errors;
    }

    @Override
    public CompletableFuture<Void> connect() {
        return connection == null ? CompletableFuture.failedFuture(new DriverException(instance + ": " + configurationError))
                : connection.start();
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return connection == null ? CompletableFuture.completedFuture(null) : connection.stop();
    }

    @Override
    public CompletableFuture<List<ChannelReading>> read(List<ChannelConfig> channels) {
        return withClient(client -> Operations.read(client, channels));
    }

    @Override
    public CompletableFuture<List<WriteResult>> write(List<ChannelWrite> writes) {
        return withClient(client -> Operations.write(client, writes));
    }

    @Override
    public CompletableFuture<BrowseNode> browse(String start, int maxDepth, int maxNodes) {
        return withClient(client -> CompletableFuture.supplyAsync(() -> {
            try {
                return Browser.browse(client, start, maxDepth, maxNodes);
            } catch (DriverException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, operations));
    }

    @Override
    public DriverSubscription subscribe(List<ChannelConfig> channels, ChannelListener listener) {
        LiveSubscription subscription = new LiveSubscription(channels, listener, config, this::closed);
        subscriptions.add(subscription);
        scheduler.execute(() -> {
            OpcUaClient client = connection == null ? null : connection.client();
            if (client != null && !subscription.isClosed()) {
                subscription.create(client);
            }
        });
        return subscription;
    }

    private void closed(LiveSubscription subscription) {
        if (subscriptions.remove(subscription)) {
            scheduler.execute(subscription::delete);
        }
    }

    @Override
    public void connected(OpcUaClient client) {
        long start = System.nanoTime();
        for (LiveSubscription subscription : subscriptions) {
            subscription.create(client);
        }
        LOG.info("OPC UA {}: {} subscriptions with {} channels created in {} ms", instance, subscriptions.size(),
                subscribedChannels(), (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void disconnected() {
        subscriptions.forEach(LiveSubscription::forget);
    }

    private <T> CompletableFuture<T> withClient(Function<OpcUaClient, CompletableFuture<T>> action) {
        OpcUaClient client = connection == null ? null : connection.client();
        if (client == null) {
            return CompletableFuture.failedFuture(new DriverException(instance + " is not connected ("
                    + state() + (stateReason().isEmpty() ? "" : ": " + stateReason()) + ")"));
        }
        return action.apply(client);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
