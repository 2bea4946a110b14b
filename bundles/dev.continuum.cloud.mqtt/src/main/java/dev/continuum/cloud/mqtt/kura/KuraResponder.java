package dev.continuum.cloud.mqtt.kura;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers one request: the {@code REPLY} to its requester and any number of {@code NOTIFY} progress
 * messages. Thread-safe, usable after {@link KuraRequestHandler#handle} returned. Replies and notifications
 * go straight to the broker at QoS 1 (not through the durable outbox: a requester that is gone does not
 * want them later); the futures fail when the endpoint is not connected.
 */
@ProviderType
public interface KuraResponder {

    /** Reply metric: the response code (200, 400, 404, 500). */
    String RESPONSE_CODE = "response.code";
    /** Reply metric: what went wrong. */
    String EXCEPTION_MESSAGE = "response.exception.message";

    /** Publishes {@code $EDC/account/requester/app-id/REPLY/request-id} with {@code response.code} added. */
    CompletableFuture<Void> reply(int code, KuraPayload payload);

    /** Publishes {@code $EDC/account/requester/app-id/NOTIFY/client-id/resource}. */
    CompletableFuture<Void> notify(String resource, KuraPayload payload);
}
