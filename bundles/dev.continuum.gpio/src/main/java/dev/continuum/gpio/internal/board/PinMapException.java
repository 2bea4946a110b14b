package dev.continuum.gpio.internal.board;

/** A pin map cannot be found or is invalid; the message names the file, the key and what is accepted. */
public class PinMapException extends Exception {

    private static final long serialVersionUID = 1L;

    public PinMapException(String message) {
        super(message);
    }

    public PinMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
