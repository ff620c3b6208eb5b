package io.driftwatch.stats;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test on the 2×2 table of a binary column, two-sided: Evidently's
 * {@code fisher_exact} ({@code scipy.stats.fisher_exact} on Evidently's contingency table).
 *
 * <p>Definition: the first key in natural order is coded 0, the other key 1; the table is {@code [[ones_C, zeros_C], [ones_R, zeros_R]]}. With its margins fixed, the upper
 * left cell {@code X} is hypergeometric: population {@code N = n + m}, successes = first row sum,
 * draws = first column sum. The two-sided p-value sums the probabilities of all tables no more
 * likely than the observed one:
 * <pre>
 *   p = Σ_{x : P(X = x) ≤ P(X = a)·(1 + 1e-14)} P(X = x)
 * </pre>
 * computed as SciPy does: one tail from the CDF or survival function, the other tail located by a
 * binary search on the far side of the mode, and {@code p = 1} when the observed table is the mode.
 * Drift when {@code p < threshold} (default 0.1). The statistic is SciPy's sample odds ratio
 * {@code (a·d)/(b·c)} ({@code +∞} when {@code b·c = 0}, NaN when a margin is 0).
 *
 * <p>Reference: R. A. Fisher, "On the interpretation of χ² from contingency tables, and the
 * calculation of P", J. R. Stat. Soc. 85(1), 1922, doi:10.2307/2340521. Example: the tea-tasting
 * table {@code [[3, 1], [1, 3]]} gives {@code p = 0.4857} (34/70).
 *
 * <p>Edge cases:
 * <ul>
 *   <li>A side with more than two categories: {@link InapplicableTestException}.</li>
 *   <li>Three or four categories in the union (each side binary, e.g. {a, b} against {b, c}):
 *       Evidently codes the first category of a Python set as 0 and every other one as 1
 *       ("one against the rest"); Driftwatch does the same with the first key in natural order. The
 *       category Evidently singles out depends on Python's string hashing, so its p-value there is
 *       not reproducible in general.</li>
 *   <li>Unequal sizes {@code n ≠ m}: {@link InapplicableTestException}, as Evidently.</li>
 *   <li>One category in the union: a placeholder second category with count 0 is added, so a
 *       column sum is 0 and {@code p = 1}. Any zero margin gives {@code p = 1}.</li>
 *   <li>An empty side: {@link InsufficientDataException}. Numerical samples are tested as
 *       categories ({@link NumericSamples#toCategoryCounts()}).</li>
 * </ul>
 * No options.
 *
 * <p>Thread-safe: immutable.
 */
public final class FisherExactTest implements DriftTest {
    private static final FisherExactTest DEFAULTS = new FisherExactTest();
    private static final double RELATIVE_TOLERANCE = 1e-14;

    private FisherExactTest() {
    }

    /** The test as Evidently runs it. */
    public static FisherExactTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "fisher_exact";
    }

    @Override
    public String displayName() {
        return "Fisher's Exact test";
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

    /** SciPy's sample odds ratio {@code (a·d)/(b·c)} of the table {@code [[a, b], [c, d]]}. */
    public double statistic(long a, long b, long c, long d) {
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) {
            return Double.NaN;
        }
        if (c > 0 && b > 0) {
            return (double) (a * d) / (double) (c * b);
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The two-sided p-value of the table {@code [[a, b], [c, d]]}, as {@code scipy.stats.fisher_exact}.
     */
    public double pValue(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("negative cell in 2x2 table");
        }
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0) {
            return 1.0;
        }
        long total = a + b + c + d;
        if (total > Integer.MAX_VALUE) {
            throw new InapplicableTestException("fisher_exact supports at most " + Integer.MAX_VALUE + " values");
        }
        int n1 = (int) (a + b);
        int n2 = (int) (c + d);
        int n = (int) (a + c);
        int x = (int) a;
        HypergeometricDistribution h = HypergeometricDistribution.of(n1 + n2, n1, n);
        int mode = (int) ((double) ((long) (n + 1) * (n1 + 1)) / (n1 + n2 + 2));
        double pExact = h.probability(x);
        double pMode = h.probability(mode);
        double gamma = 1 + RELATIVE_TOLERANCE;
        double p;
        if (Math.abs(pExact - pMode) / Math.max(pExact, pMode) <= RELATIVE_TOLERANCE) {
            return 1.0;
        } else if (x < mode) {
            double lower = h.cumulativeProbability(x);
            if (h.probability(n) > pExact * gamma) {
                return lower;
            }
            int guess = searchDescending(h, pExact * gamma, mode, n);
            p = lower + h.survivalProbability(guess);
        } else {
            double upper = h.survivalProbability(x - 1);
            if (h.probability(0) > pExact * gamma) {
                return upper;
            }
            int guess = searchAscending(h, pExact * gamma, 0, mode);
            p = upper + h.cumulativeProbability(guess);
        }
        return Math.min(p, 1.0);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = sample instanceof NumericSamples s ? s.toCategoryCounts() : (CategoryCounts) sample;
        long n = counts.referenceSize();
        long m = counts.currentSize();
        if (n == 0 || m == 0) {
            throw new InsufficientDataException("fisher_exact needs at least one value on each side, got "
                    + n + " reference and " + m + " current values");
        }
        int keysR = 0;
        int keysC = 0;
        for (int i = 0; i < counts.size(); i++) {
            keysR += counts.referenceCount(i) > 0 ? 1 : 0;
            keysC += counts.currentCount(i) > 0 ? 1 : 0;
        }
        if (keysR > 2 || keysC > 2) {
            throw new InapplicableTestException("fisher_exact expects binary data, but found " + keysR
                    + " reference and " + keysC + " current categories");
        }
        if (n != m) {
            throw new InapplicableTestException("fisher_exact needs reference and current of equal length, got "
                    + n + " and " + m);
        }
        // Category 0 = the first key; category 1 = every other key (with one key: Evidently's empty
        // placeholder category).
        long onesR = n - counts.referenceCount(0);
        long onesC = m - counts.currentCount(0);
        long a = onesC;
        long b = m - onesC;
        long c = onesR;
        long d = n - onesR;
        return TestResult.of(this, pValue(a, b, c, d), threshold, statistic(a, b, c, d), null, null);
    }

    /** Largest x in [lo, hi] with pmf(x) ≥ bound on the decreasing side (SciPy's search on −pmf). */
    private static int searchDescending(HypergeometricDistribution h, double bound, int lo, int hi) {
        double d = -bound;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            double v = -h.probability(mid);
            if (v < d) {
                lo = mid + 1;
            } else if (v > d) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -h.probability(lo) <= d ? lo : lo - 1;
    }

    /** Largest x in [lo, hi] with pmf(x) ≤ bound on the increasing side (SciPy's search on pmf). */
    private static int searchAscending(HypergeometricDistribution h, double bound, int lo, int hi) {
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            double v = h.probability(mid);
            if (v < bound) {
                lo = mid + 1;
            } else if (v > bound) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return h.probability(lo) <= bound ? lo : lo - 1;
    }
}
