package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.cloud.mqtt.internal.transport.MqttTransport;
import dev.continuum.cloud.mqtt.internal.transport.TransportSettings;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle of one endpoint as an explicit state machine, driven on one thread:
 * DISCONNECTED → CONNECTING → CONNECTED, and on failure or loss WAITING (capped exponential backoff with
 * jitter) → CONNECTING; CLOSED is terminal. Transport callbacks only post events to that thread.
 */
final class ConnectionFsm implements MqttTransport.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFsm.class);

    /** What the endpoint does around state changes. */
    interface Hooks {
        /** Runs after the transport connected and before the session opens (BIRTH, subscriptions). */
        CompletableFuture<Void> onConnected(MqttTransport transport);

        void onMessage(String topic, byte[] payload);
    }

    private final String name;
    private final MqttTransport transport;
    private final Backoff backoff;
    private final int maxInflight;
    private final Hooks hooks;
    private final ScheduledExecutorService executor;
    private final AtomicLong connects = new AtomicLong();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Session session;
    private volatile String broker;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private long generation;
    private int failures;

    ConnectionFsm(String name, Function<MqttTransport.Listener, MqttTransport> transports, Backoff backoff,
            int maxInflight, Hooks hooks) {
        this.name = name;
        this.backoff = backoff;
        this.maxInflight = maxInflight;
        this.hooks = hooks;
        this.transport = transports.apply(this);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-connection-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        executor.execute(this::attempt);
    }

    private void attempt() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.CONNECTING;
        transport.connect().thenCompose(uri -> {
            broker = uri;
            return hooks.onConnected(transport);
        }).whenComplete((ignored, error) -> post(() -> {
            if (error == null) {
                connected();
            } else {
                failed("connect failed", error);
            }
        }));
    }

    private void connected() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        failures = 0;
        connects.incrementAndGet();
        state = ConnectionState.CONNECTED;
        // The broker's own in-flight limit (MQTT 5's Receive Maximum) less room for births, probes and
        // control replies: Paho refuses publishes beyond it, and a refused record waits for the next connection.
        int quota = transport.sendQuota();
        int window = quota >= maxInflight + TransportSettings.CONTROL_HEADROOM ? maxInflight
                : Math.max(1, Math.min(maxInflight, quota - Math.min(TransportSettings.CONTROL_HEADROOM, quota / 4)));
        synchronized (this) {
            session = Session.next(++generation, window);
            notifyAll();
        }
        if (window < maxInflight) {
            LOG.info("MQTT endpoint {} connected to {}; the broker takes {} messages in flight, so {} (not the"
                    + " configured maxInflight {}) are sent before their acknowledgements", name, broker, quota,
                    window, maxInflight);
        } else {
            LOG.info("MQTT endpoint {} connected to {}", name, broker);
        }
    }

    private void failed(String what, Throwable error) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        session = null;
        lastError = what + ": " + Errors.describe(error);
        lastErrorAt = Instant.now();
        long delay = backoff.delay(failures++);
        state = ConnectionState.WAITING;
        LOG.warn("MQTT endpoint {}: {}; next attempt in {} ms (attempt {})", name, lastError, delay, failures);
        executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void connectionLost(Throwable cause) {
        post(() -> {
            if (state == ConnectionState.CONNECTED) {
                failed("connection to " + broker + " lost", cause);
            }
        });
    }

    @Override
    public void messageArrived(String topic, byte[] payload) {
        hooks.onMessage(topic, payload);
    }

    private void post(Runnable event) {
        if (!executor.isShutdown()) {
            executor.execute(event);
        }
    }

    /** The open session, waiting up to {@code millis} for one; {@code null} if none. */
    Session awaitSession(long millis) throws InterruptedException {
        synchronized (this) {
            if (session == null && state != ConnectionState.CLOSED) {
                wait(millis);
            }
            return session;
        }
    }

    MqttTransport transport() {
        return transport;
    }

    /**
     * Closes: if connected, runs {@code goodbye} (the DC message), disconnects cleanly; then releases the
     * transport. Blocks up to a few seconds.
     */
    void close(Function<MqttTransport, CompletableFuture<Void>> goodbye) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            boolean wasConnected = state == ConnectionState.CONNECTED;
            state = ConnectionState.CLOSED;
            synchronized (this) {
                session = null;
                notifyAll();
            }
            if (wasConnected) {
                transport.stopHolding();
                goodbye.apply(transport).exceptionally(e -> null)
                        .thenCompose(ignored -> transport.disconnect(1000))
                        .whenComplete((ignored, e) -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("MQTT endpoint {}: clean disconnect did not finish: {}", name, e.toString());
        }
        state = ConnectionState.CLOSED;
        executor.shutdownNow();
        transport.close();
    }

    ConnectionState state() {
        return state;
    }

    String broker() {
        return broker;
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    long connects() {
        return connects.get();
    }
}
