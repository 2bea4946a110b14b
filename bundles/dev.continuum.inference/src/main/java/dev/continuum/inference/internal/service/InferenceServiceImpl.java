package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.DriftReport;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceService;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.inference.ScoreDistribution;
import dev.continuum.api.inference.ShadowReport;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.Window;
import dev.continuum.api.inference.WindowScorer;
import dev.continuum.inference.internal.runtime.LoadedModel;
import dev.continuum.inference.internal.runtime.SessionFactory;
import dev.continuum.inference.internal.store.ModelStore;
import dev.continuum.inference.internal.store.StoredModel;
import dev.continuum.inference.internal.window.Scorer;
import dev.continuum.inference.internal.window.ScoringPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference service: the model store under {@code ${continuum.data}/models}, seeded with the
 * bundled default models. ONNX Runtime's start and the loading of every model with an active version run
 * on the installer thread right after activation (seconds on a small box, not on SCR's thread); installs
 * and reloads run on that thread after it; scoring runs on the callers' threads.
 */
@Component(service = {InferenceService.class, ModelHost.class})
public final class InferenceServiceImpl implements InferenceService, ModelHost {

    /** Framework property naming the gateway's data directory. */
    /** Framework property: the threads that score stages' windows (default: one per core). */
    static final String THREADS_PROPERTY = "continuum.inference.threads";
    public static final String DATA_PROPERTY = "continuum.data";
    private static final Logger LOG = LoggerFactory.getLogger(InferenceServiceImpl.class);

    private final ModelStore store;
    /** Set by the installer thread once ONNX Runtime started; read only after a slot has an active version. */
    private volatile Versions versions;
    private volatile boolean loaded;
    private final Map<String, ModelSlot> slots = new ConcurrentHashMap<>();
    private final Map<String, ModelOptions> options = new ConcurrentHashMap<>();
    private final Map<String, String> loadFailures = new ConcurrentHashMap<>();
    private final Set<InferenceStage> stages = ConcurrentHashMap.newKeySet();
    /** Scores every stage's windows; {@value #THREADS_PROPERTY} threads, one per core by default. */
    private final ScoringPool scoring;
    private final ExecutorService installer;

    @Activate
    public InferenceServiceImpl(BundleContext context) {
        Path data = Path.of(Optional.ofNullable(context.getProperty(DATA_PROPERTY))
                .orElseGet(() -> context.getDataFile("").getAbsolutePath()));
        this.store = new ModelStore(data.resolve("models"));
        this.installer = Executors.newSingleThreadExecutor(r -> new Thread(r, "continuum-inference-install"));
        this.scoring = new ScoringPool(threads(context.getProperty(THREADS_PROPERTY)));
        new DefaultModels(store).seed(context.getBundle());
        // ONNX Runtime's start and the models' loading take seconds on a small box: not on SCR's thread.
        // Everything later on the installer thread (installs, reloads) runs after this.
        installer.execute(() -> loadStore(data.resolve("runtime").resolve("onnxruntime")));
    }

    private static int threads(String property) {
        if (property == null || property.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(property.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_PROPERTY + " '" + property + "' is not a whole number >= 1");
    }

    private void loadStore(Path nativeDirectory) {
        try {
            versions = new Versions(store, new SessionFactory(nativeDirectory));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("ONNX Runtime did not start, no model will serve", e);
            store.activeNames().forEach(name -> loadFailures.put(name, "ONNX Runtime did not start: " + e));
            loaded = true;
            return;
        }
        for (String name : store.activeNames()) {
            try {
                ModelSlot slot = slot(name);
                versions.load(slot, store.pointer(name, ModelStore.ACTIVE).orElseThrow(), optionsFor(name));
                slot.previousVersion(store.pointer(name, ModelStore.PREVIOUS));
            } catch (InferenceException | RuntimeException e) {
                loadFailures.put(name, e.getMessage());
                LOG.error("model {} not loaded, it will not serve: {}", name, e.getMessage());
            }
        }
        loaded = true;
    }

    @Deactivate
    void deactivate() {
        stages.forEach(InferenceStage::close);
        scoring.close();
        installer.shutdownNow();
        try {
            installer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.values().forEach(ModelSlot::close);
        slots.clear();
    }

    @Override
    public CompletableFuture<ModelStatus> install(byte[] model, byte[] manifest) {
        return background(() -> {
            StoredModel stored = ModelStore.check(model, manifest);
            ModelSlot slot = slot(stored.manifest().name());
            LoadedModel loaded = versions().validated(stored, optionsFor(stored.manifest().name()));
            storeOrClose(stored, manifest, loaded);
            versions.activate(slot, loaded);
            loadFailures.remove(slot.name());
            return slot.status().orElseThrow();
        });
    }

    @Override
    public CompletableFuture<ModelStatus> installShadow(byte[] model, byte[] manifest) {
        return background(() -> {
            StoredModel stored = ModelStore.check(model, manifest);
            ModelSlot slot = existing(stored.manifest().name());
            LoadedModel loaded = versions().validated(stored, optionsFor(slot.name()));
            storeOrClose(stored, manifest, loaded);
            slot.shadow(loaded);
            return slot.status().orElseThrow();
        });
    }

    /** Writes a validated version to the store; if the store refuses it, its session is closed (not leaked). */
    private void storeOrClose(StoredModel stored, byte[] manifest, LoadedModel loaded) throws InferenceException {
        try {
            store.put(stored, manifest);
        } catch (InferenceException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    @Override
    public ModelStatus promote(String model) throws InferenceException {
        ModelSlot slot = existing(model);
        synchronized (slot) {
            LoadedModel candidate = slot.takeShadow()
                    .orElseThrow(() -> new InferenceException("model '" + model + "' has no shadow candidate"));
            versions.activate(slot, candidate);
            return slot.status().orElseThrow();
        }
    }

    @Override
    public ModelStatus discardShadow(String model) throws InferenceException {
        ModelSlot slot = existing(model);
        slot.takeShadow().orElseThrow(() -> new InferenceException("model '" + model + "' has no shadow candidate"))
                .close();
        return slot.status().orElseThrow();
    }

    @Override
    public Optional<ShadowReport> shadowReport(String model) {
        return Optional.ofNullable(slots.get(model)).flatMap(ModelSlot::shadowReport);
    }

    @Override
    public ModelStatus rollback(String model) throws InferenceException {
        ModelSlot slot = existing(model);
        synchronized (slot) {
            String previous = slot.previousVersion().orElseThrow(
                    () -> new InferenceException("model '" + model + "' has no previous version to roll back to"));
            LoadedModel loaded = versions.validated(store.read(model, previous), optionsFor(model));
            versions.activate(slot, loaded);
            return slot.status().orElseThrow();
        }
    }

    @Override
    public InferenceResult infer(String model, Window window) throws InferenceException {
        return existing(model).score(List.of(window)).get(0);
    }

    @Override
    public List<InferenceResult> inferBatch(String model, List<Window> windows) throws InferenceException {
        return windows.isEmpty() ? List.of() : existing(model).score(windows);
    }

    @Override
    public InferenceStage openStage(StageConfig config, Consumer<InferenceResult> results) throws InferenceException {
        // The stages of one model share batches: one run scores the windows of many stages (tags).
        ModelSlot slot = existing(config.model());
        return openStage(slot, config, slot::score, results);
    }

    @Override
    public InferenceStage openStage(StageConfig config, WindowScorer scorer, Consumer<InferenceResult> results)
            throws InferenceException {
        return openStage(new Object(), config, scorer::score, results);
    }

    private InferenceStage openStage(Object sharing, StageConfig config, Scorer scorer,
            Consumer<InferenceResult> results) throws InferenceException {
        ModelManifest manifest = manifest(config.model())
                .orElseThrow(() -> new InferenceException("model '" + config.model() + "' has no active version"));
        InferenceStage[] self = new InferenceStage[1];
        self[0] = Stages.open(scoring, sharing, config, manifest, scorer, results, () -> stages.remove(self[0]));
        stages.add(self[0]);
        return self[0];
    }

    @Override
    public Optional<ModelManifest> manifest(String model) {
        return Optional.ofNullable(slots.get(model)).flatMap(ModelSlot::activeModel).map(LoadedModel::manifest);
    }

    @Override
    public Optional<ModelStatus> status(String model) {
        return Optional.ofNullable(slots.get(model)).flatMap(ModelSlot::status);
    }

    @Override
    public List<ModelStatus> models() {
        return slots.values().stream().flatMap(slot -> slot.status().stream())
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public Optional<ScoreDistribution> scoreDistribution(String model) {
        return Optional.ofNullable(slots.get(model)).flatMap(ModelSlot::scoreDistribution);
    }

    @Override
    public DriftReport drift(String model) throws InferenceException {
        return existing(model).drift();
    }

    @Override
    public void configure(String model, ModelOptions modelOptions) {
        options.put(model, modelOptions);
        // On the installer thread, after the start-up loading: reload if the active version runs otherwise.
        background(() -> {
            ModelSlot slot = slots.get(model);
            if (slot == null || slot.activeModel().map(m -> m.options().equals(modelOptions)).orElse(true)) {
                return null;
            }
            synchronized (slot) {
                String version = slot.activeModel().orElseThrow().manifest().version();
                versions.swapKeepingPrevious(slot, versions.validated(store.read(model, version), modelOptions));
            }
            return slot.status().orElseThrow();
        }).exceptionally(e -> {
            LOG.error("model {}: reloading with {} failed, it keeps its old options: {}", model, modelOptions,
                    e.getMessage());
            return null;
        });
    }

    @Override
    public void unconfigure(String model) {
        options.remove(model);
    }

    @Override
    public Map<String, String> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    @Override
    public boolean loading() {
        return !loaded;
    }

    private Versions versions() throws InferenceException {
        Versions current = versions;
        if (current == null) {
            throw new InferenceException("ONNX Runtime did not start on this gateway (see the log); no model can run");
        }
        return current;
    }

    private ModelOptions optionsFor(String model) {
        return options.getOrDefault(model, ModelOptions.DEFAULT);
    }

    private ModelSlot slot(String name) {
        return slots.computeIfAbsent(name, ModelSlot::new);
    }

    private ModelSlot existing(String model) throws InferenceException {
        ModelSlot slot = slots.get(model);
        if (slot == null || slot.activeModel().isEmpty()) {
            throw new InferenceException("unknown model '" + model + "'; running: "
                    + models().stream().map(ModelStatus::name).toList());
        }
        return slot;
    }

    private interface Work {
        ModelStatus run() throws InferenceException;
    }

    private CompletableFuture<ModelStatus> background(Work work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (InferenceException e) {
                LOG.warn("rejected: {}", e.getMessage());
                throw new CompletionException(e);
            }
        }, installer);
    }
}
