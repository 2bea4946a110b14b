package dev.continuum.api.inference;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Scores a batch of windows somewhere: in-process ({@link InferenceService#inferBatch}) or at a remote
 * inference service. Given to {@link InferenceService#openStage(StageConfig, WindowScorer,
 * java.util.function.Consumer)}.
 *
 * <p><b>Threading.</b> Called on the stage's thread, one batch at a time; may block for the scoring.
 */
@ConsumerType
@FunctionalInterface
public interface WindowScorer {

    /**
     * Scores {@code windows}; results in input order, one per window.
     *
     * @throws InferenceException when the batch could not be scored (its windows count as failed)
     */
    List<InferenceResult> score(List<Window> windows) throws InferenceException;
}
