package io.driftwatch.stats;

/**
 * Evidently's category-count tests ({@code chisquare}, {@code z}, and the binned tests on
 * categories) on summaries: the exact test run on the counts of {@link SketchCounts}. Exact counts
 * (categories while a profile keeps them exactly, numbers with exact value counts) give the exact
 * test's result bit for bit, with a point interval; estimated counts (a frequent-items sketch) give
 * the score of the frequent labels plus a pooled rest, and the interval of the scores of the two
 * extreme count tables (counts pulled together and pushed apart within their bounds). For these
 * p-value tests that is a test of the pooled partition, a valid test in its own right but coarser
 * than the exact one; the divergences of {@link SketchBinnedTest} widen their interval for the pool.
 *
 * <p>Edge cases: a numerical column without exact value counts on both sides throws
 * {@link InapplicableTestException}; an empty side {@link InsufficientDataException}; the exact test's
 * own edge cases (a single key, keys on one side only) apply as they are.
 *
 * <p>Thread-safe: immutable.
 */
public final class SketchCountTest extends SketchTestBase {

    private SketchCountTest(DriftTest exact) {
        super(exact);
    }

    /** The sketch form of {@code chisquare}. */
    public static SketchCountTest chiSquare() {
        return new SketchCountTest(ChiSquareTest.withDefaults());
    }

    /** The sketch form of {@code z}. */
    public static SketchCountTest z() {
        return new SketchCountTest(ZTest.withDefaults());
    }

    /**
     * How far the score of every label can exceed the score of the pooled partition, from the upper
     * shares of the pooled category on each side; null for a test (a p-value) that is reported on the
     * pooled partition as it is.
     */
    @FunctionalInterface
    interface PoolBound {
        double widen(double high, double poolReference, double poolCurrent);
    }

    /** The counts path of any exact categorical test (the binned tests use it for categories). */
    static SketchTestResult onCounts(SketchTest self, DriftTest exact, SketchSample sample, double threshold,
            PoolBound pool) {
        SketchCounts.Bounded counts = SketchCounts.of(sample, exact.name());
        TestResult point = exact.test(counts.point(), threshold);
        if (counts.exact()) {
            return SketchTestResult.of(self, point.score(), point.score(), point.score(), threshold,
                    point.statistic(), 0.0, point.method(), point.histogram());
        }
        double a = exact.test(counts.closer(), threshold).score();
        double b = exact.test(counts.apart(), threshold).score();
        double low = Math.min(point.score(), Math.min(a, b));
        double high = Math.max(point.score(), Math.max(a, b));
        if (pool != null && (counts.poolReference() > 0 || counts.poolCurrent() > 0)) {
            high = pool.widen(high, counts.poolReference(), counts.poolCurrent());
        }
        return SketchTestResult.of(self, point.score(), low, high, threshold, point.statistic(), Double.NaN,
                "frequent_items", point.histogram());
    }

    @Override
    public SketchTestResult test(SketchSample sample, double threshold) {
        return onCounts(this, exact, sample, threshold, null);
    }
}
