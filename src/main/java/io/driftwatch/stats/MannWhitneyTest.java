package io.driftwatch.stats;

import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test, Evidently's {@code mannw}: SciPy 1.10
 * {@code mannwhitneyu(reference, current, alternative="less", use_continuity=True, method="auto")}.
 *
 * <p><b>Definition.</b> Pooled midranks; {@code U1 = R1 - n(n+1)/2} with {@code R1} the rank sum of
 * the reference (equivalently {@code Σ_r #{c < r} + ½ #{c = r}}), {@code U2 = nm - U1}. The
 * statistic reported is {@code U1}. The p-value depends on the {@link AlternativeHypothesis}:
 * <ul>
 *   <li>{@link AlternativeHypothesis#LESS} (Evidently's choice and the default): "the reference is
 *       stochastically smaller than the current", {@code p = P(U >= U2)}. A shift of the current
 *       sample to the <em>left</em> does not lower this p-value.</li>
 *   <li>{@link AlternativeHypothesis#GREATER}: {@code p = P(U >= U1)}.</li>
 *   <li>{@link AlternativeHypothesis#TWO_SIDED} (a Driftwatch extra, symmetric in the two sides):
 *       {@code p = min(1, 2 P(U >= max(U1, U2)))}.</li>
 * </ul>
 * Mann and Whitney (1947), Ann. Math. Statist. 18(1), doi:10.1214/aoms/1177730491.
 *
 * <p><b>P-value.</b> {@link PValueMethod#AUTO} (default) is exact when {@code n <= 8} or
 * {@code m <= 8} and there are no ties, else asymptotic. Exact: the permutation distribution of U
 * ({@link MannWhitneyDistribution}). Asymptotic, with continuity correction and tie correction:
 * {@code z = (U - nm/2 - 0.5)/s}, {@code s = √(nm/12 · ((N+1) - Σ(t³-t)/(N(N-1))))} over tie groups
 * of size t, {@code p = 1 - Φ(z)}; when every value is tied, {@code s = 0} and {@code p = 1}.
 * p is clipped to [0, 1]. Drift when {@code p < threshold} (default 0.05).
 *
 * <p><b>Edge cases.</b> An empty side throws {@link InsufficientDataException}; a categorical
 * column {@link InapplicableTestException}. One value per side is allowed (p = 1 or 1/2 under
 * {@code LESS}). {@link PValueMethod#EXACT} with ties uses the untied distribution at
 * {@code floor(U)}, as SciPy does.
 *
 * <p>Thread-safe: immutable.
 */
public final class MannWhitneyTest implements DriftTest {
    /** With both sides larger than this, {@link PValueMethod#AUTO} is asymptotic (SciPy). */
    public static final int MAX_EXACT_AUTO_SMALLER_SIZE = 8;

    /** Which alternative the p-value is computed for, "reference vs current". */
    public enum AlternativeHypothesis {
        /** Reference stochastically smaller than current (Evidently's {@code mannw}). */
        LESS,
        /** Either direction. */
        TWO_SIDED,
        /** Reference stochastically greater than current. */
        GREATER
    }

    /** How the p-value is computed. */
    public enum PValueMethod {
        /** Exact for a side of at most 8 values and no ties, else asymptotic (SciPy's default). */
        AUTO,
        /** The permutation distribution of U. */
        EXACT,
        /** Normal approximation with tie and continuity corrections. */
        ASYMPTOTIC
    }

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final MannWhitneyTest DEFAULT = new MannWhitneyTest(AlternativeHypothesis.LESS,
            PValueMethod.AUTO);

    private final AlternativeHypothesis alternative;
    private final PValueMethod method;

    private MannWhitneyTest(AlternativeHypothesis alternative, PValueMethod method) {
        this.alternative = alternative;
        this.method = method;
    }

    /** Evidently's {@code mannw}: one-sided {@code LESS}, automatic p-value method. */
    public static MannWhitneyTest withDefaults() {
        return DEFAULT;
    }

    /** This test with another alternative hypothesis. */
    public MannWhitneyTest withAlternative(AlternativeHypothesis a) {
        return new MannWhitneyTest(Objects.requireNonNull(a, "alternative"), method);
    }

    /** This test with another p-value method. */
    public MannWhitneyTest withPValueMethod(PValueMethod m) {
        return new MannWhitneyTest(alternative, Objects.requireNonNull(m, "method"));
    }

    @Override
    public String name() {
        return "mannw";
    }

    @Override
    public String displayName() {
        return "Mann-Whitney U-rank test";
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

    /** {@code U1}, the reference's U: {@code Σ_r #{c < r} + ½ #{c = r}}, by one merge. */
    public double statistic(double[] sortedRef, double[] sortedCur) {
        return twiceU1AndTies(sortedRef, sortedCur, null) / 2.0;
    }

    /**
     * Twice U1 (an exact integer) by one merge over tie groups; if {@code ties} is non-null, stores
     * {@code Σ(t³ - t)} over pooled tie groups in {@code ties[0]}.
     */
    private static long twiceU1AndTies(double[] r, double[] c, double[] ties) {
        int n = r.length;
        int m = c.length;
        long twiceU = 0;
        double tieSum = 0;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            double v = (j >= m || (i < n && r[i] <= c[j])) ? r[i] : c[j];
            int i0 = i;
            int j0 = j;
            while (i < n && r[i] == v) {
                i++;
            }
            while (j < m && c[j] == v) {
                j++;
            }
            long cr = i - i0;
            long cc = j - j0;
            // Each reference value here beats j0 current values and ties with cc of them.
            twiceU += cr * (2L * j0 + cc);
            double t = cr + cc;
            if (t > 1) {
                tieSum += t * t * t - t;
            }
        }
        if (ties != null) {
            ties[0] = tieSum;
        }
        return twiceU;
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("mannw applies to numerical columns only");
        }
        double[] r = s.reference();
        double[] c = s.current();
        int n = r.length;
        int m = c.length;
        if (n == 0 || m == 0) {
            throw new InsufficientDataException("mannw needs at least one value on each side (reference "
                    + n + ", current " + m + ")");
        }
        double[] ties = new double[1];
        double u1 = twiceU1AndTies(r, c, ties) / 2.0;
        double nm = (double) n * m;
        double u2 = nm - u1;
        double u;
        double factor = 1;
        switch (alternative) {
            case GREATER -> u = u1;
            case LESS -> u = u2;
            default -> {
                u = Math.max(u1, u2);
                factor = 2;
            }
        }
        boolean exact = switch (method) {
            case AUTO -> Math.min(n, m) <= MAX_EXACT_AUTO_SMALLER_SIZE && ties[0] == 0;
            case EXACT -> true;
            case ASYMPTOTIC -> false;
        };
        double p;
        if (exact) {
            p = MannWhitneyDistribution.sf((long) u, n, m);
        } else {
            double bigN = (double) n + m;
            double sd = Math.sqrt(nm / 12 * ((bigN + 1) - ties[0] / (bigN * (bigN - 1))));
            double z = (u - nm / 2 - 0.5) / sd;
            p = STANDARD_NORMAL.survivalProbability(z);
        }
        p *= factor;
        p = p < 0 ? 0 : (p > 1 ? 1 : p);
        return TestResult.of(this, p, threshold, u1, exact ? "exact" : "asymptotic", null);
    }

    @Override
    public String toString() {
        return "MannWhitneyTest[" + alternative + ", " + method + "]";
    }
}
