package dev.continuum.api.inference;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs models from the gateway's model store in-process with ONNX Runtime.
 *
 * <p><b>Installing.</b> {@link #install(byte[], byte[])} writes a new version into the store and, in the
 * background, validates it: the file's SHA-256 matches the manifest, ONNX Runtime can load it, the
 * graph's inputs and outputs match the manifest's, and the golden vector reproduces within tolerance.
 * Only then does the version become active, by an atomic swap. A rejected version changes nothing: the
 * active version keeps serving, and the future fails with an {@link InferenceException} that names the
 * failed check.
 *
 * <p><b>Swapping.</b> A window is scored entirely by the version that was active when its scoring
 * began; the replaced version's session is closed only after its last in-flight window completed. No
 * window is dropped or scored twice by a swap.
 *
 * <p><b>Start.</b> The models of the store load in the background after the service starts (seconds);
 * until a model has loaded, {@link #status(String)} is empty for it and scoring it fails.
 *
 * <p><b>Threading.</b> Thread-safe. {@link #infer} and {@link #inferBatch} run on the caller's thread
 * and may run concurrently; they block only for the model run itself.
 */
@ProviderType
public interface InferenceService {

    /**
     * Stores and validates a model version, then makes it the active version of its name (the current
     * active version becomes the previous one, for {@link #rollback(String)}).
     *
     * @param model the ONNX model file's bytes
     * @param manifest the manifest JSON's bytes (UTF-8)
     * @return completes with the model's status after the swap, or exceptionally with an
     *     {@link InferenceException} naming the failed check
     */
    CompletableFuture<ModelStatus> install(byte[] model, byte[] manifest);

    /**
     * As {@link #install(byte[], byte[])}, but the validated version runs in shadow: it scores the same
     * windows as the active version, only to be compared ({@link #shadowReport(String)}), until
     * {@link #promote(String)} or {@link #discardShadow(String)}.
     */
    CompletableFuture<ModelStatus> installShadow(byte[] model, byte[] manifest);

    /** Makes the shadow candidate the active version (the active one becomes the previous). */
    ModelStatus promote(String model) throws InferenceException;

    /** Stops and closes the shadow candidate. */
    ModelStatus discardShadow(String model) throws InferenceException;

    /** The comparison of the shadow candidate with the active version so far. */
    Optional<ShadowReport> shadowReport(String model);

    /** Makes the previous version active again, in one step (it is reloaded and revalidated first). */
    ModelStatus rollback(String model) throws InferenceException;

    /** Scores one window with the active version of {@code model}. */
    InferenceResult infer(String model, Window window) throws InferenceException;

    /**
     * Scores windows as one batch with the active version of {@code model}; results in input order.
     * Every window of the batch is scored by the same version.
     */
    List<InferenceResult> inferBatch(String model, List<Window> windows) throws InferenceException;

    /**
     * Opens a stage that builds windows from samples and scores them; see {@link InferenceStage}.
     *
     * @param config which model, channels and windowing
     * @param results receives every result, on the stage's thread
     */
    InferenceStage openStage(StageConfig config, Consumer<InferenceResult> results) throws InferenceException;

    /**
     * As {@link #openStage(StageConfig, Consumer)}, windowed by the manifest of {@code config.model()}, but
     * each batch of windows is scored by {@code scorer} instead of the local model: the hook where a
     * workload placement decides, per batch, whether a window runs here or at a MEC or cloud service.
     *
     * @param scorer scores batches on the stage's thread; a batch it fails counts as failed windows
     * @since 1.1
     */
    InferenceStage openStage(StageConfig config, WindowScorer scorer, Consumer<InferenceResult> results)
            throws InferenceException;

    /** The manifest of the active version of {@code model}. */
    Optional<ModelManifest> manifest(String model);

    Optional<ModelStatus> status(String model);

    List<ModelStatus> models();

    /** Drift of the active version of {@code model} against its reference statistics. */
    DriftReport drift(String model) throws InferenceException;

    /**
     * The recent scores of the active version of {@code model} over fixed bins; empty for a model without
     * an active version. Counting is part of scoring and takes no lock, so this is cheap to ask often.
     *
     * @since 1.3
     */
    Optional<ScoreDistribution> scoreDistribution(String model);
}
