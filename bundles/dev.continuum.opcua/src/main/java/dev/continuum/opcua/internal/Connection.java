package dev.continuum.opcua.internal;

import dev.continuum.api.driver.DriverException;
import dev.continuum.api.driver.DriverState;
import dev.continuum.opcua.internal.ClientFactory.Link;
import dev.continuum.opcua.internal.ClientFactory.UntrustedServerException;
import dev.continuum.opcua.internal.EndpointSelector.ConfigurationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine of one driver instance. All transitions run on the instance's own
 * single-threaded {@code scheduler}, so no two attempts overlap.
 *
 * <pre>
 * DISCONNECTED --start--> CONNECTING --ok--> CONNECTED --session lost--> CONNECTING (retry)
 *                         CONNECTING --unreachable, untrusted--> CONNECTING (retry after back-off)
 *                         CONNECTING --configuration cannot work--> FAILED (until start() again)
 * any --stop--> DISCONNECTED
 * </pre>
 *
 * <p>A lost session is not left to Milo's own reconnection (its back-off grows to many seconds):
 * the client is discarded and a new one made with this class's capped back-off; {@link Listener}
 * re-creates the subscriptions on every new client. Nothing is buffered while disconnected.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** Told about clients coming and going, on the scheduler thread. */
    interface Listener {
        void connected(OpcUaClient client);

        void disconnected();
    }

    private final String name;
    private final ClientFactory factory;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Backoff backoff;
    private volatile DriverState state = DriverState.DISCONNECTED;
    private volatile String reason = "not started";
    private volatile Link link;
    private ScheduledFuture<?> pending;
    private CompletableFuture<Void> waiting = new CompletableFuture<>();
    private long generation;

    Connection(String name, ClientFactory factory, ScheduledExecutorService scheduler, Listener listener,
            long minDelay, long maxDelay) {
        this.name = name;
        this.factory = factory;
        this.scheduler = scheduler;
        this.listener = listener;
        this.backoff = new Backoff(minDelay, maxDelay);
    }

    DriverState state() {
        return state;
    }

    String reason() {
        return state == DriverState.CONNECTED ? "" : reason;
    }

    /** The connected client, or {@code null}. */
    OpcUaClient client() {
        Link current = link;
        return current == null || state != DriverState.CONNECTED ? null : current.client();
    }

    /** Starts (or restarts) connecting; completes when connected. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (state == DriverState.CONNECTED) {
                result.complete(null);
                return;
            }
            waiting.whenComplete((v, e) -> complete(result, e));
            if (state != DriverState.CONNECTING) {
                backoff.reset();
                state = DriverState.CONNECTING;
                schedule(0);
            }
        });
        return result;
    }

    /** Disconnects and stops retrying. */
    CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(() -> {
            generation++;
            cancelPending();
            drop("stopped");
            state = DriverState.DISCONNECTED;
            reason = "disconnected on request";
        }, scheduler);
    }

    private void schedule(long delay) {
        cancelPending();
        long attempt = generation;
        pending = scheduler.schedule(() -> attempt(attempt), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(long attempt) {
        if (attempt != generation || state != DriverState.CONNECTING) {
            return;
        }
        try {
            Link connected = factory.connect();
            link = connected;
            backoff.reset();
            state = DriverState.CONNECTED;
            reason = "";
            connected.client().addSessionActivityListener(new SessionActivityListener() {
                @Override
                public void onSessionInactive(UaSession session) {
                    scheduler.execute(() -> lost(connected));
                }
            });
            LOG.info("OPC UA {}: connected to {}", name, connected.client().getConfig().getEndpoint().getEndpointUrl());
            listener.connected(connected.client());
            complete(waiting, null);
        } catch (ConfigurationException e) {
            state = DriverState.FAILED;
            reason = e.getMessage();
            LOG.error("OPC UA {}: {}", name, reason);
            fail(e.getMessage());
        } catch (Exception e) {
            reason = describe(e);
            long delay = backoff.next();
            if (e instanceof UntrustedServerException) {
                LOG.error("OPC UA {}: {}", name, reason);
                fail(reason);
            } else {
                LOG.warn("OPC UA {}: cannot connect ({}); retrying in {} ms", name, reason, delay);
            }
            schedule(delay);
        }
    }

    private void lost(Link lostLink) {
        if (link != lostLink || state != DriverState.CONNECTED) {
            return;
        }
        LOG.warn("OPC UA {}: session lost; reconnecting", name);
        drop("session lost");
        state = DriverState.CONNECTING;
        reason = "session lost; reconnecting";
        backoff.reset();
        schedule(backoff.next());
    }

    private void drop(String why) {
        Link current = link;
        link = null;
        if (current != null) {
            listener.disconnected();
            current.close();
            LOG.debug("OPC UA {}: client closed ({})", name, why);
        }
    }

    private void fail(String message) {
        CompletableFuture<Void> failed = waiting;
        waiting = new CompletableFuture<>();
        failed.completeExceptionally(new DriverException(name + ": " + message));
    }

    private void complete(CompletableFuture<Void> future, Throwable error) {
        if (future == waiting && error == null) {
            waiting = new CompletableFuture<>();
        }
        if (error == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(error);
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
