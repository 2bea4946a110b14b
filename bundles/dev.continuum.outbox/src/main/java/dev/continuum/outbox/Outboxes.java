package dev.continuum.outbox;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.outbox.internal.MvOutbox;

/** Opens outboxes. */
public final class Outboxes {

    private Outboxes() {
    }

    /**
     * Opens (or creates) the outbox described by {@code settings}. A store file that cannot be read is
     * moved aside as {@code FILE.corrupt-TIMESTAMP} (reported by {@link Outbox#status()} and logged) and an
     * empty store starts in its place.
     *
     * @throws CloudException with {@link CloudException.Reason#STORE_FAILURE} if no store can be opened
     */
    public static Outbox open(OutboxSettings settings) throws CloudException {
        return MvOutbox.open(settings);
    }
}
