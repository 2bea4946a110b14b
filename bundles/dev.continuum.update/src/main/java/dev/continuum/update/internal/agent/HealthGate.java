package dev.continuum.update.internal.agent;

import dev.continuum.api.health.ComponentHealth;
import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.health.HealthStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Decides whether an install may be committed: every bundle of the package ACTIVE and none of its DS
 * components failed to activate, within the activation timeout and then throughout the observation
 * window, and no health check DOWN at the end of it that was not DOWN before the install.
 */
final class HealthGate {

    private static final long POLL_MILLIS = 20;

    private final GatewayHealth health;
    private final ServiceComponentRuntime scr;
    private final long activationTimeoutMillis;
    private final long windowMillis;

    HealthGate(GatewayHealth health, ServiceComponentRuntime scr, long activationTimeoutMillis, long windowMillis) {
        this.health = health;
        this.scr = scr;
        this.activationTimeoutMillis = activationTimeoutMillis;
        this.windowMillis = windowMillis;
    }

    /** Each health check's status now, to compare with after the install. */
    Map<String, HealthStatus> baseline() {
        Map<String, HealthStatus> statuses = new HashMap<>();
        for (ComponentHealth component : health.report().components()) {
            statuses.put(component.name(), component.status());
        }
        return statuses;
    }

    /**
     * Waits for the package to settle and watches it.
     *
     * @param healthy called once when the bundles are first all ACTIVE (to time install-to-healthy)
     * @return {@code null} when the install may be committed, else why not
     */
    String await(List<Bundle> bundles, Map<String, HealthStatus> baseline, Runnable healthy) throws InterruptedException {
        long deadline = System.nanoTime() + activationTimeoutMillis * 1_000_000;
        String problem;
        while ((problem = bundleProblem(bundles)) != null) {
            if (System.nanoTime() > deadline || notStarted(bundles)) {
                return problem + (notStarted(bundles) ? " (it failed to start)" : " after " + activationTimeoutMillis
                        + " ms");
            }
            Thread.sleep(POLL_MILLIS);
        }
        healthy.run();
        long end = System.nanoTime() + windowMillis * 1_000_000;
        while (System.nanoTime() < end) {
            if ((problem = bundleProblem(bundles)) != null) {
                return problem + " during the health window";
            }
            Thread.sleep(POLL_MILLIS);
        }
        return healthProblem(baseline);
    }

    /** Only the gateway's health checks, for updates that add no bundles (models). */
    String awaitHealth(Map<String, HealthStatus> baseline) throws InterruptedException {
        Thread.sleep(windowMillis);
        return healthProblem(baseline);
    }

    /**
     * Deployment Admin starts the bundles before it returns: one that is still only RESOLVED or INSTALLED
     * failed to start or to resolve, and waiting will not change that (STARTING, lazy activation, may).
     */
    private static boolean notStarted(List<Bundle> bundles) {
        return bundles.stream().anyMatch(bundle -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null
                && (bundle.getState() & (Bundle.RESOLVED | Bundle.INSTALLED | Bundle.UNINSTALLED)) != 0);
    }

    private String bundleProblem(List<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + state(bundle)
                        + ", not ACTIVE";
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return "component " + description.name + " of bundle " + bundle.getSymbolicName()
                                + " failed to activate: " + configuration.failure;
                    }
                }
            }
        }
        return null;
    }

    private String healthProblem(Map<String, HealthStatus> baseline) {
        for (ComponentHealth component : health.report().components()) {
            if (component.status() == HealthStatus.DOWN
                    && baseline.getOrDefault(component.name(), HealthStatus.UP) != HealthStatus.DOWN) {
                return "health check '" + component.name() + "' went DOWN: " + component.reason();
            }
        }
        return null;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED (unresolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "in state " + bundle.getState();
        };
    }
}
