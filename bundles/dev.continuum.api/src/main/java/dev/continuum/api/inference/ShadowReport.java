package dev.continuum.api.inference;

/**
 * How a shadow candidate compared with the active version on the same windows.
 *
 * @param candidateVersion the shadow version
 * @param windows windows both versions scored
 * @param labelAgreements windows on which both gave the same label
 * @param meanAbsScoreDelta mean absolute difference of the two scores
 */
public record ShadowReport(String candidateVersion, long windows, long labelAgreements, double meanAbsScoreDelta) {

    /** Fraction of windows with the same label; 1 when no window was compared yet. */
    public double agreement() {
        return windows == 0 ? 1.0 : (double) labelAgreements / windows;
    }
}
