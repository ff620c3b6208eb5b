package io.driftwatch.stats;

/**
 * Two-sample, two-sided Kolmogorov-Smirnov test, Evidently's {@code ks} (SciPy 1.10
 * {@code ks_2samp}, {@code alternative="two-sided"}, {@code method="auto"}).
 *
 * <p><b>Definition.</b> With right-continuous empirical distribution functions
 * {@code F_R(x) = #{r <= x}/n} and {@code F_C(x) = #{c <= x}/m}, the statistic is
 * {@code D = max_x |F_R(x) - F_C(x)|} over the pooled sample points; the score is the p-value
 * {@code P(D' >= D)} under the null hypothesis that both samples come from one continuous
 * distribution. Drift when {@code p <= threshold} (default 0.05).
 *
 * <p><b>P-value.</b> {@link PValueMethod#AUTO} (the default) is exact when {@code max(n, m) <= 10000},
 * else asymptotic.
 * <ul>
 *   <li>Exact: D is snapped to {@code h/L}, {@code L = lcm(n, m)}, {@code h = round(D L)}; p = 1 when
 *       {@code h = 0}. For {@code n = m} the alternating binomial sum
 *       {@code 2 Σ_k (-1)^(k-1) C(2n, n-kh)/C(2n, n)} in a Horner form; otherwise the share of lattice
 *       paths from (0,0) to (n,m) that leave the band {@code |x/n - y/m| < h/L}, by Hodges' inside
 *       method (Hodges 1958, doi:10.1007/BF02589501) with Viehmann's recursion for 1 - p
 *       (arXiv:2102.08037). If the result is not a probability (floating-point trouble), the
 *       asymptotic value is used instead, as SciPy does; the result's method then says
 *       {@code asymptotic}.</li>
 *   <li>Asymptotic: {@code p = P(D_k >= D)} for the exact one-sample Kolmogorov distribution with
 *       {@code k = round(nm/(n+m))} (half to even), see {@link KolmogorovDistribution}. NaN when
 *       {@code k = 0}.</li>
 * </ul>
 * p is clipped to [0, 1].
 *
 * <p><b>Edge cases.</b> An empty side throws {@link InsufficientDataException}; a categorical column
 * {@link InapplicableTestException}. Ties are fine (the ECDFs jump together); two identical or
 * constant-and-equal samples give D = 0, p = 1; disjoint or distinct constant samples give D = 1.
 * Inputs must be sorted and finite ({@link NumericSamples}); NaN is never seen here.
 *
 * <p>Cost: one linear merge for D; the exact p-value is O(n·m/gcd(n,m)·window), the asymptotic one
 * at most a few thousand operations for large samples.
 *
 * <p>Thread-safe: immutable.
 */
public final class KolmogorovSmirnovTest implements DriftTest {
    /** Above this sample size {@link PValueMethod#AUTO} switches to the asymptotic p-value (SciPy). */
    public static final int MAX_EXACT_AUTO_SIZE = 10_000;

    /** How the p-value is computed. */
    public enum PValueMethod {
        /** Exact when {@code max(n, m) <= 10000}, else asymptotic (SciPy's and Evidently's default). */
        AUTO,
        /** Exact lattice-path count, falling back to asymptotic where that fails numerically. */
        EXACT,
        /** The one-sample Kolmogorov distribution for {@code round(nm/(n+m))}. */
        ASYMPTOTIC
    }

    private static final KolmogorovSmirnovTest DEFAULT = new KolmogorovSmirnovTest(PValueMethod.AUTO);

    private final PValueMethod method;

    private KolmogorovSmirnovTest(PValueMethod method) {
        this.method = method;
    }

    /** Evidently's {@code ks}: automatic p-value method. */
    public static KolmogorovSmirnovTest withDefaults() {
        return DEFAULT;
    }

    /** This test with another p-value method. */
    public KolmogorovSmirnovTest withPValueMethod(PValueMethod m) {
        return new KolmogorovSmirnovTest(java.util.Objects.requireNonNull(m, "method"));
    }

    /** The configured p-value method. */
    public PValueMethod pValueMethod() {
        return method;
    }

    @Override
    public String name() {
        return "ks";
    }

    @Override
    public String displayName() {
        return "K-S p_value";
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
        return 0.05;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return kind == ColumnKind.NUMERICAL;
    }

