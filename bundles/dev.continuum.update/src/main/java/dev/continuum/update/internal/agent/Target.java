package dev.continuum.update.internal.agent;

import dev.continuum.api.inference.InferenceService;
import dev.continuum.update.internal.manifest.Verifier;
import java.time.Instant;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * This gateway as an update target: its profile ({@code continuum.profile}), its version
 * ({@code continuum.version}, else the version of the core bundle) and what it has installed.
 */
final class Target {

    static final String PROFILE = "continuum.profile";
    static final String VERSION = "continuum.version";
    private static final String CORE = "dev.continuum.core";

    private final BundleContext context;

    Target(BundleContext context) {
        this.context = context;
    }

    Verifier.Gateway gateway() {
        String profile = context.getProperty(PROFILE);
        return new Verifier.Gateway(profile == null ? "" : profile, version(), Instant.now());
    }

    private Version version() {
        String configured = context.getProperty(VERSION);
        if (configured != null && !configured.isBlank()) {
            return Version.parseVersion(configured);
        }
        for (Bundle bundle : context.getBundles()) {
            if (CORE.equals(bundle.getSymbolicName())) {
                return bundle.getVersion();
            }
        }
        return context.getBundle().getVersion();
    }

    /** The installed version of a package or model called {@code name}, if any. */
    Optional<Version> installed(DeploymentAdmin admin, InferenceService inference, String name) {
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        if (dp != null) {
            return Optional.of(dp.getVersion());
        }
        if (inference != null) {
            return inference.status(name).flatMap(status -> {
                try {
                    return Optional.of(Version.parseVersion(status.activeVersion()));
                } catch (IllegalArgumentException notComparable) {
                    return Optional.empty();
                }
            });
        }
        return Optional.empty();
    }
}
