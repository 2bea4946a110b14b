package dev.continuum.api.pipeline;

/**
 * Thrown by {@link Component#accept} when the component cannot take the record yet (the endpoint or asset
 * it writes to is not available): the pipeline keeps the record, pauses the component briefly and offers
 * the same record again, so nothing is lost; meanwhile the component's input queue fills and its
 * overflow policy applies.
 */
public class RetryLaterException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetryLaterException(String message) {
        super(message);
    }
}
