package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PortType;

/** The built-ins that take any records: transforms emit records, sinks ({@code sink = true}) emit nothing. */
abstract class RecordsComponentFactory implements ComponentFactory {

    private final boolean sink;

    RecordsComponentFactory(boolean sink) {
        this.sink = sink;
    }

    @Override
    public final PortType input() {
        return PortType.RECORDS;
    }

    @Override
    public final PortType output() {
        return sink ? PortType.NONE : PortType.RECORDS;
    }
}
