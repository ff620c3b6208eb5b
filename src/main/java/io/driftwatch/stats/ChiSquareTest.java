package io.driftwatch.stats;

/**
 * Evidently's {@code chisquare} drift test: Pearson's goodness-of-fit test of the current category
 * counts against the reference counts scaled to the current size (Pearson, 1900,
 * doi:10.1080/14786440009463897), as {@code scipy.stats.chisquare(f_obs, f_exp)}.
 *
 * <p>Over the union keys {@code k}: {@code f_obs[k] = countC(k)}, {@code f_exp[k] = countR(k) · (m/n)},
 * <pre>  X² = Σ_k (f_obs[k] − f_exp[k])² / f_exp[k],   p = P(χ²_{K−1} ≥ X²)</pre>
 * with {@code K} the number of union keys. The score is {@code p}; drift when {@code p < t}, default
 * {@code t = 0.05}. Numbers are tested as categories (one per distinct value), as Evidently's automatic
 * choice does for numerical columns with 3–5 values.
 *
 * <p>Edge cases, all as Evidently: a key present only in the current sample has {@code f_exp = 0}, so
 * {@code X² = ∞} and {@code p = 0} (drift); a key only in the reference adds {@code f_exp[k]}; a single
 * key (both sides constant and equal) has zero degrees of freedom and {@code p = NaN}, which never
 * drifts; an empty side throws {@link InsufficientDataException}. This is a goodness-of-fit test that
 * treats the reference shares as exact; {@link ChiSquareHomogeneityTest} is the two-sample test that
 * accounts for the reference's own sampling noise.
 *
 * <p>Thread-safe: immutable.
 */
public final class ChiSquareTest implements DriftTest {
    private static final ChiSquareTest DEFAULTS = new ChiSquareTest();

    private ChiSquareTest() {
    }

    /** The test with Evidently's settings (it has no options). */
    public static ChiSquareTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "chisquare";
    }

    @Override
    public String displayName() {
        return "chi-square p_value";
    }

    @Override
    public ScoreKind scoreKind() {
        return ScoreKind.P_VALUE;
    }

    @Override
    public Comparison comparison() {
        return Comparison.LESS;
    }

    @Override
    public double defaultThreshold() {
        return 0.05;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return true;
    }

    /** Pearson's {@code X²} of the current counts against the scaled reference counts. */
    public double statistic(CategoryCounts counts) {
        TestInput.counts(counts);
        int keys = TestInput.unionKeys(counts);
        double scale = (double) counts.currentSize() / counts.referenceSize();
        double[] terms = new double[keys];
        int t = 0;
        for (int i = 0; i < counts.size(); i++) {
            long r = counts.referenceCount(i);
            long c = counts.currentCount(i);
            if (r == 0 && c == 0) {
                continue;
            }
            double expected = r * scale;
            double diff = c - expected;
            terms[t++] = diff * diff / expected;
        }
        return PairwiseSummation.sum(terms);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = TestInput.counts(sample);
        double x2 = statistic(counts);
        double p = ChiSquaredTail.survival(x2, TestInput.unionKeys(counts) - 1);
        return TestResult.of(this, p, threshold, x2, null, null);
    }
}
