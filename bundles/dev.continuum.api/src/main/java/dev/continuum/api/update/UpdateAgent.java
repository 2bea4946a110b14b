package dev.continuum.api.update;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Applies signed updates without restarting the gateway: one implementation behind the MQTT
 * (Kura DEPLOY-V2) and REST management interfaces.
 *
 * <p><b>Apply.</b> Fetch the manifest (bounded), verify its signature, expiry, target and version; stream
 * each artifact bounded by its declared size while hashing it; check the set; install (Deployment Admin
 * for packages, the inference service for models); then the health gate: every bundle of the package
 * ACTIVE, none of its components failed, and the gateway's health not DOWN for the configured window.
 * If the install or the gate fails, the previous version (or none) is restored automatically and the
 * future fails with {@link UpdateException.Reason#ROLLED_BACK} naming why.
 *
 * <p><b>Concurrency.</b> One update at a time: a second {@link #apply} while one runs fails at once with
 * {@link UpdateException.Reason#BUSY}. Thread-safe; listeners are called on the agent's worker thread
 * and must return quickly.
 */
@ProviderType
public interface UpdateAgent {

    /**
     * Starts an update.
     *
     * @param request what to apply
     * @param progress receives every step, on the agent's thread
     * @return completes with the result once committed, or exceptionally with an {@link UpdateException}
     */
    CompletableFuture<UpdateResult> apply(UpdateRequest request, Consumer<UpdateProgress> progress);

    /** Uninstalls a deployment package by name; the package's bundles are stopped and removed. */
    void uninstall(String name) throws UpdateException;

    /** The installed deployment packages (the system package excluded). */
    List<InstalledPackage> packages();

    /** Whether an update is running now. */
    boolean busy();
}
