package dev.continuum.inference.internal.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.ModelOptions;
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
     * Runs {@code rows} rows of {@code input} (row-major, {@link #rowSize()} each) and returns element 0
     * of each row of the score output. The caller holds a lease.
     */
    public float[] run(float[] input, int rows) throws OrtException {
        FloatBuffer buffer = InputBuffers.take(rows * rowSize);
        buffer.put(input, 0, rows * rowSize).flip();
        return run(buffer, rows);
    }

    /**
     * As {@link #run(float[], int)} from a direct buffer positioned at the first value (ORT reads it in
     * place, without a copy). The caller holds a lease.
     */
    public float[] run(FloatBuffer input, int rows) throws OrtException {
        long[] shape = inputShape.clone();
        shape[0] = rows;
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), outputs)) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            FloatBuffer values = output.getFloatBuffer();
            int perRow = values.remaining() / rows;
            float[] scores = new float[rows];
            for (int r = 0; r < rows; r++) {
                scores[r] = values.get(r * perRow);
            }
            return scores;
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
