package dev.continuum.pipeline.internal.run;

import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.Emitter;
import java.util.Map;

/** The context a component is created with. */
record Context(String pipeline, String name, Map<String, Object> config, Emitter output) implements ComponentContext {
}
