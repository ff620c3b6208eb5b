package io.driftwatch.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Evidently's {@code z} drift test: the two-sided two-proportion z-test with pooled variance
 * (Fleiss, Levin and Paik, <i>Statistical Methods for Rates and Proportions</i>, 3rd ed., 2003,
 * doi:10.1002/0471445428), on "first category versus all others".
 *
 * <p>The union keys are taken in natural order ({@link CategoryCounts}: numbers numerically, strings
 * by {@link String#compareTo}); {@code k0} is the first. With {@code p1} the share of reference values
 * other than {@code k0}, {@code p2} the same for the current values,
 * <pre>  P = (p1·n + p2·m)/(n + m),   z = (p1 − p2) / sqrt(P(1 − P)(1/n + 1/m)),   p = 2·(1 − Φ(|z|))</pre>
 * computed as written (so {@code p} is exactly 0 once {@code Φ(|z|)} rounds to 1, as in Evidently).
 * Drift when {@code p < t}, default {@code t = 0.05}.
 *
 * <p>Edge cases: when both sides hold one and the same single value {@code p = 1} and {@code z = 0};
 * otherwise {@code k0} and some other key both occur, so {@code 0 < P < 1}. With more than two
 * categories only the first category's share is compared, as in Evidently. An empty side throws
 * {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class ZTest implements DriftTest {
    private static final ZTest DEFAULTS = new ZTest();
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ZTest() {
    }

    /** The test with Evidently's settings (it has no options). */
    public static ZTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "z";
    }

    @Override
    public String displayName() {
        return "Z-test p_value";
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

    /** The z statistic; 0 when both sides are the same single value. */
    public double statistic(CategoryCounts counts) {
        TestInput.counts(counts);
        int first = -1;
        for (int i = 0; i < counts.size() && first < 0; i++) {
            if (counts.referenceCount(i) != 0 || counts.currentCount(i) != 0) {
                first = i;
            }
        }
        long n1 = counts.referenceSize();
        long n2 = counts.currentSize();
        if (counts.referenceCount(first) == n1 && counts.currentCount(first) == n2) {
            return 0.0; // one value on both sides: Evidently's special case
        }
        double p1 = (double) (n1 - counts.referenceCount(first)) / n1;
        double p2 = (double) (n2 - counts.currentCount(first)) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        return (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = TestInput.counts(sample);
        double z = statistic(counts);
        double p = TestInput.unionKeys(counts) == 1 ? 1.0
                : 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
        return TestResult.of(this, p, threshold, z, null, null);
    }
}
