package dev.continuum.api.inference;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns samples into windows and windows into results, for one model.
 *
 * <p><b>Threading.</b> {@link #accept} is called by one thread at a time (a pipeline's); it builds
 * windows in place and queues complete ones. A stage thread scores queued windows in batches (up to
 * {@link StageConfig#maxBatch()}; a lone window is scored at once) and hands each result to the consumer
 * given at opening. When the queue is full, {@link #accept} blocks: windows are never dropped for load.
 *
 * <p><b>Lifecycle.</b> {@link #close()} scores the windows already queued, stops the stage thread and
 * returns; samples accepted after closing are ignored.
 */
@ProviderType
public interface InferenceStage extends AutoCloseable {

    /** Feeds one sample; samples of channels the stage does not consume are ignored. */
    void accept(dev.continuum.api.data.Sample sample);

    /** The stage's counters so far. */
    StageCounters counters();

    @Override
    void close();

    /**
     * Counters of one stage.
     *
     * @param samples samples accepted
     * @param windows windows completed
     * @param skipped windows dropped by {@link MissingValuePolicy#SKIP}
     * @param imputedValues missing or NaN values replaced
     * @param results results delivered
     * @param failures windows whose scoring failed (logged)
     * @param batches model runs
     */
    record StageCounters(
            long samples, long windows, long skipped, long imputedValues, long results, long failures, long batches) {
    }
}
