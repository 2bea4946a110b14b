package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;

/** {@code filter}: passes the records for which {@code expression} is true. */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=filter")
public final class FilterFactory extends RecordsComponentFactory {

    public FilterFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        Expression expression = Expression.compile(context.name(), "expression", context.required("expression"));
        return (record, out) -> {
            if (expression.test(record)) {
                out.emit(record);
            }
        };
    }
}
