package dev.continuum.api.pipeline;

import java.util.List;

/**
 * One pipeline's state.
 *
 * @param name the pipeline's name
 * @param state RUNNING, REJECTED (the configured graph cannot run: see {@code reason}; a previous graph
 *     may still be running), or WAITING (a component type is not available yet)
 * @param reason why it is not RUNNING with its current configuration; empty otherwise
 * @param components the running components' counters
 */
public record PipelineStatus(String name, String state, String reason, List<ComponentStatus> components) {
    public PipelineStatus {
        components = List.copyOf(components);
    }
}
