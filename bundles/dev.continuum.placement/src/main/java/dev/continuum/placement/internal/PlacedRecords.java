package dev.continuum.placement.internal;

import dev.continuum.api.data.Sample;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.pipeline.Record;
import dev.continuum.api.placement.Placement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sample records in, result records out: the {@code inference} component's fields plus {@code placement}. */
final class PlacedRecords {

    private PlacedRecords() {
    }

    static Sample sample(Record record) {
        TypedValue value = record.field(Record.VALUE);
        String status = text(record, Record.STATUS);
        return new Sample(text(record, Record.CHANNEL), value, record.time(), Instant.now(),
                value == null ? SampleStatus.BAD : SampleStatus.valueOf(status.isEmpty() ? "GOOD" : status),
                text(record, "message"));
    }

    static Record result(InferenceResult result, Placement placement) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        fields.put("model", TypedValue.ofString(result.model()));
        fields.put("version", TypedValue.ofString(result.version()));
        fields.put("score", TypedValue.ofDouble(result.score()));
        fields.put("label", TypedValue.ofString(result.label()));
        fields.put("latency.us", TypedValue.ofDouble(result.latencyNanos() / 1000.0));
        fields.put("window.start", TypedValue.ofLong(result.windowStart().toEpochMilli()));
        fields.put("placement", TypedValue.ofString(placement == null ? Placement.LOCAL.name() : placement.name()));
        return new Record(result.windowEnd(), fields);
    }

    private static String text(Record record, String field) {
        TypedValue value = record.field(field);
        return value == null || value.value() == null ? "" : value.value().toString();
    }
}
