package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code log}: writes each record to the gateway log at INFO (logger {@code pipeline.NAME}). */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=log")
public final class LogFactory extends RecordsComponentFactory {

    public LogFactory() {
        super(true);
    }

    @Override
    public Component create(ComponentContext context) {
        Logger log = LoggerFactory.getLogger("pipeline." + context.pipeline());
        return (record, out) -> log.info("{} {} {}", context.name(), record.time(), record.fields());
    }
}
