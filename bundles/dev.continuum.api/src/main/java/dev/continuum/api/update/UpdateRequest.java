package dev.continuum.api.update;

import java.net.URI;
import java.util.Objects;

/**
 * What to apply.
 *
 * @param manifest where the signed manifest is ({@code http:}, {@code https:} or {@code file:}); its
 *     artifacts are fetched relative to it
 * @param forceDowngrade the operator asks to install over a newer version; honoured only if the signed
 *     manifest itself allows it ({@code allowDowngrade}), so that the permission is authenticated
 * @param shadow for a model: install it as the shadow candidate (compared, not serving) instead of
 *     making it active; promote or discard it through the inference service
 * @param requester who asked (the MQTT requester client id, the REST user), for the audit log
 */
public record UpdateRequest(URI manifest, boolean forceDowngrade, boolean shadow, String requester) {

    /** A plain update: no downgrade, models become active (no shadow). */
    public static UpdateRequest of(URI manifest, String requester) {
        return new UpdateRequest(manifest, false, false, requester);
    }

    public UpdateRequest {
        Objects.requireNonNull(manifest, "manifest");
        requester = requester == null ? "" : requester;
    }
}
