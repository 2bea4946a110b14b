package dev.continuum.cloud.mqtt.internal.format;

import dev.continuum.api.cloud.CloudException;
import dev.continuum.api.cloud.CloudException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A publish-topic template such as {@code continuum/{gatewayId}/{asset}/{channel}}. Placeholders:
 * <ul>
 * <li>{@code {gatewayId}}, {@code {clientId}}, {@code {account}}: the endpoint's identity (fixed);</li>
 * <li>{@code {topic}}: the publisher's whole topic ({@code asset/channel...});</li>
 * <li>{@code {asset}}: its first level; {@code {channel}}: the levels after the first (the topic must have
 * at least two levels when the template uses it).</li>
 * </ul>
 * A template is checked when the endpoint is configured (unknown placeholder, unbalanced brace, wildcard,
 * leading {@code $} or {@code /}, empty level), and every resulting topic again when a message is published.
 */
public final class TopicTemplate {

    public static final List<String> PLACEHOLDERS = List.of("gatewayId", "clientId", "account", "topic", "asset",
            "channel");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String template;
    private final Map<String, String> identity;

    private TopicTemplate(String template, Map<String, String> identity) {
        this.template = template;
        this.identity = identity;
    }

    /**
     * Checks a template.
     *
     * @param identity values of {@code gatewayId}, {@code clientId}, {@code account}
     * @throws IllegalArgumentException naming every problem and the accepted placeholders
     */
    public static TopicTemplate parse(String property, String template, Map<String, String> identity) {
        List<String> problems = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                problems.add("unknown placeholder {" + matcher.group(1) + "}");
            }
        }
        String literal = matcher.replaceAll("x");
        if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
            problems.add("unbalanced '{' or '}'");
        }
        String rule = rule(template);
        if (rule != null) {
            problems.add(rule);
        }
        for (Map.Entry<String, String> value : identity.entrySet()) {
            if (template.contains("{" + value.getKey() + "}") && rule(value.getValue()) != null) {
                problems.add(value.getKey() + " '" + value.getValue() + "' cannot be a topic part: " + rule(value.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(property + " '" + template + "': " + String.join(", ", problems)
                    + "; accepted placeholders: {" + String.join("}, {", PLACEHOLDERS) + "}");
        }
        return new TopicTemplate(template, Map.copyOf(identity));
    }

    /** The publish topic for a publisher's topic (already checked as {@code level/level...}). */
    public String resolve(String topic) throws CloudException {
        int slash = topic.indexOf('/');
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "topic" -> topic;
                case "asset" -> slash < 0 ? topic : topic.substring(0, slash);
                case "channel" -> {
                    if (slash < 0) {
                        throw new CloudException(Reason.INVALID_TOPIC, "topic '" + topic + "' has one level, but the"
                                + " endpoint's topic template '" + template + "' needs {channel}: publish asset/channel");
                    }
                    yield topic.substring(slash + 1);
                }
                default -> identity.get(name);
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        String resolved = out.toString();
        String rule = rule(resolved);
        if (rule != null) {
            throw new CloudException(Reason.INVALID_TOPIC, "topic '" + resolved + "' from template '" + template
                    + "' is not a valid publish topic: " + rule);
        }
        return resolved;
    }

    @Override
    public String toString() {
        return template;
    }

    /** Null if {@code topic} is a valid publish topic, else the rule it breaks. */
    static String rule(String topic) {
        if (topic.isEmpty()) {
            return "it is empty";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "it contains an MQTT wildcard ('+' or '#'), which a publish topic must not";
        }
        if (topic.startsWith("$")) {
            return "it starts with '$', reserved for broker topics";
        }
        if (topic.startsWith("/") || topic.endsWith("/") || topic.contains("//")) {
            return "it has an empty level (leading, trailing or double '/')";
        }
        if (topic.indexOf('\0') >= 0) {
            return "it contains a NUL character";
        }
        return null;
    }
}
