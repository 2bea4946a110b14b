package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code aggregate}: per {@code key} (default {@code channel}), the min, max, mean and count of
 * {@code field} (default {@code value}) over each {@code interval.ms} (default 1000), emitted at the end
 * of the interval as one record per key. With {@code count} set instead, it emits every {@code count}
 * records of a key (a tumbling count window).
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=aggregate")
public final class AggregateFactory extends RecordsComponentFactory {

    public AggregateFactory() {
        super(false);
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String field = context.string("field", Record.VALUE);
        String key = context.string("key", Record.CHANNEL);
        long interval = (long) context.number("interval.ms", 1000);
        long count = (long) context.number("count", 0);
        if (interval < 1 || count < 0) {
            throw new PipelineException("component '" + context.name() + "': interval.ms must be >= 1 and count >= 0");
        }
        return new Aggregate(field, key, interval, count);
    }

    private static final class Stats {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum;
        long count;
        Instant first;
        Instant last;
    }

    private static final class Aggregate implements Component {
        private final String field;
        private final String key;
        private final long intervalMillis;
        private final long countWindow;
        private final Map<String, Stats> stats = new LinkedHashMap<>();
        private long intervalStart = System.currentTimeMillis();

        Aggregate(String field, String key, long intervalMillis, long countWindow) {
            this.field = field;
            this.key = key;
            this.intervalMillis = intervalMillis;
            this.countWindow = countWindow;
        }

        @Override
        public void accept(Record record, Emitter out) {
            double value = Values.number(record, field);
            if (Double.isNaN(value)) {
                return;
            }
            String id = Values.text(record, key);
            Stats s = stats.computeIfAbsent(id, k -> new Stats());
            s.min = Math.min(s.min, value);
            s.max = Math.max(s.max, value);
            s.sum += value;
            s.count++;
            s.first = s.first == null ? record.time() : s.first;
            s.last = record.time();
            if (countWindow > 0 && s.count >= countWindow) {
                out.emit(result(id, stats.remove(id)));
            }
        }

        @Override
        public void tick(Instant now, Emitter out) {
            if (countWindow > 0 || now.toEpochMilli() - intervalStart < intervalMillis) {
                return;
            }
            intervalStart = now.toEpochMilli();
            stats.forEach((id, s) -> out.emit(result(id, s)));
            stats.clear();
        }

        private Record result(String id, Stats s) {
            Map<String, TypedValue> fields = new LinkedHashMap<>();
            fields.put(key, TypedValue.ofString(id));
            fields.put("min", TypedValue.ofDouble(s.min));
            fields.put("max", TypedValue.ofDouble(s.max));
            fields.put("mean", TypedValue.ofDouble(s.sum / s.count));
            fields.put("count", TypedValue.ofLong(s.count));
            fields.put("start", TypedValue.ofLong(s.first.toEpochMilli()));
            return new Record(s.last, fields);
        }
    }
}
