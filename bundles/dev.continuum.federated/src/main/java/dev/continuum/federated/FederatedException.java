package dev.continuum.federated;

import java.util.Objects;

/** The one checked exception of federated learning: an update or a request was refused, with the reason. */
public class FederatedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** Not JSON, missing or mistyped fields. */
        MALFORMED,
        /** No signature. */
        UNSIGNED,
        /** Signed by a key that is not the sending gateway's enrolled key. */
        UNTRUSTED_KEY,
        /** The signature does not match the payload. */
        BAD_SIGNATURE,
        /** For another round, model or base version than the one open. */
        WRONG_ROUND,
        /** The delta has the wrong number of values. */
        WRONG_SHAPE,
        /** The delta holds NaN or infinite values. */
        NOT_FINITE,
        /** The delta is longer than the round's clipping bound allows. */
        NORM_BOUND,
        /** Fewer training windows than the round's minimum. */
        TOO_FEW_SAMPLES,
        /** A second update of the same gateway in one round. */
        DUPLICATE,
        /** After the round's deadline. */
        LATE,
        /** The gateway cannot take part now (too little data, busy, outside its training window). */
        DECLINED
    }

    private final Reason reason;

    public FederatedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "FederatedException[" + reason + "]: " + getMessage();
    }
}
