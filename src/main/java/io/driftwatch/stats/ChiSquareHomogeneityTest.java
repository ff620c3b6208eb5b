package io.driftwatch.stats;

import java.util.Objects;

/**
 * Driftwatch's {@code chisquare_homogeneity} drift test (not in Evidently): Pearson's chi-square test
 * of homogeneity on the 2×K contingency table of reference and current counts, as
 * {@code scipy.stats.chi2_contingency(table)} (Pearson, 1900, doi:10.1080/14786440009463897).
 *
 * <p>Evidently's {@link ChiSquareTest} treats the reference shares as the exact truth and tests only
 * the current sample against them, so a small reference inflates its false alarms, and a category new
 * in the current sample gives {@code p = 0} outright. This test treats both samples as draws and asks
 * whether they come from one distribution. With row totals {@code n, m}, column totals {@code t_k} and
 * {@code N = n + m}:
 * <pre>  E[R][k] = n·t_k/N,  E[C][k] = m·t_k/N,  X² = Σ_{rows, k} (O − E)² / E,  p = P(χ²_{K−1} ≥ X²)</pre>
 * Every expected count is positive, so categories seen on one side only are handled like any other.
 * With two categories (one degree of freedom) Yates' continuity correction is applied by default, as
 * SciPy does ({@link #withContinuityCorrection(ContinuityCorrection)} turns it off); with more
 * categories there is none. Drift when {@code p < t}, default {@code t = 0.05}.
 *
 * <p>Edge cases: a single category (both sides constant and equal) gives {@code X² = 0}, {@code p = 1}
 * (SciPy's convention); an empty side throws {@link InsufficientDataException}. Numbers are tested as
 * categories, one per distinct value.
 *
 * <p>Thread-safe: immutable.
 */
public final class ChiSquareHomogeneityTest implements DriftTest {
    private static final ChiSquareHomogeneityTest DEFAULTS =
            new ChiSquareHomogeneityTest(ContinuityCorrection.YATES_WHEN_ONE_DEGREE_OF_FREEDOM);

    private final ContinuityCorrection correction;

    private ChiSquareHomogeneityTest(ContinuityCorrection correction) {
        this.correction = correction;
    }

    /** SciPy's defaults: Yates' correction with one degree of freedom. */
    public static ChiSquareHomogeneityTest withDefaults() {
        return DEFAULTS;
    }

    /** This test with the given continuity correction. */
    public ChiSquareHomogeneityTest withContinuityCorrection(ContinuityCorrection correction) {
        return new ChiSquareHomogeneityTest(Objects.requireNonNull(correction, "correction"));
    }

    @Override
    public String name() {
        return "chisquare_homogeneity";
    }

    @Override
    public String displayName() {
        return "chi-square homogeneity p_value";
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

    /** Pearson's {@code X²} over the 2×K table. */
    public double statistic(ColumnSample sample) {
        return HomogeneityTable.statistic(TestInput.counts(sample), HomogeneityTable.Statistic.PEARSON, correction);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = TestInput.counts(sample);
        double x2 = HomogeneityTable.statistic(counts, HomogeneityTable.Statistic.PEARSON, correction);
        double p = HomogeneityTable.pValue(x2, HomogeneityTable.degreesOfFreedom(counts));
        return TestResult.of(this, p, threshold, x2, null, null);
    }
}
