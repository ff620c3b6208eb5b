package io.driftwatch.stats;

/**
 * A drift test run on sketches instead of the data: the same registry name, display name, score
 * kind, comparison and default threshold as the exact {@link DriftTest} of that name, a score
 * estimated from the summaries, the interval the exact score lies in, and a three-way
 * {@link Verdict}. {@link SketchTests} lists them by name.
 *
 * <p>Implementations are thread-safe: immutable.
 */
public interface SketchTest {

    /** Evidently's registry name, the exact test's. */
    String name();

    /** What reports print, the exact test's. */
    String displayName();

    /** Whether the score is a p-value or a distance. */
    ScoreKind scoreKind();

    /** How the score is compared with the threshold. */
    Comparison comparison();

    /** The exact test's default threshold. */
    double defaultThreshold();

    /** Whether this test can run on columns of {@code kind}. */
    boolean appliesTo(ColumnKind kind);

    /**
     * Runs the test on the summaries.
     *
     * @throws InapplicableTestException when the test cannot run on this kind of column or summary
     * @throws InsufficientDataException when a side has no values
     */
    SketchTestResult test(SketchSample sample, double threshold);

    /** {@link #test(SketchSample, double)} with {@link #defaultThreshold()}. */
    default SketchTestResult test(SketchSample sample) {
        return test(sample, defaultThreshold());
    }
}
