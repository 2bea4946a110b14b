package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code deadband}: report by exception. Passes a record when its {@code field} (default {@code value})
 * moved more than {@code deadband} from the last passed value of the same {@code key} (default
 * {@code channel}), or its status changed; the first record of each key always passes.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=deadband")
public final class DeadbandFactory extends RecordsComponentFactory {

    public DeadbandFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String field = context.string("field", Record.VALUE);
        String key = context.string("key", Record.CHANNEL);
        double deadband = context.number("deadband", 0);
        if (!(deadband >= 0)) {
            throw new PipelineException("component '" + context.name() + "': deadband must be >= 0, got " + deadband);
        }
        Map<String, double[]> last = new HashMap<>();
        Map<String, String> lastStatus = new HashMap<>();
        return (record, out) -> {
            String id = Values.text(record, key);
            double value = Values.number(record, field);
            String status = Values.text(record, Record.STATUS);
            double[] previous = last.get(id);
            boolean statusChanged = !status.equals(lastStatus.put(id, status));
            if (previous == null || statusChanged || Double.isNaN(value) || Math.abs(value - previous[0]) > deadband) {
                last.put(id, new double[] {value});
                out.emit(record);
            }
        };
    }
}
