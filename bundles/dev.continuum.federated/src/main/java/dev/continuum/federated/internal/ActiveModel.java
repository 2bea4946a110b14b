package dev.continuum.federated.internal;

/**
 * The version of a model that serves on this gateway now, as far as the participant needs it: to compare
 * each new global model with it on the local holdout.
 */
@FunctionalInterface
interface ActiveModel {

    /** What the active version of {@code model} says about {@code windows}, or null when none is active. */
    Verdict score(String model, double[][] windows);

    /**
     * @param version the active version
     * @param scores one score per window
     * @param anomalies windows it labels as anomalies
     */
    record Verdict(String version, double[] scores, int anomalies) {
    }

    /** A gateway without inference: nothing to compare with. */
    ActiveModel NONE = (model, windows) -> null;
}
