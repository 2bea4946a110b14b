package dev.continuum.placement.internal.targets;

import java.util.List;

/**
 * The scores of one remote request.
 *
 * @param version the model version that scored them
 * @param scores one per window, in order
 * @param labels one per window, in order
 */
public record Reply(String version, double[] scores, List<String> labels) {
}
