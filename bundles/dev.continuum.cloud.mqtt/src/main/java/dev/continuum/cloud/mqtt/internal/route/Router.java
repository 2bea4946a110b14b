package dev.continuum.cloud.mqtt.internal.route;

import dev.continuum.api.cloud.Accepted;
import dev.continuum.api.cloud.CloudEndpoint;
import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.cloud.CloudRoute;
import dev.continuum.api.cloud.ConnectionState;
import dev.continuum.api.cloud.EndpointStatus;
import dev.continuum.api.cloud.RouteStatus;
import dev.continuum.cloud.mqtt.internal.endpoint.MqttEndpoint;
import java.time.Instant;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A composite route ({@link RouteConfig}): registers itself as a {@link CloudRoute} with the
 * {@link CloudPublisher#ROUTE} property of its name and hands each message to the endpoint its policy
 * chooses. FAILOVER checks the primary every {@value #CHECK_MILLIS} ms; each move is logged with its reason
 * and counted in {@link #status()}. Messages already in an endpoint's outbox stay there.
 */
@Component(service = {}, configurationPid = RouteConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RouteConfig.class, factory = true)
public final class Router implements CloudRoute {

    static final long CHECK_MILLIS = 200;
    /** How old the primary's round trip may get while it is out of use before a probe measures it again. */
    static final long PROBE_STALE_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, CloudPublisher> publishers = new ConcurrentHashMap<>();
    private final Map<String, CloudEndpoint> endpoints = new ConcurrentHashMap<>();
    private final String name;
    private final boolean both;
    private final String primary;
    private final String secondary;
    private final Failover failover;
    private final ScheduledExecutorService checker;
    private ServiceRegistration<?> registration;
    private BundleContext context;
    private boolean deactivated;

    /**
     * Activated by constructor, so the endpoints are bound only after it returns: the route registers itself once
     * both are bound, or {@value #CHECK_MILLIS} ms after activation with whatever is bound then, never earlier
     * (a route registered before its endpoints were bound refused its first messages with NO_ROUTE).
     */
    @Activate
    public Router(BundleContext context, RouteConfig config) {
        this(config, System::currentTimeMillis);
        this.context = context;
        checker.schedule(this::register, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void register() {
        if (context != null && registration == null && !deactivated) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ROUTE, name);
            registration = context.registerService(new String[] {CloudPublisher.class.getName(),
                CloudRoute.class.getName()}, this, properties);
        }
    }

    Router(RouteConfig config, LongSupplier clock) {
        this.name = config.name();
        this.both = "BOTH".equalsIgnoreCase(config.policy());
        if (!both && !"FAILOVER".equalsIgnoreCase(config.policy())) {
            throw new IllegalArgumentException("route " + name + ": policy must be FAILOVER or BOTH, not '"
                    + config.policy() + "'");
        }
        if (config.primary().equals(config.secondary())) {
            throw new IllegalArgumentException("route " + name + ": primary and secondary are both '" + config.primary()
                    + "'");
        }
        this.primary = config.primary();
        this.secondary = config.secondary();
        this.failover = new Failover(name, primary, secondary, config.failoverAfterMillis(), config.failbackAfterMillis(),
                config.rttBudgetMillis(), clock);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "continuum-route-" + name);
            thread.setDaemon(true);
            return thread;
        });
        if (!both) {
            checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        checker.shutdownNow();
        synchronized (this) {
            deactivated = true;
            if (registration != null) {
                registration.unregister();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ENDPOINT + "=*)")
    void addPublisher(CloudPublisher publisher, Map<String, Object> properties) {
        publishers.put(String.valueOf(properties.get(ENDPOINT)), publisher);
        if (publisher instanceof CloudEndpoint endpoint) {
            endpoints.put(String.valueOf(properties.get(ENDPOINT)), endpoint);
        }
        if (publishers.containsKey(primary) && publishers.containsKey(secondary)) {
            register();
        }
    }

    void removePublisher(CloudPublisher publisher, Map<String, Object> properties) {
        publishers.remove(String.valueOf(properties.get(ENDPOINT)), publisher);
        if (publisher instanceof CloudEndpoint endpoint) {
            endpoints.remove(String.valueOf(properties.get(ENDPOINT)), endpoint);
        }
    }

    void check() {
        try {
            CloudEndpoint endpoint = endpoints.get(primary);
            failover.observe(endpoint == null ? null : endpoint.status());
            if (failover.rttBudget > 0 && !failover.onPrimary && endpoint instanceof MqttEndpoint mqtt) {
                // no data reaches the primary now: probes keep its round trip measured, so that it can return
                mqtt.probeRoundTrip(PROBE_STALE_MILLIS);
            }
        } catch (RuntimeException e) {
            LOG.warn("route {}: checking {} failed: {}", name, primary, e.toString());
        }
    }

    @Override
    public CompletionStage<Accepted> publish(CloudMessage message) {
        if (both) {
            return publishBoth(message);
        }
        String target = failover.active();
        CloudPublisher publisher = publishers.get(target);
        if (publisher == null) {
            // The chosen endpoint is not configured (yet): the other one, rather than nothing.
            target = target.equals(primary) ? secondary : primary;
            publisher = publishers.get(target);
        }
        if (publisher == null) {
            return noRoute();
        }
        return publisher.publish(message);
    }

    private CompletionStage<Accepted> publishBoth(CloudMessage message) {
        CloudPublisher first = publishers.get(primary);
        CloudPublisher second = publishers.get(secondary);
        if (first == null || second == null) {
            return first == null && second == null ? noRoute() : (first != null ? first : second).publish(message);
        }
        CompletableFuture<Accepted> a = first.publish(message).toCompletableFuture();
        CompletableFuture<Accepted> b = second.publish(message).toCompletableFuture();
        return a.thenCombine(b, (x, y) -> x);
    }

    private CompletionStage<Accepted> noRoute() {
        return CompletableFuture.failedFuture(new CloudException(CloudException.Reason.NO_ROUTE, "route " + name
                + ": neither endpoint '" + primary + "' nor '" + secondary + "' is configured"));
    }

    @Override
    public RouteStatus status() {
        if (both) {
            return new RouteStatus(name, "BOTH", primary + "," + secondary, 0, 0, "", null);
        }
        return failover.status();
    }

    /** The FAILOVER decision: a small state machine over the primary's observed health, with hysteresis. */
    static final class Failover {
        private final String route;
        private final String primary;
        private final String secondary;
        private final long failoverAfter;
        private final long failbackAfter;
        private final long rttBudget;
        private final LongSupplier clock;
        private volatile boolean onPrimary = true;
        private long changedSince = -1;
        private long failovers;
        private long failbacks;
        private String lastDecision = "";
        private Instant lastDecisionAt;

        Failover(String route, String primary, String secondary, long failoverAfter, long failbackAfter, long rttBudget,
                LongSupplier clock) {
            this.route = route;
            this.primary = primary;
            this.secondary = secondary;
            this.failoverAfter = failoverAfter;
            this.failbackAfter = failbackAfter;
            this.rttBudget = rttBudget;
            this.clock = clock;
        }

        String active() {
            return onPrimary ? primary : secondary;
        }

        /** One observation of the primary ({@code null}: not configured). */
        synchronized void observe(EndpointStatus status) {
            String problem = problem(status);
            long now = clock.getAsLong();
            boolean healthy = problem == null;
            if (healthy == onPrimary) {
                changedSince = -1; // as it should be: nothing to decide
                return;
            }
            if (changedSince < 0) {
                changedSince = now;
            }
            long lasting = now - changedSince;
            if (onPrimary && lasting >= failoverAfter) {
                onPrimary = false;
                failovers++;
                decide("failed over from " + primary + " to " + secondary + ": " + problem + " for " + lasting + " ms",
                        true);
            } else if (!onPrimary && lasting >= failbackAfter) {
                onPrimary = true;
                failbacks++;
                decide("returned to " + primary + ": healthy again for " + lasting + " ms", false);
            }
        }

        private String problem(EndpointStatus status) {
            if (status == null) {
                return primary + " is not configured";
            }
            if (status.state() != ConnectionState.CONNECTED) {
                return primary + " is " + status.state() + (status.lastError() == null || status.lastError().isEmpty()
                        ? "" : " (" + status.lastError() + ")");
            }
            if (rttBudget > 0 && status.rttMillis() > rttBudget) {
                return primary + " round trip " + status.rttMillis() + " ms over its budget of " + rttBudget + " ms";
            }
            return null;
        }

        private void decide(String decision, boolean warn) {
            changedSince = -1;
            lastDecision = decision;
            lastDecisionAt = Instant.ofEpochMilli(clock.getAsLong());
            if (warn) {
                LOG.warn("route {}: {}", route, decision);
            } else {
                LOG.info("route {}: {}", route, decision);
            }
        }

        synchronized RouteStatus status() {
            return new RouteStatus(route, "FAILOVER", active(), failovers, failbacks, lastDecision, lastDecisionAt);
        }
    }
}
