package dev.continuum.api.management;

import dev.continuum.api.management.ManagementApi.Response;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A resource tree in Eclipse Kura's REST shapes, served by the console under {@code /services/{root}} (Kura's
 * REST root), e.g. {@code assets/v1} or {@code configuration/v2}, with the console's authentication, roles
 * and audit. The same implementation answers the matching Kura request/response app over MQTT (ASSET-V1,
 * CONF-V2), so both transports share one shaping of the JSON.
 *
 * <p>Register it as a service with {@link #ROOT}. The console authenticates the caller, checks
 * {@link #role} and audits every call that is not a {@code GET}; {@link #handle} then runs with the
 * caller's user name as {@code principal}. Called from HTTP threads, concurrently.
 */
@ConsumerType
public interface ServicesResource {

    /** Service property: the path below {@code /services} this tree serves, e.g. {@code assets/v1}. */
    String ROOT = "continuum.services.root";

    /** Role names that {@link #role} returns, least to most: read only, assets/pipelines/models, everything. */
    String VIEWER = "viewer";
    String OPERATOR = "operator";
    String ADMIN = "admin";

    /**
     * The least role a request needs ({@link #VIEWER}, {@link #OPERATOR} or {@link #ADMIN}); requests the tree
     * does not know need {@link #VIEWER} and get 404 from {@link #handle}.
     *
     * @param method the HTTP method
     * @param resources the path segments below the root
     */
    String role(String method, List<String> resources);

    /**
     * Answers one request.
     *
     * @param method the HTTP method ({@code GET}, {@code POST}, {@code PUT}, {@code DELETE})
     * @param resources the path segments below the root (decoded)
     * @param jsonBody the request body, or {@code null} when there is none
     * @param principal who asks (for the audit log and messages)
     * @return the status and JSON body; errors as {@code {"code", "message"}}
     */
    Response handle(String method, List<String> resources, String jsonBody, String principal);
}
