package dev.continuum.api.inference;

/**
 * The one checked exception of the inference API: a model or manifest was rejected, a model is not
 * known, or a window could not be scored. The message names the failed check and what is accepted.
 */
public class InferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
