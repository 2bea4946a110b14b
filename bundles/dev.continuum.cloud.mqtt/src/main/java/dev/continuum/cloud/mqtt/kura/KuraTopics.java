package dev.continuum.cloud.mqtt.kura;

/**
 * The Kura/Kapua topic namespace of one gateway: data under {@code account/client-id/}, control under
 * {@code $EDC/account/client-id/} (the prefix is configurable).
 *
 * @param controlPrefix usually {@code $EDC}
 */
public record KuraTopics(String controlPrefix, String account, String clientId) {

    /** {@code account/client-id/app-topic}. */
    public String data(String appTopic) {
        return account + "/" + clientId + "/" + appTopic;
    }

    /** {@code $EDC/account/client-id/MQTT/BIRTH}, published at QoS 1 on every connect. */
    public String birth() {
        return lifecycle("BIRTH");
    }

    /** {@code $EDC/account/client-id/MQTT/DC}, published on a clean disconnect. */
    public String disconnect() {
        return lifecycle("DC");
    }

    /** {@code $EDC/account/client-id/MQTT/LWT}, the will (QoS 0). */
    public String will() {
        return lifecycle("LWT");
    }

    /** {@code $EDC/account/client-id/MQTT/APPS}, when the list of apps changes. */
    public String apps() {
        return lifecycle("APPS");
    }

    /** {@code $EDC/account/client-id/#}: requests to this gateway, subscribed at QoS 1. */
    public String controlSubscription() {
        return controlPrefix + "/" + account + "/" + clientId + "/#";
    }

    /** {@code $EDC/account/client-id/}: the root of the requests to this gateway. */
    public String controlRoot() {
        return controlPrefix + "/" + account + "/" + clientId + "/";
    }

    /** {@code $EDC/account/requester/app-id/REPLY/request-id}. */
    public String reply(String requester, String appId, String requestId) {
        return controlPrefix + "/" + account + "/" + requester + "/" + appId + "/REPLY/" + requestId;
    }

    /** {@code $EDC/account/requester/app-id/NOTIFY/client-id/resource}. */
    public String notify(String requester, String appId, String resource) {
        return controlPrefix + "/" + account + "/" + requester + "/" + appId + "/NOTIFY/" + clientId + "/" + resource;
    }

    private String lifecycle(String event) {
        return controlPrefix + "/" + account + "/" + clientId + "/MQTT/" + event;
    }

    /**
     * Checks a publisher's app topic ({@code app-id/resource...}).
     *
     * @return {@code null} if valid, else the rule it breaks
     */
    public static String checkAppTopic(String topic) {
        if (topic.isEmpty()) {
            return "the topic is empty; expected app-id/resource";
        }
        if (topic.startsWith("/") || topic.endsWith("/") || topic.contains("//")) {
            return "topic '" + topic + "' has an empty level; expected app-id/resource with no leading, trailing"
                    + " or double '/'";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "topic '" + topic + "' contains an MQTT wildcard ('+' or '#'), which a publish topic must not";
        }
        if (topic.indexOf('\0') >= 0) {
            return "topic contains a NUL character";
        }
        if (topic.startsWith("$")) {
            return "topic '" + topic + "' starts with '$', reserved for broker and control topics";
        }
        return null;
    }
}
