package dev.continuum.update.internal.agent;

import dev.continuum.api.health.GatewayHealth;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.update.InstalledPackage;
import dev.continuum.api.update.UpdateAgent;
import dev.continuum.api.update.UpdateException;
import dev.continuum.api.update.UpdateException.Reason;
import dev.continuum.api.update.UpdateManifest;
import dev.continuum.api.update.UpdateProgress;
import dev.continuum.api.update.UpdateProgress.Phase;
import dev.continuum.api.update.UpdateRequest;
import dev.continuum.api.update.UpdateResult;
import dev.continuum.update.internal.dp.DpContents;
import dev.continuum.update.internal.fetch.Fetcher;
import dev.continuum.update.internal.manifest.Keys;
import dev.continuum.update.internal.manifest.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The update agent: one update at a time on its own worker thread; see {@link UpdateAgent}. */
@Component(service = UpdateAgent.class, configurationPid = AgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfig.class)
public final class UpdateAgentImpl implements UpdateAgent {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateAgentImpl.class);

    private final AgentConfig config;
    private final DeploymentAdmin admin;
    private final Verifier verifier;
    private final Fetcher fetcher;
    private final Target target;
    private final PackageStore store;
    private final PackageInstaller packages;
    private final ModelInstaller models;
    private final ExecutorService worker;
    private final AtomicBoolean busy = new AtomicBoolean();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile InferenceService inference;

    @Activate
    public UpdateAgentImpl(BundleContext context, AgentConfig config, @Reference DeploymentAdmin admin,
            @Reference GatewayHealth health, @Reference ServiceComponentRuntime scr) throws IOException {
        this.config = config;
        this.admin = admin;
        List<PublicKey> anchors = new ArrayList<>();
        for (String anchor : config.trustAnchors() == null ? new String[0] : config.trustAnchors()) {
            if (!anchor.isBlank()) {
                anchors.add(Keys.publicKey(anchor));
            }
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException(AgentConfig.PID + ": trustAnchors is empty; give at least one base64"
                    + " X.509 Ed25519 public key (see docs/updates.md)");
        }
        this.verifier = new Verifier(anchors);
        this.fetcher = new Fetcher(config.connectTimeoutMillis(), config.readTimeoutMillis());
        this.target = new Target(context);
        this.store = new PackageStore(config.storeDirectory().isBlank()
                ? Paths.get(context.getProperty("continuum.data") == null ? "data" : context.getProperty("continuum.data"))
                        .resolve("updates")
                : Paths.get(config.storeDirectory()));
        HealthGate gate = new HealthGate(health, scr, config.activationTimeoutMillis(), config.healthWindowMillis());
        this.packages = new PackageInstaller(admin, gate, store);
        this.models = new ModelInstaller(gate);
        packages.recover();
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "update-agent");
            thread.setDaemon(true);
            return thread;
        });
        LOG.debug("update agent started: trust anchors {}", verifier.anchors().keySet());
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        LOG.debug("update agent stopped");
    }

    @Override
    public CompletableFuture<UpdateResult> apply(UpdateRequest request, Consumer<UpdateProgress> progress) {
        if (!busy.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new UpdateException(Reason.BUSY, "another update is running;"
                    + " one at a time, try again when it finished"));
        }
        CompletableFuture<UpdateResult> result = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                UpdateResult committed = null;
                Throwable failure = null;
                try {
                    committed = run(request, progress);
                } catch (UpdateException e) {
                    LOG.warn("update from {} requested by '{}' refused: {}", request.manifest(), request.requester(),
                            e.toString());
                    progress.accept(new UpdateProgress(request.manifest().toString(), Phase.FAILED, 100, 0,
                            e.reason() + ": " + e.getMessage()));
                    failure = e;
                } catch (InterruptedException e) {
                    failure = new UpdateException(Reason.DOWNLOAD_FAILED, "the update agent stopped");
                } catch (RuntimeException e) {
                    failure = e;
                }
                // Free the agent before completing, so that a caller may start the next update at once.
                busy.set(false);
                if (failure == null) {
                    result.complete(committed);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            busy.set(false);
            result.completeExceptionally(new UpdateException(Reason.BUSY, "the update agent is stopping"));
        }
        return result;
    }

    private UpdateResult run(UpdateRequest request, Consumer<UpdateProgress> progress)
            throws UpdateException, InterruptedException {
        String label = request.manifest().toString();
        progress.accept(new UpdateProgress(label, Phase.VERIFYING_MANIFEST, 0, 0, "fetching " + label));
        byte[] signed = fetcher.read(request.manifest(), config.maxManifestBytes());
        UpdateManifest manifest = verifier.verify(signed, target.gateway(), name -> target.installed(admin,
                inference, name), request.forceDowngrade());
        LOG.info("update {} {} signed by {} requested by '{}'", manifest.name(), manifest.version(), manifest.keyId(),
                request.requester());
        List<Path> files = new Staging(fetcher, store.staging(), config.maxArtifactBytes())
                .download(request.manifest(), manifest, progress);
        PackageInstaller.Steps steps = (phase, message) ->
                progress.accept(new UpdateProgress(manifest.name(), phase, 0, 0, message));
        UpdateResult result;
        try {
            if (manifest.kind() == UpdateManifest.Kind.PACKAGE) {
                if (files.size() != 1) {
                    throw new UpdateException(Reason.MIXED_SET, "a package update pins exactly one .dp artifact, got "
                            + files.size());
                }
                DpContents.read(files.get(0)).requireMatches(manifest);
                result = packages.install(manifest, files.get(0), steps);
            } else {
                result = models.install(inference, manifest, files, request.shadow(), steps);
            }
        } finally {
            Staging.delete(files);
        }
        progress.accept(new UpdateProgress(manifest.name(), Phase.COMMITTED, 100, 0, manifest.name() + " "
                + manifest.version() + " committed"));
        return result;
    }

    @Override
    public void uninstall(String name) throws UpdateException {
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        if (dp == null) {
            throw new UpdateException(Reason.NOT_FOUND, "no deployment package '" + name + "' is installed; installed: "
                    + packages().stream().map(InstalledPackage::name).toList());
        }
        try {
            dp.uninstall();
            store.forget(name);
            LOG.info("package {} {} uninstalled", name, dp.getVersion());
        } catch (DeploymentException | IOException e) {
            throw new UpdateException(Reason.ROLLBACK_FAILED, "uninstall of " + name + " failed: " + e, e);
        }
    }

    @Override
    public List<InstalledPackage> packages() {
        List<InstalledPackage> list = new ArrayList<>();
        for (DeploymentPackage dp : admin.listDeploymentPackages()) {
            List<UpdateManifest.PinnedBundle> bundles = new ArrayList<>();
            for (BundleInfo info : dp.getBundleInfos()) {
                bundles.add(new UpdateManifest.PinnedBundle(info.getSymbolicName(), info.getVersion().toString()));
            }
            list.add(new InstalledPackage(dp.getName(), dp.getVersion().toString(), bundles));
        }
        return list;
    }

    @Override
    public boolean busy() {
        return busy.get();
    }
}
