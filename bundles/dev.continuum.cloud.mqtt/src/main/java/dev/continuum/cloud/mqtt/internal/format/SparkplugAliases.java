package dev.continuum.cloud.mqtt.internal.format;

import java.util.HashMap;
import java.util.Map;

/**
 * Metric aliases of one edge node: a number per (device, metric name), unique across the node and its
 * devices, assigned when the metric is first born and kept for the life of the endpoint (a rebirth declares
 * the same ones again). Not thread-safe: the format synchronises.
 *
 * @see <a href="https://sparkplug.eclipse.org/specification/version/3.0/documents/sparkplug-specification-3.0.0.pdf">Sparkplug 3.0, 6.4.4 Metric alias</a>
 */
final class SparkplugAliases {

    private final Map<String, Map<String, Long>> byName = new HashMap<>();
    private final Map<String, Map<Long, String>> byAlias = new HashMap<>();
    private long next;

    /** The alias of a metric, assigned now if it has none. {@code device} is "" for the node's own metrics. */
    long alias(String device, String name) {
        Map<String, Long> names = byName.computeIfAbsent(device, d -> new HashMap<>());
        Long alias = names.get(name);
        if (alias == null) {
            alias = next++;
            names.put(name, alias);
            byAlias.computeIfAbsent(device, d -> new HashMap<>()).put(alias, name);
        }
        return alias;
    }

    /** The name of a device's metric born with {@code alias}, or {@code null}. */
    String name(String device, long alias) {
        Map<Long, String> names = byAlias.get(device);
        return names == null ? null : names.get(alias);
    }
}
