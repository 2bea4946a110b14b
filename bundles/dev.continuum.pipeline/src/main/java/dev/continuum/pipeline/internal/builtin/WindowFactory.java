package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code window}: count windows of {@code size} records (default 16) of {@code field} (default
 * {@code value}) per {@code key} (default {@code channel}), advancing by {@code stride} (default 1:
 * sliding, a window on every record; {@code stride} = {@code size}: tumbling). Each window is emitted
 * as one record: the key, {@code value} (the mean), {@code min}, {@code max}, {@code first},
 * {@code last} and {@code size}. (Models window their own input; see the inference component.)
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=window")
public final class WindowFactory extends RecordsComponentFactory {

    public WindowFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        int size = (int) context.number("size", 16);
        int stride = (int) context.number("stride", 1);
        if (size < 1 || stride < 1 || stride > size) {
            throw new PipelineException("component '" + context.name() + "': size must be >= 1 and stride between"
                    + " 1 and size; got size " + size + ", stride " + stride);
        }
        String field = context.string("field", Record.VALUE);
        String key = context.string("key", Record.CHANNEL);
        Map<String, Ring> rings = new HashMap<>();
        return (record, out) -> {
            double value = Values.number(record, field);
            if (Double.isNaN(value)) {
                return;
            }
            String id = Values.text(record, key);
            Ring ring = rings.computeIfAbsent(id, k -> new Ring(size));
            ring.add(value);
            if (ring.count >= size && (ring.count - size) % stride == 0) {
                out.emit(ring.summary(record, key, id));
            }
        };
    }

    /** The last {@code size} values of one key. */
    private static final class Ring {
        private final double[] values;
        private long count;

        Ring(int size) {
            values = new double[size];
        }

        void add(double value) {
            values[(int) (count++ % values.length)] = value;
        }

        Record summary(Record last, String key, String id) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            Map<String, TypedValue> fields = new LinkedHashMap<>();
            fields.put(key, TypedValue.ofString(id));
            fields.put(Record.VALUE, TypedValue.ofDouble(sum / values.length));
            fields.put("min", TypedValue.ofDouble(min));
            fields.put("max", TypedValue.ofDouble(max));
            fields.put("first", TypedValue.ofDouble(values[(int) (count % values.length)]));
            fields.put("last", TypedValue.ofDouble(values[(int) ((count - 1) % values.length)]));
            fields.put("size", TypedValue.ofInteger(values.length));
            return new Record(last.time(), fields);
        }
    }
}
