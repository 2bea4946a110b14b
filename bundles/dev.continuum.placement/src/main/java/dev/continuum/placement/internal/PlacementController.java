package dev.continuum.placement.internal;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.PortType;
import dev.continuum.api.placement.Placement;
import dev.continuum.api.placement.PlacementDecision;
import dev.continuum.api.placement.PlacementException;
import dev.continuum.api.placement.PlacementService;
import dev.continuum.api.placement.WorkloadStatus;
import dev.continuum.placement.internal.targets.RemoteTarget;
import dev.continuum.placement.internal.workload.Workload;
import dev.continuum.placement.internal.workload.WorkloadSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placement controller and the {@code placed-inference} pipeline component type: each such component
 * is a workload whose stage's windows are scored by its {@link Workload}; a tick thread re-evaluates every
 * workload's placement. Remote targets come and go as {@link RemoteTarget} configurations do.
 */
@org.osgi.service.component.annotations.Component(service = {PlacementService.class, ComponentFactory.class},
        configurationPid = ControllerConfig.PID,
        property = ComponentFactory.TYPE + "=" + PlacementController.TYPE)
@Designate(ocd = ControllerConfig.class)
public final class PlacementController implements PlacementService, ComponentFactory {

    static final String TYPE = "placed-inference";
    private static final Logger LOG = LoggerFactory.getLogger(PlacementController.class);

    private final InferenceService inference;
    private final ControllerConfig config;
    private final Map<String, Workload> workloads = new ConcurrentHashMap<>();
    private final Map<Placement, RemoteTarget> targets = new ConcurrentHashMap<>();
    private final CpuMeter cpu;
    private final ScheduledExecutorService ticker;

    @Activate
    public PlacementController(@Reference InferenceService inference, ControllerConfig config) {
        this.inference = inference;
        this.config = config;
        this.cpu = new CpuMeter(config.tickMillis(), config.measureMillis());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "continuum-placement");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, config.tickMillis(), config.tickMillis(), TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTarget(RemoteTarget target) {
        RemoteTarget previous = targets.put(target.placement(), target);
        if (previous != null && previous != target) {
            LOG.warn("two placement targets for {}: the newer one is used", target.placement());
        }
    }

    void removeTarget(RemoteTarget target) {
        targets.remove(target.placement(), target);
    }

    @Deactivate
    void deactivate() {
        ticker.shutdownNow();
    }

    private void tick() {
        try {
            double load = cpu.sample();
            long now = System.nanoTime();
            long span = TimeUnit.MILLISECONDS.toNanos(config.measureMillis());
            long probe = TimeUnit.MILLISECONDS.toNanos(config.probeMillis());
            workloads.values().forEach(w -> w.tick(now, load, span, probe));
        } catch (RuntimeException e) {
            LOG.error("placement tick failed", e);
        }
    }

    @Override
    public PortType input() {
        return PortType.SAMPLES;
    }

    @Override
    public PortType output() {
        return PortType.RESULTS;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        WorkloadSpec spec = WorkloadSpecs.parse(context, inference);
        Workload workload = new Workload(spec, inference, targets::get, config.cpuHigh(), config.errorMax());
        InferenceStage stage;
        try {
            stage = inference.openStage(StageConfig.count(spec.model(), WorkloadSpecs.channelIds(context)), workload,
                    result -> context.output().emit(PlacedRecords.result(result, workload.scoredAt())));
        } catch (InferenceException | IllegalArgumentException e) {
            throw new PipelineException("component '" + context.name() + "': " + e.getMessage(), e);
        }
        workloads.put(spec.name(), workload);
        return new Component() {
            @Override
            public void accept(dev.continuum.api.pipeline.Record record, dev.continuum.api.pipeline.Emitter out) {
                stage.accept(PlacedRecords.sample(record));
            }

            @Override
            public void close() {
                stage.close();
                workloads.remove(spec.name(), workload);
            }
        };
    }

    @Override
    public List<WorkloadStatus> workloads() {
        return workloads.values().stream().map(w -> w.status(cpu.load(), span()))
                .sorted(Comparator.comparing(WorkloadStatus::name)).toList();
    }

    @Override
    public Optional<WorkloadStatus> workload(String name) {
        return Optional.ofNullable(workloads.get(name)).map(w -> w.status(cpu.load(), span()));
    }

    @Override
    public List<PlacementDecision> decisions(String name) {
        Workload workload = workloads.get(name);
        return workload == null ? List.of() : workload.decisions();
    }

    @Override
    public WorkloadStatus pin(String name, Placement placement) throws PlacementException {
        Workload workload = existing(name);
        workload.pin(placement);
        return workload.status(cpu.load(), span());
    }

    @Override
    public WorkloadStatus unpin(String name) throws PlacementException {
        Workload workload = existing(name);
        workload.unpin();
        return workload.status(cpu.load(), span());
    }

    private Workload existing(String name) throws PlacementException {
        Workload workload = workloads.get(name);
        if (workload == null) {
            throw new PlacementException("unknown workload '" + name + "'; placed: " + workloads.keySet());
        }
        return workload;
    }

    private long span() {
        return TimeUnit.MILLISECONDS.toNanos(config.measureMillis());
    }
}
