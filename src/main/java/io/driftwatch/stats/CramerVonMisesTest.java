package io.driftwatch.stats;

import java.util.Objects;

/**
 * Two-sample Cramér-von Mises test, Evidently's {@code cramer_von_mises} (Evidently 0.7's own port of
 * SciPy's {@code cramervonmises_2samp}).
 *
 * <p><b>Definition.</b> With midranks {@code r_1..r_n} of the sorted reference values and
 * {@code s_1..s_m} of the sorted current values in the pooled sample ({@code N = n + m}),
 * {@code U = n Σ(r_i - i)^2 + m Σ(s_j - j)^2} and
 * {@code T = U/(n m N) - (4nm - 1)/(6N)} (Anderson 1962, "On the Distribution of the Two-Sample
 * Cramér-von Mises Criterion", Ann. Math. Statist. 33(3), doi:10.1214/aoms/1177704477, eqs. 9-10).
 * The score is the p-value {@code P(T' >= T)}; drift when {@code p <= threshold} (default 0.1).
 *
 * <p><b>P-value.</b> {@link PValueMethod#AUTO} (the default) is exact when {@code max(n, m) <= 20}:
 * the permutation distribution of U (Xiao, Gordon and Yakovlev 2006, doi:10.18637/jss.v017.i08; ties
 * get midranks in U but the distribution is the untied one, as in SciPy). Otherwise asymptotic:
 * {@code E[T] = (1 + 1/N)/6}, {@code Var[T] = (N+1)(4nmN - 3(n²+m²) - 2nm) / (45 N² 4nm)},
 * {@code Tn = 1/6 + (T - E[T])/√(45 Var[T])}, {@code p = 1} if {@code Tn < 0.003}, else
 * {@code max(0, 1 - CDF∞(Tn))} with the limiting distribution of Csörgő and Faraway (1996),
 * doi:10.1111/j.2517-6161.1996.tb02077.x, whose series is truncated at terms below 1e-7 (so the
 * asymptotic p-value is good to about 1e-7 absolute).
 *
 * <p><b>Edge cases.</b> Fewer than two values on a side throws {@link InsufficientDataException}
 * (Evidently raises {@code ValueError}); a categorical column {@link InapplicableTestException}.
 * Identical samples give T at its minimum and p = 1; constant samples are fine (all midranks equal).
 * {@link PValueMethod#EXACT} on samples larger than 30 throws {@link InapplicableTestException}
 * (the path count grows exponentially).
 *
 * <p>Thread-safe: immutable.
 */
public final class CramerVonMisesTest implements DriftTest {
    /** Largest side for which {@link PValueMethod#AUTO} uses the exact distribution (Evidently/SciPy). */
    public static final int MAX_EXACT_AUTO_SIZE = 20;
    private static final int MAX_EXACT_SIZE = 30;

    /** How the p-value is computed. */
    public enum PValueMethod {
        /** Exact when {@code max(n, m) <= 20}, else asymptotic (Evidently's behaviour). */
        AUTO,
        /** Exact permutation distribution; at most 30 values per side. */
        EXACT,
        /** Csörgő-Faraway limiting distribution of the standardised statistic. */
        ASYMPTOTIC
    }

    private static final CramerVonMisesTest DEFAULT = new CramerVonMisesTest(PValueMethod.AUTO);

    private final PValueMethod method;

    private CramerVonMisesTest(PValueMethod method) {
        this.method = method;
    }

    /** Evidently's {@code cramer_von_mises}: automatic p-value method. */
    public static CramerVonMisesTest withDefaults() {
        return DEFAULT;
    }

    /** This test with another p-value method. */
    public CramerVonMisesTest withPValueMethod(PValueMethod m) {
        return new CramerVonMisesTest(Objects.requireNonNull(m, "method"));
    }

    @Override
    public String name() {
        return "cramer_von_mises";
    }

    @Override
    public String displayName() {
        return "Cramer-von Mises";
    }

    @Override
    public ScoreKind scoreKind() {
        return ScoreKind.P_VALUE;
    }

    @Override
    public Comparison comparison() {
        return Comparison.LESS_OR_EQUAL;
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return kind == ColumnKind.NUMERICAL;
    }

    /** The statistic T of two sorted samples, each with at least one value. */
    public double statistic(double[] sortedRef, double[] sortedCur) {
        int n = sortedRef.length;
        int m = sortedCur.length;
        return tFromU(rankStatisticU(sortedRef, sortedCur), n, m);
    }

    private static double tFromU(double u, int n, int m) {
        double k = (double) n * m;
        double bigN = (double) n + m;
        return u / (k * bigN) - (4 * k - 1) / (6 * bigN);
    }

    /**
     * {@code U = n Σ(r_i - i)^2 + m Σ(s_j - j)^2} with pooled midranks, by one merge over tie groups.
     */
    static double rankStatisticU(double[] r, double[] c) {
        int n = r.length;
        int m = c.length;
        double sumR = 0;
        double sumC = 0;
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
            // Pooled positions i0+j0+1 .. i+j share the midrank.
            double midrank = (i0 + j0 + 1 + i + j) / 2.0;
            for (int t = i0 + 1; t <= i; t++) {
                double d = midrank - t;
                sumR += d * d;
            }
            for (int t = j0 + 1; t <= j; t++) {
                double d = midrank - t;
                sumC += d * d;
            }
        }
        return n * sumR + m * sumC;
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("cramer_von_mises applies to numerical columns only");
        }
        double[] r = s.reference();
        double[] c = s.current();
        int n = r.length;
        int m = c.length;
        if (n < 2 || m < 2) {
            throw new InsufficientDataException("cramer_von_mises needs at least two values on each side (reference "
                    + n + ", current " + m + ")");
        }
        boolean exact = switch (method) {
            case AUTO -> Math.max(n, m) <= MAX_EXACT_AUTO_SIZE;
            case EXACT -> true;
            case ASYMPTOTIC -> false;
        };
        if (exact && Math.max(n, m) > MAX_EXACT_SIZE) {
            throw new InapplicableTestException("cramer_von_mises exact p-value supports at most " + MAX_EXACT_SIZE
                    + " values per side (reference " + n + ", current " + m + ")");
        }
        double u = rankStatisticU(r, c);
        double t = tFromU(u, n, m);
        double p;
        if (exact) {
            p = CramerVonMisesDistribution.exactSf(u, n, m);
        } else {
            double k = (double) n * m;
            double bigN = (double) n + m;
            double et = (1 + 1 / bigN) / 6;
            double vt = (bigN + 1.0) * (4 * k * bigN - 3 * ((double) n * n + (double) m * m) - 2 * k);
            vt = vt / (45 * bigN * bigN * 4 * k);
            double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
            p = tn < 0.003 ? 1.0 : Math.max(0, 1.0 - CramerVonMisesDistribution.limitingCdf(tn));
        }
        return TestResult.of(this, p, threshold, t, exact ? "exact" : "asymptotic", null);
    }

    @Override
    public String toString() {
        return "CramerVonMisesTest[" + method + "]";
    }
}
