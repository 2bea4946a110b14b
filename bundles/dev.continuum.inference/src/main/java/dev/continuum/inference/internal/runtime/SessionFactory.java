package dev.continuum.inference.internal.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.continuum.api.inference.ExecutionProvider;
import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.ModelOptions;
import dev.continuum.inference.internal.store.StoredModel;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime sessions from model bytes. The environment is created once per JVM (ORT holds
 * it as a singleton); a requested GPU provider that cannot be used falls back to CPU with a warning.
 */
public final class SessionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private final OrtEnvironment environment;

    public SessionFactory(Path nativeDirectory) {
        NativeLibraries.prepare(nativeDirectory);
        this.environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "continuum");
    }

    public OrtEnvironment environment() {
        return environment;
    }

    /** Loads {@code stored} (not yet validated against its manifest: see {@link ModelValidator}). */
    public LoadedModel load(StoredModel stored, ModelOptions options) throws InferenceException {
        String id = stored.manifest().id();
        ExecutionProvider provider = options.provider();
        if (provider != ExecutionProvider.CPU) {
            try {
                return new LoadedModel(environment, stored.manifest(), create(stored, options, provider), provider, options);
            } catch (OrtException | RuntimeException | LinkageError e) {
                LOG.warn("{}: execution provider {} is not available here ({}); running on CPU instead",
                        id, provider, e.getMessage());
            }
        }
        try {
            return new LoadedModel(environment, stored.manifest(), create(stored, options, ExecutionProvider.CPU),
                    ExecutionProvider.CPU, options);
        } catch (OrtException e) {
            throw new InferenceException("load: ONNX Runtime cannot load " + id + " (corrupt or truncated model,"
                    + " or an operator it does not support): " + e.getMessage(), e);
        }
    }

    private OrtSession create(StoredModel stored, ModelOptions options, ExecutionProvider provider)
            throws OrtException {
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                sessionOptions.setInterOpNumThreads(options.interOpThreads());
            }
            switch (provider) {
                case CUDA -> sessionOptions.addCUDA(0);
                case TENSORRT -> sessionOptions.addTensorrt(0);
                case CPU -> { }
                default -> throw new IllegalStateException("unhandled provider " + provider);
            }
            return environment.createSession(stored.model(), sessionOptions);
        }
    }
}
