package dev.continuum.pipeline.internal.graph;

/** A wire from one component's output to another's input. */
public record WireSpec(String emitter, String receiver) {
}
