package dev.continuum.cloud.mqtt.kura;

import java.util.List;
import java.util.Locale;

/**
 * A decoded control request: {@code $EDC/account/client-id/app-id/METHOD/resource...} with its payload.
 *
 * @param appId the app, e.g. {@code DEPLOY-V2}
 * @param method {@code GET}, {@code PUT}, {@code POST}, {@code DEL} or {@code EXEC}
 * @param resources the topic levels after the method
 * @param payload the request's metrics and body
 */
public record KuraRequest(String appId, String method, List<String> resources, KuraPayload payload) {

    public static final String REQUEST_ID = "request.id";
    public static final String REQUESTER = "requester.client.id";
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DEL", "EXEC");

    public KuraRequest {
        resources = List.copyOf(resources);
    }

    /**
     * Parses a topic under {@code controlRoot} ({@code $EDC/account/client-id/}).
     *
     * @return the request, or {@code null} if the topic is not a request (a lifecycle echo, a reply)
     */
    public static KuraRequest parse(String controlRoot, String topic, KuraPayload payload) {
        if (!topic.startsWith(controlRoot)) {
            return null;
        }
        String[] levels = topic.substring(controlRoot.length()).split("/");
        if (levels.length < 2 || !METHODS.contains(levels[1].toUpperCase(Locale.ROOT))) {
            return null;
        }
        return new KuraRequest(levels[0], levels[1].toUpperCase(Locale.ROOT),
                List.of(levels).subList(2, levels.length), payload);
    }

    /** The {@code request.id} metric, or {@code null}. */
    public String requestId() {
        return text(REQUEST_ID);
    }

    /** The {@code requester.client.id} metric, or {@code null}. */
    public String requesterClientId() {
        return text(REQUESTER);
    }

    /** The named metric as text, or {@code null}. */
    public String text(String metric) {
        Object value = payload.metrics().get(metric);
        return value == null ? null : value.toString();
    }

    /** {@code METHOD/resource/...}, for logs. */
    public String path() {
        return method + (resources.isEmpty() ? "" : "/" + String.join("/", resources));
    }
}
