package dev.continuum.pipeline.internal.graph;

import java.util.Map;

/**
 * One component of a graph as configured.
 *
 * @param name unique in the graph
 * @param type the {@link dev.continuum.api.pipeline.ComponentFactory#TYPE} that creates it
 * @param config its configuration
 * @param queue capacity of its input queue
 * @param overflow what its input queue does when full
 * @param chain whether it may share a thread with the components wired directly before and after it
 */
public record ComponentSpec(String name, String type, Map<String, Object> config, int queue, Overflow overflow,
        boolean chain) {
    public ComponentSpec {
        config = Map.copyOf(config);
    }
}
