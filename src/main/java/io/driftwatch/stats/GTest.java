package io.driftwatch.stats;

/**
 * Evidently's {@code g_test} drift test: the log-likelihood-ratio (G) goodness-of-fit test of the
 * current counts against the <em>unscaled</em> reference counts, as
 * {@code scipy.stats.power_divergence(f_obs, f_exp, lambda_="log-likelihood")} (likelihood-ratio
 * statistic: Wilks, 1938, doi:10.1214/aoms/1177732360).
 *
 * <p>Over the union keys {@code k}: {@code f_obs[k] = countC(k)}, {@code f_exp[k] = countR(k)},
 * <pre>  G = 2 Σ_k f_obs[k] · ln(f_obs[k] / f_exp[k])   (0 · ln 0 = 0),   p = P(χ²_{K−1} ≥ G)</pre>
 * Drift when {@code p < t}, default {@code t = 0.1}.
 *
 * <p>Edge cases, as Evidently on SciPy 1.10: SciPy refuses observed and expected totals that differ
 * (relative 1e-8), so this test throws {@link InapplicableTestException} whenever {@code n ≠ m};
 * {@link GHomogeneityTest} ({@code g_test_homogeneity}) is the two-sample version that works for any
 * sizes. A key only in the current sample gives {@code G = ∞}, {@code p = 0}; a single key gives
 * {@code p = NaN} (never drifts); an empty side throws {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class GTest implements DriftTest {
    private static final GTest DEFAULTS = new GTest();

    private GTest() {
    }

    /** The test with Evidently's settings (it has no options). */
    public static GTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "g_test";
    }

    @Override
    public String displayName() {
        return "g_test";
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
        return 0.1;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return true;
    }

    /**
     * The G statistic.
     *
     * @throws InapplicableTestException when the two sides differ in size
     */
    public double statistic(CategoryCounts counts) {
        TestInput.counts(counts);
        long n = counts.referenceSize();
        long m = counts.currentSize();
        if (n != m) {
            throw new InapplicableTestException("g_test compares raw counts, so it needs samples of equal size "
                    + "(reference " + n + ", current " + m + "); use g_test_homogeneity for unequal sizes");
        }
        double[] terms = new double[TestInput.unionKeys(counts)];
        int t = 0;
        for (int i = 0; i < counts.size(); i++) {
            long r = counts.referenceCount(i);
            long c = counts.currentCount(i);
            if (r == 0 && c == 0) {
                continue;
            }
            terms[t++] = 2.0 * EntropyTerms.xLogXOverY(c, r);
        }
        return PairwiseSummation.sum(terms);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = TestInput.counts(sample);
        double g = statistic(counts);
        return TestResult.of(this, ChiSquaredTail.survival(g, TestInput.unionKeys(counts) - 1), threshold, g, null,
                null);
    }
}
