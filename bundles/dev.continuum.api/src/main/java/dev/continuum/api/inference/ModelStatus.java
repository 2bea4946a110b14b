package dev.continuum.api.inference;

import java.util.Optional;

/**
 * A model as the service runs it now.
 *
 * @param name the model's name
 * @param activeVersion the version that scores windows
 * @param previousVersion the version {@link InferenceService#rollback(String)} returns to, if any
 * @param shadowVersion the candidate running in shadow, if any
 * @param provider the execution provider the active version actually runs on (CPU after a fallback)
 * @param options the options the model runs with
 * @param scored windows scored since the service started
 */
public record ModelStatus(
        String name,
        String activeVersion,
        Optional<String> previousVersion,
        Optional<String> shadowVersion,
        ExecutionProvider provider,
        ModelOptions options,
        long scored) {
}