    /**
     * The statistic D by one merge of the two sorted arrays; 0 when either is empty. Each ECDF
     * difference is formed as SciPy forms it, {@code i/n - j/m} in doubles, so D matches SciPy's bits.
     *
     * <p>The merge takes one value a step without a data-dependent branch (which side comes next is a
     * coin flip for two samples of one distribution, so a branch would mispredict about every other
     * value), and runs as two independent cursors, one from the start and one from the middle of the
     * pooled order (found by binary search), interleaved in one loop so that the processor overlaps
     * their dependency chains. The ECDFs are compared only where the pooled value changes, i.e. after a
     * whole run of ties, and in doubles only where the exact integer difference {@code |i m - j n|}
     * reaches a new or tied maximum, which is rare. Of the states with the largest integer difference,
     * D is the largest double difference.
     */
    public double statistic(double[] sortedRef, double[] sortedCur) {
        double[] r = sortedRef;
        double[] c = sortedCur;
        int n = r.length;
        int m = c.length;
        if (n == 0 || m == 0) {
            return 0.0;
        }
        double dn = n;
        double dm = m;
        // The merge state after the first 'middle' pooled values (reference first on ties).
        int middle = (n + m) >>> 1;
        int lo = Math.max(0, middle - m);
        int hi = Math.min(n, middle);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r[mid] <= c[middle - mid - 1]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // Cursor A covers the states before the middle, cursor B the middle and after. 'previous' is
        // the last value taken (NaN: none yet); a state is compared when the next value differs from it.
        int ia = 0;
        int ja = 0;
        double previousA = Double.NaN;
        long bestA = -1;
        double da = 0.0;
        int ib = lo;
        int jb = middle - lo;
        double previousB = jb > 0 && (ib == 0 || c[jb - 1] >= r[ib - 1]) ? c[jb - 1] : r[ib - 1];
        long bestB = -1;
        double db = 0.0;
        while (ia + ja < middle && ia < n && ja < m && ib < n && jb < m) {
            double a = r[ia];
            double b = c[ja];
            long diff = Math.abs((long) ia * m - (long) ja * n);
            if (diff >= bestA && Math.min(a, b) != previousA) {
                double dd = Math.abs(ia / dn - ja / dm);
                if (diff > bestA || dd > da) {
                    da = dd;
                }
                bestA = diff;
            }
            // All ones when b < a (equal values may go either way: D only looks past a run of ties).
            long mask = Double.doubleToRawLongBits(b - a) >> 63;
            previousA = Double.longBitsToDouble(
                    (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
            ja -= (int) mask;
            ia += 1 + (int) mask;

            a = r[ib];
            b = c[jb];
            diff = Math.abs((long) ib * m - (long) jb * n);
            if (diff >= bestB && Math.min(a, b) != previousB) {
                double dd = Math.abs(ib / dn - jb / dm);
                if (diff > bestB || dd > db) {
                    db = dd;
                }
                bestB = diff;
            }
            mask = Double.doubleToRawLongBits(b - a) >> 63;
            previousB = Double.longBitsToDouble(
                    (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
            jb -= (int) mask;
            ib += 1 + (int) mask;
        }
        // The rest of A up to the middle, where one side may run out (+∞ stands for an exhausted side).
        while (ia + ja < middle) {
            double a = ia < n ? r[ia] : Double.POSITIVE_INFINITY;
            double b = ja < m ? c[ja] : Double.POSITIVE_INFINITY;
            long diff = Math.abs((long) ia * m - (long) ja * n);
            if (diff >= bestA && Math.min(a, b) != previousA) {
                double dd = Math.abs(ia / dn - ja / dm);
                if (diff > bestA || dd > da) {
                    da = dd;
                }
                bestA = diff;
            }
            if (b < a) {
                previousA = b;
                ja++;
            } else {
                previousA = a;
                ia++;
            }
        }
        // The rest of B while both sides have values.
        while (ib < n && jb < m) {
            double a = r[ib];
            double b = c[jb];
            long diff = Math.abs((long) ib * m - (long) jb * n);
            if (diff >= bestB && Math.min(a, b) != previousB) {
                double dd = Math.abs(ib / dn - jb / dm);
                if (diff > bestB || dd > db) {
                    db = dd;
                }
                bestB = diff;
            }
            if (b < a) {
                previousB = b;
                jb++;
            } else {
                previousB = a;
                ib++;
            }
        }
        // Finish the run of ties with the last value taken, then compare there. After it one side is
        // exhausted and the difference only shrinks towards 0 (both ECDFs end at 1).
        while (ib < n && r[ib] == previousB) {
            ib++;
        }
        while (jb < m && c[jb] == previousB) {
            jb++;
        }
        long diff = Math.abs((long) ib * m - (long) jb * n);
        if (diff >= bestB) {
            double dd = Math.abs(ib / dn - jb / dm);
            if (diff > bestB || dd > db) {
                db = dd;
            }
            bestB = diff;
        }
        if (bestA != bestB) {
            return bestA > bestB ? da : db;
        }
        return Math.max(da, db);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("ks applies to numerical columns only");
        }
        double[] r = s.reference();
        double[] c = s.current();
        if (r.length == 0 || c.length == 0) {
            throw new InsufficientDataException("ks needs at least one value on each side (reference "
                    + r.length + ", current " + c.length + ")");
        }
        PValue p = pValue(statistic(r, c), r.length, c.length);
        return TestResult.of(this, p.value, threshold, p.statistic, p.method, null);
    }

    /**
     * The p-value of a statistic {@code d} for samples of {@code n} and {@code m} values, by this
     * test's method: the exact path snaps {@code d} to the lattice {@code h/lcm(n, m)} first (the
     * statistic reported with it). The one p-value function of the exact test and the sketch test.
     */
    PValue pValue(double d, int n, int m) {
        boolean exact = switch (method) {
            case AUTO -> Math.max(n, m) <= MAX_EXACT_AUTO_SIZE;
            case EXACT -> true;
            case ASYMPTOTIC -> false;
        };
        double p = Double.NaN;
        double reported = d;
        String used = "asymptotic";
        if (exact) {
            long g = gcd(n, m);
            long lcm = (n / g) * (long) m;
            long h = Math.round(Math.rint(d * lcm));
            double snapped = h / (double) lcm;
            double prob;
            if (h == 0) {
                prob = 1.0;
            } else if (n == m) {
                prob = probOutsideSquare(n, (int) h);
            } else {
                prob = probOutsideBand(n, m, g, h);
            }
            d = snapped;
            reported = snapped;
            if (prob >= 0 && prob <= 1) {
                p = prob;
                used = "exact";
            }
        }
        if (used.equals("asymptotic")) {
            p = asymptoticPValue(d, n, m);
        }
        if (p < 0) {
            p = 0;
        } else if (p > 1) {
            p = 1;
        }
        return new PValue(p, reported, used);
    }

    /** A p-value with the statistic it was computed for (snapped on the exact path) and the method used. */
    record PValue(double value, double statistic, String method) {
    }

    /** SciPy's asymptotic two-sided p-value: {@code kstwo.sf(d, round(nm/(n+m)))}. */
    static double asymptoticPValue(double d, int n, int m) {
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        double en = big * small / (big + small);
        double k = Math.rint(en);
        if (k < 1 || k > Integer.MAX_VALUE) {
            return Double.NaN;
        }
        return KolmogorovDistribution.sf((int) k, d);
    }

    /**
     * {@code P(D_{n,n} >= h/n)} = {@code 2 Σ_{k>=1} (-1)^(k-1) C(2n, n-kh)/C(2n, n)}, evaluated as
     * {@code P = A0(1 - A1(1 - A2(...)))} with {@code A_k = Π_{j<h} (n-kh-j)/(n+kh+j+1)}, innermost first.
     */
    static double probOutsideSquare(int n, int h) {
        double p = 0.0;
        for (long k = n / h; k >= 0; k--) {
            double p1 = 1.0;
            long kh = k * h;
            for (int j = 0; j < h; j++) {
                p1 = (n - kh - j) * p1 / (n + kh + j + 1);
            }
            p = p1 * (1.0 - p);
        }
        return 2 * p;
    }

    /**
     * Share of monotone lattice paths from (0,0) to (max, min) that touch or leave the band
     * {@code |x·min/g - y·max/g| < h}, computed directly (Viehmann's recursion) over a sliding column
     * window, as SciPy's {@code _compute_outer_prob_inside_method}.
     */
    static double probOutsideBand(int n1, int n2, long g, long h) {
        int m = Math.max(n1, n2);
        int n = Math.min(n1, n2);
        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
        int curlen = maxj - minj;
        int lenA = Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        for (int k = minj; k < maxj && k < lenA; k++) {
            a[k] = 0.0;
        }
        for (int i = 1; i <= m; i++) {
            int lastminj = minj;
            int lastlen = curlen;
            minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            int width = maxj - minj;
            int shift = minj - lastminj;
            for (int jj = 0; jj < width; jj++) {
                int j = jj + minj;
                val = (a[jj + shift] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = width;
            if (lastlen > curlen) {
                int end = Math.min(width + (lastlen - curlen), lenA);
                for (int k = width; k < end; k++) {
                    a[k] = 1.0;
                }
            }
        }
        return a[maxj - minj - 1];
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        return "KolmogorovSmirnovTest[" + method + "]";
    }
}
