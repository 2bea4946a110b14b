package dev.continuum.api.inference;

import java.util.Objects;

/**
 * How one model runs: per model, from the model's configuration.
 *
 * @param provider the execution provider asked for
 * @param intraOpThreads threads inside one operator (0: ONNX Runtime's default)
 * @param interOpThreads threads across operators (0: ONNX Runtime's default)
 * @param driftThreshold population stability index at or above which a feature counts as drifting
 * @param driftWindow how many recent windows drift is computed over (also the minimum before any verdict)
 */
public record ModelOptions(
        ExecutionProvider provider, int intraOpThreads, int interOpThreads, double driftThreshold, int driftWindow) {

    /** CPU, one intra-op and one inter-op thread, drift threshold 0.25 over 500 windows. */
    public static final ModelOptions DEFAULT = new ModelOptions(ExecutionProvider.CPU, 1, 1, 0.25, 500);

    public ModelOptions {
        Objects.requireNonNull(provider, "provider");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0: runtime default), got intra "
                    + intraOpThreads + ", inter " + interOpThreads);
        }
        if (!(driftThreshold > 0) || driftWindow < 10) {
            throw new IllegalArgumentException("drift threshold must be > 0 and drift window >= 10, got "
                    + driftThreshold + " and " + driftWindow);
        }
    }
}
