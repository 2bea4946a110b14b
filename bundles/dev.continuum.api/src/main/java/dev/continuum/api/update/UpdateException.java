package dev.continuum.api.update;

import java.util.Objects;

/**
 * The one checked exception of the update API: an update was rejected before anything was installed, or
 * its installation failed (and was rolled back). The message names the failed check and what is accepted.
 */
public class UpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an update was refused or failed. */
    public enum Reason {
        /** The manifest carries no signature. */
        UNSIGNED,
        /** The manifest's signature does not match its content (the manifest was altered). */
        TAMPERED,
        /** The manifest is signed, but by no key among the trust anchors. */
        UNTRUSTED_KEY,
        /** An artifact's bytes do not match the SHA-256 or size the manifest pins (the artifact was altered). */
        DIGEST_MISMATCH,
        /** The manifest's expiry has passed. */
        EXPIRED,
        /** The manifest targets another profile or gateway version range. */
        INCOMPATIBLE_TARGET,
        /** The version is not newer than the installed one and no signed downgrade was forced. */
        DOWNGRADE,
        /** An artifact is larger than its manifest says, or than the configured limit (cut off while streaming). */
        OVERSIZE,
        /** The artifacts delivered are not exactly the set the manifest pins together. */
        MIXED_SET,
        /** The manifest or an artifact cannot be read: not JSON, missing fields, not a deployment package. */
        MALFORMED,
        /** The download failed (connection, HTTP status, timeout). */
        DOWNLOAD_FAILED,
        /** Another update is running; one at a time. */
        BUSY,
        /** No package or model of that name is installed. */
        NOT_FOUND,
        /** The install failed or the health gate failed; the previous version set was restored. */
        ROLLED_BACK,
        /** The install and the rollback both failed: the gateway needs an operator. */
        ROLLBACK_FAILED
    }

    private final Reason reason;

    public UpdateException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UpdateException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "UpdateException[" + reason + "]: " + getMessage();
    }
}
