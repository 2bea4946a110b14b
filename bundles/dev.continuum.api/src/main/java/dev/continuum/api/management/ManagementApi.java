package dev.continuum.api.management;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The REST API of the console ({@code /api/v1}, documented in its OpenAPI file) as a service: the same
 * handlers, validation, audit and snapshots, reached without HTTP. Remote management apps (Kura's CONF-V2
 * over MQTT) call it so that REST and MQTT share one implementation of each operation.
 *
 * <p>The caller has authenticated the requester (e.g. by the broker's ACL on the control topics); calls
 * run with the administrator role and are audited under {@code principal}.
 */
@ProviderType
public interface ManagementApi {

    /**
     * Runs one API call.
     *
     * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
     * @param path the path below {@code /api/v1}, e.g. {@code /config/dev.continuum.core.health}
     * @param jsonBody the request body, or {@code null}
     * @param principal who asks, for the audit log (e.g. {@code mqtt:kapua-ops})
     * @return the status and JSON body the REST API would have answered
     */
    Response call(String method, String path, String jsonBody, String principal);

    /** An answer: HTTP status and JSON body ({@code {"code", "message"}} for errors). */
    record Response(int status, String json) {
    }
}
