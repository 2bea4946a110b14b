package dev.continuum.console.internal.security;

/** A refused login or request: the HTTP status, a stable code and a message saying what to do. */
public final class LoginDenied extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public LoginDenied(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds until a locked account or address may try again; 0 if not locked. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
