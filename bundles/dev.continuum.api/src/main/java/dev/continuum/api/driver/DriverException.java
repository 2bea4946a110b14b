package dev.continuum.api.driver;

/**
 * A driver operation failed: not connected, a channel that cannot be addressed, a protocol error. The
 * message names what was wrong and, for bad input, what is accepted.
 */
public class DriverException extends Exception {

    private static final long serialVersionUID = 1L;

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
