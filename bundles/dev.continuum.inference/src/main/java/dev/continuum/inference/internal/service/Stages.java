package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.InferenceException;
import dev.continuum.api.inference.InferenceResult;
import dev.continuum.api.inference.InferenceStage;
import dev.continuum.api.inference.ModelManifest;
import dev.continuum.api.inference.StageConfig;
import dev.continuum.api.inference.WindowKind;
import dev.continuum.api.inference.WindowSpec;
import dev.continuum.inference.internal.window.CountWindower;
import dev.continuum.inference.internal.window.Scorer;
import dev.continuum.inference.internal.window.ScoringPool;
import dev.continuum.inference.internal.window.TimeWindower;
import dev.continuum.inference.internal.window.Windower;
import java.util.function.Consumer;

/** Opens stages for a model's manifest, checking the stage configuration against it. */
final class Stages {

    private Stages() {
    }

    /**
     * @param sharing stages opened with an equal key (and equal batch settings) are scored in shared batches
     */
    static InferenceStage open(ScoringPool pool, Object sharing, StageConfig config, ModelManifest manifest,
            Scorer scorer, Consumer<InferenceResult> results, Runnable onClose) throws InferenceException {
        WindowSpec spec = manifest.window();
        int channels = spec.channels().size();
        if (config.channelIds().size() != channels) {
            throw new InferenceException("stage for " + manifest.id() + " names " + config.channelIds().size()
                    + " channel ids " + config.channelIds() + "; the model takes " + channels + ": " + spec.channels());
        }
        int stride = config.stride() == 0 ? spec.stride() : config.stride();
        if (stride > spec.length()) {
            throw new InferenceException("stage stride " + stride + " exceeds the window length " + spec.length()
                    + " of " + manifest.id());
        }
        Windower windower = config.kind() == WindowKind.COUNT
                ? new CountWindower(spec.length(), stride, channels)
                : new TimeWindower(spec.length(), channels, config.windowMillis(), config.strideMillis());
        return pool.open(sharing, config, windower, spec.mean(), scorer, results, onClose);
    }
}
