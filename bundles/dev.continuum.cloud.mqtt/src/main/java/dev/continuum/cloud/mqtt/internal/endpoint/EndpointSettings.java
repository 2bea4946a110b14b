package dev.continuum.cloud.mqtt.internal.endpoint;

import dev.continuum.api.cloud.DurabilityPolicy;
import dev.continuum.api.cloud.FullPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An endpoint's configuration, checked: every problem is reported in one message naming what is accepted. */
record EndpointSettings(EndpointConfig config, List<String> brokerUris, boolean mqtt5, String gatewayId,
        DurabilityPolicy durability, FullPolicy fullPolicy) {

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
        require(problems, config.syncIntervalMillis() >= 0, "syncIntervalMillis must be >= 0");
        DurabilityPolicy durability = parse(DurabilityPolicy.class, "durability", config.durability(), problems);
        FullPolicy full = parse(FullPolicy.class, "fullPolicy", config.fullPolicy(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("MQTT endpoint '" + config.name() + "' is misconfigured: "
                    + String.join("; ", problems));
        }
        String gatewayId = config.gatewayId().isBlank() ? config.clientId() : config.gatewayId();
        return new EndpointSettings(config, List.copyOf(uris), mqtt5, gatewayId, durability, full);
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
