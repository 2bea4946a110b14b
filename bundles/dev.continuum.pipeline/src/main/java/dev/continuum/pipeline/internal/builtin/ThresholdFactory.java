package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code threshold}: an alarm with hysteresis on {@code field} (default {@code score}) per {@code key}
 * (default {@code model}): raised when the value reaches {@code high}, cleared when it falls below
 * {@code low} (default {@code high}). Emits the record with {@code alarm} (BOOLEAN) added when the alarm
 * changes, or for every record with {@code "emit": "all"}.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=threshold")
public final class ThresholdFactory extends RecordsComponentFactory {

    public ThresholdFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String field = context.string("field", "score");
        String key = context.string("key", "model");
        double high = context.number("high", Double.NaN);
        double low = context.number("low", high);
        if (Double.isNaN(high) || low > high) {
            throw new PipelineException("component '" + context.name() + "': 'high' is required and 'low' must not"
                    + " exceed it (got high " + high + ", low " + low + ")");
        }
        boolean all = context.string("emit", "changes").equalsIgnoreCase("all");
        Map<String, Boolean> alarms = new HashMap<>();
        return (record, out) -> {
            double value = Values.number(record, field);
            if (Double.isNaN(value)) {
                return;
            }
            String id = Values.text(record, key);
            boolean was = alarms.getOrDefault(id, false);
            boolean now = was ? value >= low : value >= high;
            alarms.put(id, now);
            if (all || now != was) {
                out.emit(record.with("alarm", TypedValue.ofBoolean(now)));
            }
        };
    }
}
