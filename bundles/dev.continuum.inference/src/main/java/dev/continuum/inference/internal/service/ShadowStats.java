package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.api.inference.ShadowReport;
import dev.continuum.inference.internal.runtime.LoadedModel;

/** Agreement of a shadow candidate with the active version; thread-safe. */
final class ShadowStats {

    private String version = "";
    private long windows;
    private long agreements;
    private double absDeltaSum;

    synchronized void reset(String candidateVersion) {
        version = candidateVersion;
        windows = 0;
        agreements = 0;
        absDeltaSum = 0;
    }

    synchronized void add(ScoreSpec activeSpec, LoadedModel.Scores active, ScoreSpec candidateSpec,
            LoadedModel.Scores candidate) {
        for (int i = 0; i < active.score().length; i++) {
            windows++;
            if (activeSpec.labels().get(active.label()[i]).equals(candidateSpec.labels().get(candidate.label()[i]))) {
                agreements++;
            }
            absDeltaSum += Math.abs(active.score()[i] - candidate.score()[i]);
        }
    }

    synchronized ShadowReport report() {
        return new ShadowReport(version, windows, agreements, windows == 0 ? 0 : absDeltaSum / windows);
    }
}
