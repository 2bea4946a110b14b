package dev.continuum.api.pipeline;

/** A pipeline graph or component configuration that cannot run; the message names the component and why. */
public class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
