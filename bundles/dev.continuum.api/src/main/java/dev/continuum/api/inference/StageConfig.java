package dev.continuum.api.inference;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link InferenceStage} consumes and how it windows.
 *
 * <p>Channels: {@code channelIds.get(i)} feeds the model's channel {@code i}
 * ({@link WindowSpec#channels()}). With more than one channel, a time step is taken each time the first
 * channel delivers a sample, holding the latest value of the others.
 *
 * @param model the model's name
 * @param channelIds sample channel ids ({@code asset/channel}), one per model channel
 * @param kind count- or time-based windows
 * @param stride for COUNT: steps between window starts (0: the manifest's stride)
 * @param windowMillis for TIME: the window's span
 * @param strideMillis for TIME: time between window starts ({@code == windowMillis}: tumbling)
 * @param missing what to do with missing or NaN values
 * @param maxBatch most windows scored in one run
 * @param maxWaitMillis how long a batch may wait to fill when windows are queued (0: never wait; at
 *     low load a window is scored at once either way)
 */
public record StageConfig(
        String model,
        List<String> channelIds,
        WindowKind kind,
        int stride,
        long windowMillis,
        long strideMillis,
        MissingValuePolicy missing,
        int maxBatch,
        long maxWaitMillis) {

    public StageConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(missing, "missing");
        channelIds = List.copyOf(channelIds);
        if (channelIds.isEmpty()) {
            throw new IllegalArgumentException("a stage needs at least one channel id");
        }
        if (maxBatch < 1 || maxWaitMillis < 0 || stride < 0) {
            throw new IllegalArgumentException("maxBatch must be >= 1, maxWaitMillis and stride >= 0; got "
                    + maxBatch + ", " + maxWaitMillis + ", " + stride);
        }
        if (kind == WindowKind.TIME && (windowMillis < 1 || strideMillis < 1 || strideMillis > windowMillis)) {
            throw new IllegalArgumentException("a TIME stage needs windowMillis >= 1 and strideMillis between 1 and"
                    + " windowMillis; got " + windowMillis + " and " + strideMillis);
        }
    }

    /** Count windows with the manifest's length and stride, impute missing values, batches up to 64. */
    public static StageConfig count(String model, List<String> channelIds) {
        return new StageConfig(model, channelIds, WindowKind.COUNT, 0, 0, 0, MissingValuePolicy.IMPUTE, 64, 0);
    }
}
