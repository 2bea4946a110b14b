package dev.continuum.inference.internal.service;

import dev.continuum.api.inference.ScoreSpec;
import dev.continuum.api.inference.ShadowReport;

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

    synchronized void add(ScoreSpec activeSpec, float[] active, ScoreSpec candidateSpec, float[] candidate) {
        for (int i = 0; i < active.length; i++) {
            windows++;
            if (activeSpec.label(active[i]).equals(candidateSpec.label(candidate[i]))) {
                agreements++;
            }
            absDeltaSum += Math.abs(active[i] - candidate[i]);
        }
    }

    synchronized ShadowReport report() {
        return new ShadowReport(version, windows, agreements, windows == 0 ? 0 : absDeltaSum / windows);
    }
}
