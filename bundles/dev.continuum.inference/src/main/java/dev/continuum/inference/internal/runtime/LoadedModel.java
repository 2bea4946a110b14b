package dev.continuum.inference.internal.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.api.inference.ScoreSpec;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One model version with its open session. Runs are leased: {@link #tryAcquire()} before a run,
 * {@link #release()} after; {@link #close()} waits for the runs in flight and then closes the session,
 * so a swapped-out version finishes its windows before it goes away.
 */
public final class LoadedModel implements AutoCloseable {

    private final OrtEnvironment environment;
    private final ModelManifest manifest;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final ModelOptions options;
    private final String inputName;
    private final long[] inputShape;
    private final int rowSize;
    private final Set<String> outputs;
    private final boolean argmax;
    private final double threshold;
    private final int labelCount;
    private final ReentrantReadWriteLock leases = new ReentrantReadWriteLock();
    private boolean closed;

    LoadedModel(OrtEnvironment environment, ModelManifest manifest, OrtSession session, ExecutionProvider provider,
            ModelOptions options) {
        this.environment = environment;
        this.manifest = manifest;
        this.session = session;
        this.provider = provider;
        this.options = options;
        this.inputName = manifest.inputs().get(0).name();
        this.inputShape = manifest.inputs().get(0).shape();
        this.rowSize = (int) manifest.inputs().get(0).rowSize();
        this.outputs = Set.of(manifest.score().output());
        this.argmax = manifest.score().kind() == ScoreSpec.Kind.ARGMAX;
        this.threshold = manifest.score().threshold();
        this.labelCount = manifest.score().labels().size();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    public ModelOptions options() {
        return options;
    }

    OrtSession session() {
        return session;
    }

    public int rowSize() {
        return rowSize;
    }

    /**
     * Leases the session for one run; false once the version is closing or closed (take the current one
     * instead). Never blocks: a caller that raced a swap moves on to the new version.
     */
    public boolean tryAcquire() {
        if (!leases.readLock().tryLock()) {
            return false;
        }
        if (closed) {
            leases.readLock().unlock();
            return false;
        }
        return true;
    }

    public void release() {
        leases.readLock().unlock();
    }

    /**
     * The post-processed outputs of a batch: per row, the score and the index of its label in
     * {@link dev.continuum.api.inference.ScoreSpec#labels()}.
     */
    public record Scores(float[] score, int[] label) {
    }

    /**
     * Runs {@code rows} rows of {@code input} (row-major, {@link #rowSize()} each) and returns every value
     * of the score output, row-major ({@code length / rows} per row). The caller holds a lease.
     */
    public float[] runRaw(float[] input, int rows) throws OrtException {
        FloatBuffer buffer = InputBuffers.take(rows * rowSize);
        buffer.put(input, 0, rows * rowSize).flip();
        try (OrtSession.Result result = runOn(buffer, rows)) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] all = new float[values.remaining()];
            values.get(all);
            return all;
        }
    }

    /**
     * Runs {@code rows} rows from a direct buffer positioned at the first value (ORT reads it in place,
     * without a copy) and post-processes each output row by the manifest's score spec. The caller holds a
     * lease.
     */
    public Scores run(FloatBuffer input, int rows) throws OrtException {
        try (OrtSession.Result result = runOn(input, rows)) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int perRow = values.remaining() / rows;
            float[] scores = new float[rows];
            int[] labels = new int[rows];
            if (argmax) {
                if (perRow != labelCount) {
                    throw new IllegalStateException(manifest.id() + " output '" + manifest.score().output() + "' has "
                            + perRow + " values per row but score.labels names " + labelCount);
                }
                for (int r = 0; r < rows; r++) {
                    int base = r * perRow;
                    int best = 0;
                    float bestValue = values.get(base);
                    for (int c = 1; c < perRow; c++) {
                        float value = values.get(base + c);
                        if (value > bestValue) {
                            best = c;
                            bestValue = value;
                        }
                    }
                    scores[r] = bestValue;
                    labels[r] = best;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    scores[r] = values.get(r * perRow);
                    labels[r] = scores[r] >= threshold ? 1 : 0;
                }
            }
            return new Scores(scores, labels);
        }
    }

    private OrtSession.Result runOn(FloatBuffer input, int rows) throws OrtException {
        long[] shape = inputShape.clone();
        shape[0] = rows;
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape)) {
            return session.run(Map.of(inputName, tensor), outputs);
        }
    }

    /** Waits for the runs in flight, then closes the session; idempotent. */
    @Override
    public void close() {
        leases.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing the session of " + manifest.id() + " failed", e);
        } finally {
            leases.writeLock().unlock();
        }
    }
}
