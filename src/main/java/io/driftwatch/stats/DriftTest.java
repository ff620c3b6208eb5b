package io.driftwatch.stats;

/**
 * A statistical drift test as the drift layer sees it: Evidently's registry name and display name,
 * its default threshold, the comparison that turns score and threshold into a verdict, and the run
 * itself. Implementations are immutable final classes with {@code withDefaults()} and
 * {@code with…} methods for their options; {@link DriftTests} lists them by name.
 *
 * <p>Implementations are thread-safe: immutable.
 */
public interface DriftTest {

    /** Evidently's registry name, e.g. {@code ks}, {@code psi}, {@code TVD}. */
    String name();

    /** What Evidently's reports print, e.g. {@code K-S p_value}. */
    String displayName();

    /** Whether the score is a p-value or a distance. */
    ScoreKind scoreKind();

    /** How the score is compared with the threshold. */
    Comparison comparison();

    /** The threshold used when the monitor sets none. */
    double defaultThreshold();

    /** Whether this test can run on columns of {@code kind}. */
    boolean appliesTo(ColumnKind kind);

    /**
     * Runs the test.
     *
     * @param sample both sides of the column, already cleaned
     * @param threshold the threshold the verdict is decided with
     * @throws InapplicableTestException when the test does not apply to this kind of column or input
     * @throws InsufficientDataException when there is too little data for the test
     */
    TestResult test(ColumnSample sample, double threshold);

    /** {@link #test(ColumnSample, double)} with {@link #defaultThreshold()}. */
    default TestResult test(ColumnSample sample) {
        return test(sample, defaultThreshold());
    }
}
