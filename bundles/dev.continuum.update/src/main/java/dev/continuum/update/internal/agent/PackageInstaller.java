package dev.continuum.update.internal.agent;

import dev.continuum.api.health.HealthStatus;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.api.update.UpdateResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs a verified package through Deployment Admin, gates it on health and rolls back when it fails. */
final class PackageInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(PackageInstaller.class);

    /** Where the installer reports its phases. */
    interface Steps {
        void step(Phase phase, String message);
    }

    private final DeploymentAdmin admin;
    private final HealthGate gate;
    private final PackageStore store;

    PackageInstaller(DeploymentAdmin admin, HealthGate gate, PackageStore store) {
        this.admin = admin;
        this.gate = gate;
        this.store = store;
    }

    UpdateResult install(UpdateManifest manifest, Path dp, Steps steps) throws UpdateException, InterruptedException {
        DeploymentPackage current = admin.getDeploymentPackage(manifest.name());
        String previous = current == null ? null : current.getVersion().toString();
        Optional<Path> previousFile = previous == null ? Optional.empty() : store.retained(manifest.name(), previous);
        if (previous != null && previousFile.isEmpty()) {
            LOG.warn("update {}: installed version {} was not installed by the update agent; it cannot be restored"
                    + " if this update fails", manifest.name(), previous);
        }
        Map<String, HealthStatus> baseline = gate.baseline();
        long start = System.nanoTime();
        long[] healthyAt = new long[1];
        steps.step(Phase.INSTALLING, "installing " + manifest.name() + " " + manifest.version());
        DeploymentPackage installed;
        try {
            store.begin(manifest.name(), manifest.version(), previous);
            try (InputStream in = Files.newInputStream(dp)) {
                installed = admin.installDeploymentPackage(in);
            }
        } catch (DeploymentException e) {
            journalEnd();
            throw new UpdateException(Reason.ROLLED_BACK, "Deployment Admin refused " + manifest.name() + " "
                    + manifest.version() + " (code " + e.getCode() + "): " + e.getMessage()
                    + "; it restored the previous state itself", e);
        } catch (IOException e) {
            journalEnd();
            throw new UpdateException(Reason.ROLLED_BACK, "cannot read the staged package: " + e, e);
        }
        steps.step(Phase.HEALTH_CHECK, "waiting for " + installed.getBundleInfos().length + " bundles and health");
        String problem = gate.await(bundles(installed), baseline, () -> healthyAt[0] = System.nanoTime());
        if (problem != null) {
            steps.step(Phase.ROLLING_BACK, problem);
            long rollbackStart = System.nanoTime();
            restore(manifest.name(), installed, previous, previousFile);
            long rollbackMillis = (System.nanoTime() - rollbackStart) / 1_000_000;
            journalEnd();
            throw new UpdateException(Reason.ROLLED_BACK, manifest.name() + " " + manifest.version()
                    + " failed its health gate (" + problem + "); restored "
                    + (previous == null ? "the state without it" : "version " + previous) + " in " + rollbackMillis + " ms");
        }
        try {
            store.keep(manifest.name(), manifest.version(), previous, dp);
        } catch (IOException e) {
            LOG.warn("update {}: committed, but keeping the package for later rollbacks failed: {}", manifest.name(),
                    e.toString());
        }
        journalEnd();
        LOG.info("update {} {} committed (installed and healthy in {} ms, replacing {})", manifest.name(),
                manifest.version(), (healthyAt[0] - start) / 1_000_000, previous == null ? "nothing" : previous);
        return new UpdateResult(manifest.name(), manifest.version(), Optional.ofNullable(previous),
                (healthyAt[0] - start) / 1_000_000);
    }

    /** Rolls back an update a crash interrupted (the journal survived): called once at start. */
    void recover() throws IOException {
        Optional<String[]> pending = store.pending();
        if (pending.isEmpty()) {
            return;
        }
        String name = pending.get()[0];
        String previous = pending.get()[2];
        DeploymentPackage installed = admin.getDeploymentPackage(name);
        String now = installed == null ? "" : installed.getVersion().toString();
        LOG.warn("update {}: an update to {} was interrupted (installed now: '{}'); restoring '{}'", name,
                pending.get()[1], now, previous);
        try {
            Optional<Path> previousFile = previous.isEmpty() ? Optional.empty() : store.retained(name, previous);
            if (!now.equals(previous)) {
                restore(name, installed, previous.isEmpty() ? null : previous, previousFile);
            } else if (installed != null) {
                // Deployment Admin's record was not changed yet, but it may have stopped the bundles and
                // updated some of them before the crash: bring every bundle back to the recorded version.
                repair(name, installed, previousFile);
            }
            LOG.info("update {}: recovered, {} is installed", name, previous.isEmpty() ? "nothing" : previous);
        } catch (UpdateException e) {
            LOG.error("update {}: {}", name, e.getMessage());
        }
        store.end();
    }

    /**
     * Makes the bundles of {@code dp} what Deployment Admin recorded: a bundle whose revision is another
     * version (updated before a crash) is updated back from the retained package file, and every bundle of
     * the package is started again.
     */
    private static void repair(String name, DeploymentPackage dp, Optional<Path> file) throws UpdateException {
        List<Bundle> updated = new ArrayList<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            // not dp.getBundle: Deployment Admin finds a bundle only at the version it recorded, and a bundle
            // the crash left at another version is exactly the one to restore
            Bundle bundle = bySymbolicName(info.getSymbolicName());
            if (bundle == null || bundle.getVersion().equals(info.getVersion())) {
                continue;
            }
            if (file.isEmpty()) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, name + ": bundle " + info.getSymbolicName() + " is at "
                        + bundle.getVersion() + ", not " + info.getVersion() + ", and the package is not kept to restore it");
            }
            try (JarFile jar = new JarFile(file.get().toFile())) {
                String entry = jar.getManifest().getEntries().entrySet().stream()
                        .filter(e -> info.getSymbolicName().equals(symbolicName(e.getValue())))
                        .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new UpdateException(Reason.ROLLBACK_FAILED,
                                name + ": the kept package has no bundle " + info.getSymbolicName()));
                org.osgi.framework.Version found = bundle.getVersion();
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    bundle.update(in);
                }
                updated.add(bundle);
                LOG.warn("update {}: bundle {} was left at {} by the crash; restored {}", name, info.getSymbolicName(),
                        found, info.getVersion());
            } catch (IOException | BundleException e) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, name + ": cannot restore bundle "
                        + info.getSymbolicName() + ": " + e, e);
            }
        }
        if (!updated.isEmpty()) {
            refresh(updated);
        }
        for (Bundle bundle : bundles(dp)) {
            try {
                if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            } catch (BundleException e) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, name + ": cannot start " + bundle.getSymbolicName()
                        + " again: " + e.getMessage(), e);
            }
        }
    }

    /** The installed bundle named {@code symbolicName}, at whatever version; {@code null} if there is none. */
    private static Bundle bySymbolicName(String symbolicName) {
        for (Bundle bundle : FrameworkUtil.getBundle(PackageInstaller.class).getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static String symbolicName(java.util.jar.Attributes attributes) {
        String bsn = attributes.getValue(Constants.BUNDLE_SYMBOLICNAME);
        return bsn == null ? null : bsn.split(";")[0].trim();
    }

    /** Refreshes {@code bundles} and waits (up to 30 s) for the refresh to finish. */
    private static void refresh(List<Bundle> bundles) throws UpdateException {
        Bundle system = FrameworkUtil.getBundle(PackageInstaller.class).getBundleContext().getBundle(0);
        CountDownLatch done = new CountDownLatch(1);
        system.adapt(FrameworkWiring.class).refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, "refreshing the restored bundles took over 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException(Reason.ROLLBACK_FAILED, "interrupted while refreshing the restored bundles", e);
        }
    }

    private void restore(String name, DeploymentPackage installed, String previous, Optional<Path> previousFile)
            throws UpdateException {
        try {
            if (previousFile.isPresent()) {
                try (InputStream in = Files.newInputStream(previousFile.get())) {
                    admin.installDeploymentPackage(in);
                }
            } else if (installed != null && previous == null) {
                if (!installed.uninstallForced()) {
                    throw new UpdateException(Reason.ROLLBACK_FAILED, "could not remove " + name);
                }
            } else if (previous != null) {
                throw new UpdateException(Reason.ROLLBACK_FAILED, name + " " + previous + " is not kept by the agent;"
                        + " it cannot be reinstalled");
            }
        } catch (DeploymentException | IOException e) {
            throw new UpdateException(Reason.ROLLBACK_FAILED, "rollback of " + name + " failed: " + e, e);
        }
    }

    private void journalEnd() {
        try {
            store.end();
        } catch (IOException e) {
            LOG.warn("update journal: {}", e.toString());
        }
    }

    static List<Bundle> bundles(DeploymentPackage dp) {
        List<Bundle> bundles = new ArrayList<>();
        for (BundleInfo info : dp.getBundleInfos()) {
            Bundle bundle = dp.getBundle(info.getSymbolicName());
            if (bundle != null) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }
}
