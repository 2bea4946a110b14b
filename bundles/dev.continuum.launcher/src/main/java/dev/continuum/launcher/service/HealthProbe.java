package dev.continuum.launcher.service;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Reads the gateway's health from outside the framework.
 *
 * <p>The launcher does not see the API bundle's classes, so it calls
 * {@code dev.continuum.api.health.GatewayHealth.lastReport()} and the report's record accessors
 * reflectively. When no GatewayHealth service is registered (a runtime without the core bundle) the
 * health is the framework's: UP while it is ACTIVE, DOWN otherwise. The service is held by a tracker
 * from {@link #open()} to {@link #close()}: getting and releasing it per probe would deactivate and
 * reactivate a delayed component each time, and its report would always be the initial one.
 */
public final class HealthProbe implements AutoCloseable {

    static final String SERVICE = "dev.continuum.api.health.GatewayHealth";

    /** One component's health, or the gateway's. */
    public record Component(String name, String status, String reason) {
    }

    /**
     * A health snapshot.
     *
     * @param status UP, DEGRADED or DOWN
     * @param source {@code gateway} (the GatewayHealth service) or {@code framework} (its state only)
     * @param components every component's health, empty for {@code framework}
     */
    public record Snapshot(String status, String source, List<Component> components) {
        public boolean down() {
            return "DOWN".equals(status);
        }
    }

    private final BundleContext context;
    private final ServiceTracker<Object, Object> tracker;

    public HealthProbe(BundleContext context) {
        this.context = context;
        try {
            this.tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + SERVICE + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public HealthProbe open() {
        tracker.open(true);
        return this;
    }

    @Override
    public void close() {
        tracker.close();
    }

    public Snapshot probe() {
        Bundle framework = context.getBundle(0);
        if (framework.getState() != Bundle.ACTIVE) {
            return new Snapshot("DOWN", "framework", List.of());
        }
        Object health = tracker.getService();
        if (health == null) {
            return new Snapshot("UP", "framework", List.of());
        }
        try {
            return read(call(health, "lastReport"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Snapshot("DOWN", "gateway", List.of(new Component("Gateway", "DOWN",
                    "cannot read the health report: " + e)));
        }
    }

    static Snapshot read(Object report) throws ReflectiveOperationException {
        List<Component> components = new ArrayList<>();
        for (Object component : (Iterable<?>) call(report, "components")) {
            components.add(new Component(String.valueOf(call(component, "name")),
                    String.valueOf(call(component, "status")), String.valueOf(call(component, "reason"))));
        }
        return new Snapshot(String.valueOf(call(report, "status")), "gateway", components);
    }

    private static Object call(Object target, String accessor) throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(accessor);
        // The implementation class may be package-private inside its bundle; the method is public API.
        method.setAccessible(true);
        return method.invoke(target);
    }
}
