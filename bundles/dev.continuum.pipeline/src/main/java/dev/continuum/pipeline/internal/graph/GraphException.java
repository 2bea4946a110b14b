package dev.continuum.pipeline.internal.graph;

import dev.continuum.api.pipeline.PipelineException;

/** A graph that cannot run: its structure, a component type or a component's configuration. */
public final class GraphException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public GraphException(String message) {
        super(message);
    }
}
