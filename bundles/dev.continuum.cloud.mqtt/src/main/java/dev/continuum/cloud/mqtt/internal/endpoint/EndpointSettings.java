package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import dev.continuum.cloud.mqtt.internal.format.FormatKind;
import dev.continuum.cloud.mqtt.internal.format.TopicTemplate;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An endpoint's configuration, checked: every problem is reported in one message naming what is accepted. */
record EndpointSettings(EndpointConfig config, List<String> brokerUris, boolean mqtt5, String gatewayId,
        DurabilityPolicy durability, FullPolicy fullPolicy, FormatKind format, TopicTemplate topicTemplate,
        String statusTopic, String edgeNodeId) {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    static EndpointSettings check(EndpointConfig config) {
        return check(config, null);
    }

    /** @param brokerOverride comma-separated URIs replacing {@code brokerUris}, or {@code null} */
    static EndpointSettings check(EndpointConfig config, String brokerOverride) {
        List<String> problems = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        String[] given = brokerOverride != null && !brokerOverride.isBlank() ? brokerOverride.split(",")
                : config.brokerUris() == null ? new String[0] : config.brokerUris();
        for (String uri : given) {
            String trimmed = uri.trim();
            String problem = checkUri(trimmed);
            if (problem != null) {
                problems.add(problem);
            }
            uris.add(trimmed);
        }
        if (uris.isEmpty()) {
            problems.add("brokerUris is empty; give at least one tcp://, ssl://, ws:// or wss:// URI");
        }
        boolean mqtt5 = "5".equals(config.protocolVersion());
        if (!mqtt5 && !"3.1.1".equals(config.protocolVersion())) {
            problems.add("protocolVersion '" + config.protocolVersion() + "' is not supported; accepted: 5, 3.1.1");
        }
        require(problems, !config.name().isBlank() && config.name().matches("[A-Za-z0-9._-]+"),
                "name '" + config.name() + "' must be non-empty letters, digits, '.', '_' or '-'");
        require(problems, !config.clientId().isBlank() && noTopicSpecials(config.clientId()),
                "clientId '" + config.clientId() + "' must be non-empty without '/', '+', '#'");
        require(problems, !config.account().isBlank() && noTopicSpecials(config.account()),
                "account '" + config.account() + "' must be non-empty without '/', '+', '#'");
        require(problems, config.maxInflight() >= 1 && config.maxInflight() <= 65535,
                "maxInflight " + config.maxInflight() + " must be 1..65535");
        require(problems, config.keepAliveSeconds() >= 0, "keepAliveSeconds must be >= 0");
        require(problems, config.backoffInitialMillis() >= 1 && config.backoffMaxMillis() >= config.backoffInitialMillis(),
                "backoffInitialMillis must be >= 1 and backoffMaxMillis >= backoffInitialMillis");
        require(problems, config.capacityBytes() >= 1024, "capacityBytes " + config.capacityBytes() + " must be >= 1024");
        require(problems, config.maxPayloadBytes() >= 1, "maxPayloadBytes must be >= 1");
        require(problems, config.kuraGzipMinBytes() >= 0,
                "kuraGzipMinBytes " + config.kuraGzipMinBytes() + " must be >= 0 (0 = never gzip)");
        require(problems, config.syncIntervalMillis() >= 0, "syncIntervalMillis must be >= 0");
        DurabilityPolicy durability = parse(DurabilityPolicy.class, "durability", config.durability(), problems);
        FullPolicy full = parse(FullPolicy.class, "fullPolicy", config.fullPolicy(), problems);
        FormatKind format = parse(FormatKind.class, "format", config.format(), problems);
        String gatewayId = config.gatewayId().isBlank() ? config.clientId() : config.gatewayId();
        Map<String, String> identity = Map.of("gatewayId", gatewayId, "clientId", config.clientId(), "account",
                config.account());
        TopicTemplate template = null;
        String status = null;
        if (format == FormatKind.JSON) {
            template = template(problems, "topicTemplate", config.topicTemplate(), identity);
            if (!config.statusTopic().isBlank()) {
                TopicTemplate statusTemplate = template(problems, "statusTopic", config.statusTopic(), identity);
                require(problems, !config.statusTopic().matches(".*\\{(topic|asset|channel)}.*"),
                        "statusTopic '" + config.statusTopic() + "' may use {gatewayId}, {clientId}, {account} only");
                status = statusTemplate == null ? null : resolve(statusTemplate, problems);
            }
        }
        String edgeNode = config.sparkplugEdgeNodeId().isBlank() ? config.clientId() : config.sparkplugEdgeNodeId();
        if (format == FormatKind.SPARKPLUG_B) {
            require(problems, !config.sparkplugGroupId().isBlank() && noTopicSpecials(config.sparkplugGroupId()),
                    "sparkplugGroupId '" + config.sparkplugGroupId() + "' must be non-empty without '/', '+', '#'");
            require(problems, noTopicSpecials(edgeNode),
                    "sparkplugEdgeNodeId '" + edgeNode + "' must be non-empty without '/', '+', '#'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("MQTT endpoint '" + config.name() + "' is misconfigured: "
                    + String.join("; ", problems));
        }
        return new EndpointSettings(config, List.copyOf(uris), mqtt5, gatewayId, durability, full, format, template,
                status, edgeNode);
    }

    private static TopicTemplate template(List<String> problems, String property, String value,
            Map<String, String> identity) {
        try {
            return TopicTemplate.parse(property, value, identity);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String resolve(TopicTemplate status, List<String> problems) {
        try {
            return status.resolve("status");
        } catch (CloudException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String checkUri(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || !SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT))) {
                return "broker URI '" + uri + "' has scheme " + parsed.getScheme() + "; accepted: tcp, ssl, ws, wss";
            }
            if (parsed.getHost() == null) {
                return "broker URI '" + uri + "' has no host; expected e.g. tcp://broker.example:1883";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "broker URI '" + uri + "' is not a URI: " + e.getMessage();
        }
    }

    private static boolean noTopicSpecials(String level) {
        return level.indexOf('/') < 0 && level.indexOf('+') < 0 && level.indexOf('#') < 0;
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String property, String value, List<String> problems) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(property + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
