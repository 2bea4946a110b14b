package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.asset.SampleListener;
import dev.continuum.api.data.Sample;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.pipeline.Record;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;

/**
 * {@code source}: the samples of asset channels, selected by {@code channels} (patterns over
 * {@code asset/channel} ids, comma separated or a list; {@code *} matches any run of characters), as
 * records with {@code channel}, {@code value} and {@code status} (and {@code message} when not GOOD).
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=source")
public final class SourceFactory implements ComponentFactory {

    private final BundleContext bundleContext;

    @Activate
    public SourceFactory(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    @Override
    public PortType input() {
        return PortType.NONE;
    }

    @Override
    public PortType output() {
        return PortType.SAMPLES;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        Object channels = context.config().get("channels");
        if (channels == null || channels.toString().isBlank()) {
            throw new PipelineException("component '" + context.name()
                    + "': 'channels' is required (patterns such as press-1/* or */temperature)");
        }
        String[] patterns = channels instanceof List<?> list
                ? list.stream().map(String::valueOf).toArray(String[]::new)
                : channels.toString().split("\\s*,\\s*");
        Emitter output = context.output();
        SampleListener listener = sample -> output.emit(record(sample));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(SampleListener.CHANNELS, patterns);
        properties.put("pipeline.name", context.pipeline());
        ServiceRegistration<SampleListener> registration =
                bundleContext.registerService(SampleListener.class, listener, properties);
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) {
                out.emit(record);
            }

            @Override
            public void close() {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping
                }
            }
        };
    }

    static Record record(Sample sample) {
        Map<String, TypedValue> fields = new LinkedHashMap<>();
        fields.put(Record.CHANNEL, TypedValue.ofString(sample.channelId()));
        if (sample.value() != null) {
            fields.put(Record.VALUE, sample.value());
        }
        fields.put(Record.STATUS, TypedValue.ofString(sample.status().name()));
        if (!sample.message().isEmpty()) {
            fields.put("message", TypedValue.ofString(sample.message()));
        }
        return new Record(sample.sourceTime(), fields);
    }
}
