package dev.continuum.example.pipeline.internal;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ewma}: adds {@code ewma} = the exponentially weighted moving average of {@code field} (default
 * {@code value}) per channel, with smoothing factor {@code alpha} in (0, 1] (default 0.1).
 *
 * <p>Everything an integrator needs: a DS component providing {@link ComponentFactory} with the
 * {@link ComponentFactory#TYPE} property, port types, configuration checked in {@link #create} (so a bad
 * graph is refused before it runs), and per-instance state kept in the returned component.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=ewma")
public final class EwmaFactory implements ComponentFactory {

    @Override
    public PortType input() {
        return PortType.RECORDS;
    }

    @Override
    public PortType output() {
        return PortType.RECORDS;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        double alpha = context.number("alpha", 0.1);
        if (!(alpha > 0 && alpha <= 1)) {
            throw new PipelineException("component '" + context.name() + "': alpha must be in (0, 1], got " + alpha);
        }
        String field = context.string("field", Record.VALUE);
        Map<String, Double> averages = new HashMap<>();
        return (record, out) -> {
            TypedValue value = record.field(field);
            if (value == null || !value.isNumeric()) {
                out.emit(record);
                return;
            }
            TypedValue channel = record.field(Record.CHANNEL);
            String key = channel == null ? "" : channel.toString();
            double average = averages.merge(key, value.asDouble(), (old, now) -> old + alpha * (now - old));
            out.emit(record.with("ewma", TypedValue.ofDouble(average)));
        };
    }
}
