package dev.continuum.api.pipeline;

import dev.continuum.api.data.TypedValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What flows on a pipeline's wires: named typed fields at one instant (Kura's WireRecord).
 *
 * <p>Records from asset sources carry {@link #CHANNEL}, {@link #VALUE} and {@link #STATUS}; other
 * components add or replace fields. Immutable.
 *
 * @param time the source time of the data the record describes
 * @param fields the fields, in insertion order
 */
public record Record(Instant time, Map<String, TypedValue> fields) {

    /** Field of sample records: the channel id, {@code asset/channel}. */
    public static final String CHANNEL = "channel";
    /** Field of sample records: the value (absent for a BAD sample without a value). */
    public static final String VALUE = "value";
    /** Field of sample records: GOOD, UNCERTAIN or BAD. */
    public static final String STATUS = "status";

    public Record {
        Objects.requireNonNull(time, "time");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field, or {@code null}. */
    public TypedValue field(String name) {
        return fields.get(name);
    }

    /** A copy with one field added or replaced. */
    public Record with(String name, TypedValue value) {
        Map<String, TypedValue> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new Record(time, copy);
    }
}
