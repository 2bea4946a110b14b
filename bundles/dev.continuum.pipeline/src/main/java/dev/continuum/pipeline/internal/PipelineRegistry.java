package dev.continuum.pipeline.internal;

import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PipelineStatus;
import dev.continuum.api.pipeline.Pipelines;
import dev.continuum.pipeline.internal.graph.GraphSpec;
import dev.continuum.pipeline.internal.run.FactoryLookup;
import dev.continuum.pipeline.internal.run.PipelineRunner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Tracks the component factories by type and the running pipelines; serves {@link Pipelines}. */
@Component(service = {Pipelines.class, PipelineRegistry.class})
public final class PipelineRegistry implements Pipelines, FactoryLookup {

    private final Map<String, ComponentFactory> factories = new ConcurrentHashMap<>();
    private final List<PipelineInstance> pipelines = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(ComponentFactory factory, Map<String, Object> properties) {
        String type = String.valueOf(properties.get(ComponentFactory.TYPE));
        factories.put(type, factory);
        pipelines.forEach(pipeline -> pipeline.factoryAdded(type));
    }

    void removeFactory(ComponentFactory factory, Map<String, Object> properties) {
        String type = String.valueOf(properties.get(ComponentFactory.TYPE));
        if (factories.remove(type, factory)) {
            pipelines.forEach(pipeline -> pipeline.factoryRemoved(type));
        }
    }

    @Override
    public ComponentFactory factory(String type) {
        return factories.get(type);
    }

    @Override
    public Collection<String> types() {
        return List.copyOf(factories.keySet());
    }

    void register(PipelineInstance pipeline) {
        pipelines.add(pipeline);
    }

    void unregister(PipelineInstance pipeline) {
        pipelines.remove(pipeline);
    }

    @Override
    public List<PipelineStatus> status() {
        List<PipelineStatus> result = new ArrayList<>();
        pipelines.forEach(pipeline -> result.add(pipeline.status()));
        result.sort(Comparator.comparing(PipelineStatus::name));
        return result;
    }

    @Override
    public void validate(String graphJson) throws PipelineException {
        PipelineRunner.validate("validation", GraphSpec.parse(graphJson), this);
    }
}
