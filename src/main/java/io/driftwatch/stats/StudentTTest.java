package io.driftwatch.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Student's two-sample t-test with pooled variance, two-sided: Evidently's {@code t_test}
 * ({@code scipy.stats.ttest_ind(reference, current)}, {@code equal_var=True}).
 *
 * <p>Definition: with means {@code x̄_R}, {@code x̄_C}, sample variances (ddof 1) {@code s_R²},
 * {@code s_C²} and sizes {@code n}, {@code m},
 * <pre>
 *   s_p² = ((n−1)·s_R² + (m−1)·s_C²) / (n+m−2)
 *   t    = (x̄_R − x̄_C) / sqrt(s_p² · (1/n + 1/m)),   df = n + m − 2
 *   p    = 2 · F_t(−|t|; df)
 * </pre>
 * Drift when {@code p < threshold} (default 0.05). The statistic is {@code t}.
 * Means are NumPy's pairwise sums divided by the count; variances follow SciPy 1.10's
 * {@code _var} (mean of squared deviations times {@code n/(n−1)}).
 *
 * <p>Reference: Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1), 1908,
 * doi:10.1093/biomet/6.1.1.
 *
 * <p>Edge cases:
 * <ul>
 *   <li>{@code n = 1} or {@code m = 1}: the ddof-1 variance of one value is undefined, so
 *       {@code p} and {@code t} are NaN (no drift), as in SciPy.</li>
 *   <li>Zero pooled variance (both sides constant; detected exactly, as first == last of the sorted
 *       values): Driftwatch decides explicitly where SciPy divides rounding noise by rounding noise
 *       (Evidently can report {@code p = 2e-10} for two identical constant columns). Same constant on
 *       both sides: {@code t = 0}, {@code p = 1}; different constants: {@code t = ±∞}, {@code p = 0}.</li>
 *   <li>One side constant: its variance is taken as exactly 0 and its mean as its value.</li>
 *   <li>An empty side: {@link InsufficientDataException}. Categorical columns:
 *       {@link InapplicableTestException}.</li>
 * </ul>
 * No options.
 *
 * <p>Thread-safe: immutable.
 */
public final class StudentTTest implements DriftTest {
    private static final StudentTTest DEFAULTS = new StudentTTest();

    private StudentTTest() {
    }

    /** The test as Evidently runs it. */
    public static StudentTTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "t_test";
    }

    @Override
    public String displayName() {
        return "t_test";
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
        return kind == ColumnKind.NUMERICAL;
    }

    /**
     * The t statistic of two sorted samples (NaN when a side has one value).
     *
     * @throws InsufficientDataException when a side is empty
     */
    public double statistic(double[] sortedReference, double[] sortedCurrent) {
        return tAndP(sortedReference, sortedCurrent)[0];
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("t_test applies to numerical columns only");
        }
        double[] tp = tAndP(s.reference(), s.current());
        return TestResult.of(this, tp[1], threshold, tp[0], null, null);
    }

    /** {t, p}. */
    private static double[] tAndP(double[] r, double[] c) {
        int n = r.length;
        int m = c.length;
        if (n == 0 || m == 0) {
            throw new InsufficientDataException("t_test needs at least one value on each side, got "
                    + n + " reference and " + m + " current values");
        }
        if (n == 1 || m == 1) {
            return new double[] {Double.NaN, Double.NaN};
        }
        boolean constantR = r[0] == r[n - 1];
        boolean constantC = c[0] == c[m - 1];
        if (constantR && constantC) {
            if (r[0] == c[0]) {
                return new double[] {0.0, 1.0};
            }
            return new double[] {r[0] > c[0] ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0.0};
        }
        double meanR = constantR ? r[0] : PairwiseSummation.mean(r, 0, n);
        double meanC = constantC ? c[0] : PairwiseSummation.mean(c, 0, m);
        double varR = constantR ? 0.0 : sampleVariance(r, meanR);
        double varC = constantC ? 0.0 : sampleVariance(c, meanC);
        double df = n + m - 2.0;
        double pooled = ((n - 1) * varR + (m - 1) * varC) / df;
        double denom = Math.sqrt(pooled * (1.0 / n + 1.0 / m));
        double t = (meanR - meanC) / denom;
        double p = 2 * TDistribution.of(df).cumulativeProbability(-Math.abs(t));
        return new double[] {t, p};
    }

    /** SciPy's {@code _var(x, ddof=1)}: mean of squared deviations, times n/(n−1). */
    private static double sampleVariance(double[] x, double mean) {
        int n = x.length;
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            sq[i] = d * d;
        }
        return PairwiseSummation.mean(sq, 0, n) * ((double) n / (n - 1));
    }
}
