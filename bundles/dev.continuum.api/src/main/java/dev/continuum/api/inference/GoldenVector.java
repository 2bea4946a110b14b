package dev.continuum.api.inference;

/**
 * A small test vector shipped with a model: a version is accepted only if running {@code input}
 * reproduces {@code expected} within {@code tolerance} (absolute, per element).
 *
 * @param input batch rows as the model sees them (already normalised)
 * @param expected the score output's rows for {@code input}
 * @param tolerance the largest accepted absolute difference
 */
public record GoldenVector(float[][] input, float[][] expected, double tolerance) {

    public GoldenVector {
        if (input.length == 0 || input.length != expected.length) {
            throw new IllegalArgumentException("golden input and expected need the same, non-zero number of rows;"
                    + " got " + input.length + " and " + expected.length);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("golden tolerance must be >= 0, got " + tolerance);
        }
    }
}
