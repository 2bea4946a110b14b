package dev.continuum.api.cloud;

/** What an outbox does when a new message would exceed its capacity in bytes. */
public enum FullPolicy {

    /** The new message is refused with {@link CloudException.Reason#OUTBOX_FULL}; stored ones are kept. */
    REJECT_NEW,

    /**
     * The oldest messages of the lowest priority (highest priority number) are removed until the new one
     * fits. Each removal is counted ({@link OutboxStatus#dropped()}) and logged as lost data.
     */
    DROP_OLDEST
}
