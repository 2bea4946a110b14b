package dev.continuum.console.internal.http;

import java.util.Map;

/** A request the API refuses: HTTP status, a stable code and a message that says what to fix. */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final Map<String, String> details;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** An error with further fields for programs (e.g. {@code reason}), sent next to code and message. */
    public ApiError(int status, String code, String message, Map<String, String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public Map<String, String> details() {
        return details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError unavailable(String what) {
        return new ApiError(503, "unavailable", what + " is not running on this gateway (its feature is not"
                + " installed or not started)");
    }
}
