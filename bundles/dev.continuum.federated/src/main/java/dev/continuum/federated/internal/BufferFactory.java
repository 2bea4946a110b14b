package dev.continuum.federated.internal;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.Window;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code federated-buffer}: a pipeline sink that fills the participant's training buffer. It builds
 * tumbling windows of {@code length} samples (default 16) of {@code channels} (comma separated channel
 * ids, in the model's channel order; a window is complete when every channel has {@code length} values)
 * and keeps those that are normal: with {@code model} set, only windows the active version of that model
 * labels {@code normal}. Records with a status other than GOOD are skipped. Nothing is emitted.
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=federated-buffer")
public final class BufferFactory implements ComponentFactory {

    private final FederatedApp participant;
    private final InferenceService inference;

    @Activate
    public BufferFactory(@Reference FederatedApp participant, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) InferenceService inference) {
        this.participant = participant;
        this.inference = inference;
    }

    @Override
    public PortType input() {
        return PortType.SAMPLES;
    }

    @Override
    public PortType output() {
        return PortType.NONE;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        List<String> channels = Arrays.asList(context.required("channels").split("\\s*,\\s*"));
        int length = (int) context.number("length", 16);
        String model = context.string("model", "");
        if (length < 2) {
            throw new PipelineException("component '" + context.name() + "': 'length' must be >= 2, got " + length);
        }
        if (!model.isEmpty() && inference == null) {
            throw new PipelineException("component '" + context.name() + "': 'model' is set but no inference service runs");
        }
        Windower windower = new Windower(channels, length);
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) {
                TypedValue channel = record.field(Record.CHANNEL);
                TypedValue value = record.field(Record.VALUE);
                TypedValue status = record.field(Record.STATUS);
                if (channel == null || value == null || !value.isNumeric()
                        || (status != null && !"GOOD".equals(status.asString()))) {
                    return;
                }
                double[] window = windower.add(channel.asString(), value.asDouble());
                if (window != null && normal(model, window, record.time())) {
                    participant.buffer().offer(window);
                }
            }
        };
    }

    private boolean normal(String model, double[] window, Instant time) {
        if (model.isEmpty()) {
            return true;
        }
        float[] values = new float[window.length];
        for (int i = 0; i < window.length; i++) {
            values[i] = (float) window[i];
        }
        try {
            return "normal".equals(inference.infer(model, new Window(time, time, values, false)).label());
        } catch (InferenceException e) {
            return false;
        }
    }
}
