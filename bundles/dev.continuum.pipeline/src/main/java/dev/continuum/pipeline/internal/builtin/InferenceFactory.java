package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.Sample;
import dev.continuum.api.data.SampleStatus;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import dev.continuum.pipeline.internal.run.RunsOnSourceThreads;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code inference}: windows the sample records of {@code channels} (comma separated channel ids, in the
 * model's channel order) and scores each window with the active version of {@code model}; emits result
 * records ({@code model}, {@code version}, {@code score}, {@code label}, {@code latency.us},
 * {@code window.start}). Windowing follows the model's manifest (count windows); {@code stride} (steps
 * between window starts, 1 = sliding) overrides the manifest's stride.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=inference")
public final class InferenceFactory implements RunsOnSourceThreads {

    private final InferenceService inference;

    @Activate
    public InferenceFactory(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public PortType input() {
        return PortType.SAMPLES;
    }

    @Override
    public PortType output() {
        return PortType.RESULTS;
    }

    /**
     * Results come from the inference service's threads, so nothing is chained after it. Its {@code accept}
     * only windows the sample and queues a window for the scoring pool, so it runs on its source's threads
     * ({@link RunsOnSourceThreads}) rather than a thread of its own per component (per tag).
     */
    @Override
    public boolean ownThread() {
        return true;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String model = context.required("model");
        List<String> channels = Arrays.asList(context.required("channels").split("\\s*,\\s*"));
        double stride = context.number("stride", 0);
        if (stride < 0 || stride != Math.rint(stride)) {
            throw new PipelineException("component '" + context.name() + "': 'stride' must be a whole number >= 1"
                    + " (or 0 for the model's own stride), got " + stride);
        }
        StageConfig manifestWindows = StageConfig.count(model, channels);
        StageConfig config = new StageConfig(model, manifestWindows.channelIds(), manifestWindows.kind(), (int) stride,
                0, 0, manifestWindows.missing(), manifestWindows.maxBatch(), manifestWindows.maxWaitMillis());
        Emitter output = context.output();
        InferenceStage stage;
        try {
            stage = inference.openStage(config, result -> output.emit(record(result)));
        } catch (InferenceException | IllegalArgumentException e) {
            throw new PipelineException("component '" + context.name() + "': " + e.getMessage(), e);
        }
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) {
                TypedValue value = record.field(Record.VALUE);
                String status = Values.text(record, Record.STATUS);
                stage.accept(new Sample(Values.text(record, Record.CHANNEL), value, record.time(), Instant.now(),
                        value == null ? SampleStatus.BAD : status.isEmpty() ? SampleStatus.GOOD
                                : SampleStatus.valueOf(status), Values.text(record, "message")));
            }

            @Override
            public void close() {
                stage.close();
            }
        };
    }

    static Record record(InferenceResult result) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        fields.put("model", TypedValue.ofString(result.model()));
        fields.put("version", TypedValue.ofString(result.version()));
        fields.put("score", TypedValue.ofDouble(result.score()));
        fields.put("label", TypedValue.ofString(result.label()));
        fields.put("latency.us", TypedValue.ofDouble(result.latencyNanos() / 1000.0));
        fields.put("window.start", TypedValue.ofLong(result.windowStart() == null ? 0 : result.windowStart().toEpochMilli()));
        return new Record(result.windowEnd() == null ? Instant.now() : result.windowEnd(), fields);
    }
}
