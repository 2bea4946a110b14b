package dev.continuum.inference.internal.service;

import ai.onnxruntime.OrtException;
import dev.continuum.api.inference.DriftReport;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ModelStatus;
import dev.continuum.api.inference.ScoreDistribution;
import dev.continuum.api.inference.ShadowReport;
import dev.continuum.api.inference.Window;
import dev.continuum.api.inference.WindowSpec;
import dev.continuum.inference.internal.drift.DriftMonitor;
import dev.continuum.inference.internal.drift.ScoreHistogram;
import dev.continuum.inference.internal.runtime.InputBuffers;
import dev.continuum.inference.internal.runtime.LoadedModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of one model name: the active one (swapped atomically), an optional shadow candidate,
 * and the name of the previous one. Scoring leases the active version for the whole batch, so a swap
 * never splits a batch or loses a window.
 */
final class ModelSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSlot.class);

    /** The active version with what scoring needs precomputed. */
    private record Active(LoadedModel model, DriftMonitor drift, ScoreHistogram scores, float[] mean,
            float[] inverseStd) {
        static Active of(LoadedModel model) {
            WindowSpec spec = model.manifest().window();
            double[] mean = spec.mean();
            double[] std = spec.std();
            float[] fmean = new float[mean.length];
            float[] inverse = new float[std.length];
            for (int c = 0; c < mean.length; c++) {
                fmean[c] = (float) mean[c];
                inverse[c] = (float) (1.0 / std[c]);
            }
            return new Active(model, new DriftMonitor(model.manifest(), model.options().driftThreshold(),
                    model.options().driftWindow()), new ScoreHistogram(model.manifest()), fmean, inverse);
        }
    }

    private final String name;
    private final AtomicReference<Active> active = new AtomicReference<>();
    private final AtomicReference<LoadedModel> shadow = new AtomicReference<>();
    private final ShadowStats shadowStats = new ShadowStats();
    private final LongAdder windowsScored = new LongAdder();
    private volatile String previousVersion;

    ModelSlot(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Makes {@code next} active and closes the replaced version once its in-flight runs completed. */
    Optional<String> swap(LoadedModel next) {
        Active old = active.getAndSet(Active.of(next));
        if (old == null) {
            return Optional.empty();
        }
        old.model().close();
        return Optional.of(old.model().manifest().version());
    }

    void previousVersion(Optional<String> version) {
        previousVersion = version.orElse(null);
    }

    Optional<String> previousVersion() {
        return Optional.ofNullable(previousVersion);
    }

    Optional<LoadedModel> activeModel() {
        Active current = active.get();
        return current == null ? Optional.empty() : Optional.of(current.model());
    }

    /** Starts shadowing with {@code candidate}; closes a candidate it replaces. */
    void shadow(LoadedModel candidate) {
        shadowStats.reset(candidate.manifest().version());
        LoadedModel old = shadow.getAndSet(candidate);
        if (old != null) {
            old.close();
        }
    }

    Optional<LoadedModel> takeShadow() {
        return Optional.ofNullable(shadow.getAndSet(null));
    }

    Optional<ShadowReport> shadowReport() {
        return shadow.get() == null ? Optional.empty() : Optional.of(shadowStats.report());
    }

    List<InferenceResult> score(List<Window> windows) throws InferenceException {
        while (true) {
            Active current = active.get();
            if (current == null) {
                throw new InferenceException("model '" + name + "' has no active version");
            }
            if (current.model().tryAcquire()) {
                try {
                    return scoreOn(current, windows);
                } finally {
                    current.model().release();
                }
            }
        }
    }

    private List<InferenceResult> scoreOn(Active current, List<Window> windows) throws InferenceException {
        LoadedModel model = current.model();
        ModelManifest manifest = model.manifest();
        WindowSpec spec = manifest.window();
        int rows = windows.size();
        int size = spec.size();
        int channels = spec.channels().size();
        float[] mean = current.mean();
        float[] inverseStd = current.inverseStd();
        FloatBuffer input = InputBuffers.take(rows * size);
        double[] channelMeans = new double[rows * channels];
        for (int r = 0; r < rows; r++) {
            float[] values = windows.get(r).values();
            if (values.length != size) {
                throw new InferenceException("window " + r + " for " + manifest.id() + " holds " + values.length
                        + " values; the model takes " + spec.length() + " steps x " + channels + " channels = " + size);
            }
            int offset = r * size;
            for (int i = 0; i < size; i += channels) {
                for (int c = 0; c < channels; c++) {
                    float value = values[i + c];
                    input.put(offset + i + c, (value - mean[c]) * inverseStd[c]);
                    channelMeans[r * channels + c] += value;
                }
            }
            for (int c = 0; c < channels; c++) {
                channelMeans[r * channels + c] /= spec.length();
            }
        }
        long start = System.nanoTime();
        LoadedModel.Scores scored;
        try {
            scored = model.run(input.duplicate(), rows);
        } catch (OrtException e) {
            throw new InferenceException("running " + manifest.id() + " failed: " + e.getMessage(), e);
        }
        long latency = System.nanoTime() - start;
        float[] scores = scored.score();
        List<String> labels = manifest.score().labels();
        List<InferenceResult> results = new ArrayList<>(rows);
        current.drift().observe(channelMeans, scores, rows);
        current.scores().add(scores, rows);
        for (int r = 0; r < rows; r++) {
            Window window = windows.get(r);
            results.add(new InferenceResult(name, manifest.version(), scores[r], labels.get(scored.label()[r]),
                    latency, window.start(), window.end(), window.imputed()));
        }
        windowsScored.add(rows);
        compareWithShadow(input, rows, scored, manifest);
        return results;
    }

    private void compareWithShadow(FloatBuffer input, int rows, LoadedModel.Scores scores, ModelManifest manifest) {
        LoadedModel candidate = shadow.get();
        if (candidate == null || !candidate.tryAcquire()) {
            return;
        }
        try {
            LoadedModel.Scores candidateScores = candidate.run(input.duplicate(), rows);
            shadowStats.add(manifest.score(), scores, candidate.manifest().score(), candidateScores);
        } catch (OrtException e) {
            LOG.warn("{}: shadow candidate {} failed on a batch: {}", name, candidate.manifest().version(), e.getMessage());
        } finally {
            candidate.release();
        }
    }

    DriftReport drift() throws InferenceException {
        Active current = active.get();
        if (current == null) {
            throw new InferenceException("model '" + name + "' has no active version");
        }
        return current.drift().report();
    }

    Optional<ScoreDistribution> scoreDistribution() {
        Active current = active.get();
        return current == null ? Optional.empty() : Optional.of(current.scores().snapshot());
    }

    Optional<ModelStatus> status() {
        Active current = active.get();
        if (current == null) {
            return Optional.empty();
        }
        LoadedModel candidate = shadow.get();
        return Optional.of(new ModelStatus(name, current.model().manifest().version(), previousVersion(),
                Optional.ofNullable(candidate).map(m -> m.manifest().version()), current.model().provider(),
                current.model().options(), windowsScored.sum()));
    }

    /** Closes every version; the slot is unusable afterwards. */
    void close() {
        takeShadow().ifPresent(LoadedModel::close);
        Active current = active.getAndSet(null);
        if (current != null) {
            current.model().close();
        }
    }
}
