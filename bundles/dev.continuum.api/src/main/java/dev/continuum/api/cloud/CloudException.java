package dev.continuum.api.cloud;

/** Why a message was not accepted by an endpoint; the message text names the rule or limit. */
public class CloudException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kind of refusal. */
    public enum Reason {
        /** The topic is empty, too long or contains a wildcard or NUL character. */
        INVALID_TOPIC,
        /** The encoded payload is larger than the endpoint's limit. */
        PAYLOAD_TOO_LARGE,
        /** QoS or priority out of range, or another invalid message field. */
        INVALID_MESSAGE,
        /** The outbox is at capacity and its policy is {@link FullPolicy#REJECT_NEW}. */
        OUTBOX_FULL,
        /** The store could not write the message (disk full, I/O error). */
        STORE_FAILURE,
        /** The endpoint has been removed or is shutting down. */
        CLOSED,
        /** A route has none of its endpoints configured (the message was not stored anywhere). */
        NO_ROUTE
    }

    private final Reason reason;

    public CloudException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CloudException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
