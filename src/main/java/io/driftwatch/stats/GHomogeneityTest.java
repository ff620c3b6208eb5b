package io.driftwatch.stats;

import java.util.Objects;

/**
 * Driftwatch's {@code g_test_homogeneity} drift test (not in Evidently): the likelihood-ratio (G)
 * test of homogeneity on the 2×K contingency table of reference and current counts, as
 * {@code scipy.stats.chi2_contingency(table, lambda_="log-likelihood")} (Wilks, 1938,
 * doi:10.1214/aoms/1177732360).
 *
 * <p>Evidently's {@link GTest} compares current counts with raw reference counts and, on SciPy ≥ 1.9,
 * fails whenever the samples differ in size. This is the two-sample version that works for any sizes.
 * With expected counts {@code E} as in {@link ChiSquareHomogeneityTest},
 * <pre>  G = 2 Σ_{rows, k} O · ln(O / E)   (0 · ln 0 = 0),   p = P(χ²_{K−1} ≥ G)</pre>
 * With two categories Yates' correction is applied to the observed counts by default, as SciPy does
 * ({@link #withContinuityCorrection(ContinuityCorrection)} turns it off). Drift when {@code p < t},
 * default {@code t = 0.1}, the threshold of Evidently's {@code g_test}, so that switching to this test
 * keeps the operating point.
 *
 * <p>Edge cases: a single category gives {@code G = 0}, {@code p = 1}; categories on one side only are
 * handled (every expected count is positive); an empty side throws {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class GHomogeneityTest implements DriftTest {
    private static final GHomogeneityTest DEFAULTS =
            new GHomogeneityTest(ContinuityCorrection.YATES_WHEN_ONE_DEGREE_OF_FREEDOM);

    private final ContinuityCorrection correction;

    private GHomogeneityTest(ContinuityCorrection correction) {
        this.correction = correction;
    }

    /** SciPy's defaults: Yates' correction with one degree of freedom. */
    public static GHomogeneityTest withDefaults() {
        return DEFAULTS;
    }

    /** This test with the given continuity correction. */
    public GHomogeneityTest withContinuityCorrection(ContinuityCorrection correction) {
        return new GHomogeneityTest(Objects.requireNonNull(correction, "correction"));
    }

    @Override
    public String name() {
        return "g_test_homogeneity";
    }

    @Override
    public String displayName() {
        return "G-test homogeneity p_value";
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

    /** The G statistic over the 2×K table. */
    public double statistic(ColumnSample sample) {
        return HomogeneityTable.statistic(TestInput.counts(sample), HomogeneityTable.Statistic.LOG_LIKELIHOOD,
                correction);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = TestInput.counts(sample);
        double g = HomogeneityTable.statistic(counts, HomogeneityTable.Statistic.LOG_LIKELIHOOD, correction);
        double p = HomogeneityTable.pValue(g, HomogeneityTable.degreesOfFreedom(counts));
        return TestResult.of(this, p, threshold, g, null, null);
    }
}
