package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code map}: sets fields from expressions, {@code "set": {"celsius": "(value - 32) / 1.8"}}. */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=map")
public final class MapFactory extends RecordsComponentFactory {

    public MapFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        if (!(context.config().get("set") instanceof Map<?, ?> set) || set.isEmpty()) {
            throw new PipelineException("component '" + context.name()
                    + "': 'set' is required, an object of field name to expression");
        }
        Map<String, Expression> expressions = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : set.entrySet()) {
            String field = String.valueOf(entry.getKey());
            expressions.put(field, Expression.compile(context.name(), "set." + field, String.valueOf(entry.getValue())));
        }
        return (record, out) -> {
            Map<String, TypedValue> fields = new LinkedHashMap<>(record.fields());
            for (Map.Entry<String, Expression> entry : expressions.entrySet()) {
                fields.put(entry.getKey(), Values.of(entry.getValue().evaluate(record)));
            }
            out.emit(new Record(record.time(), fields));
        };
    }
}
