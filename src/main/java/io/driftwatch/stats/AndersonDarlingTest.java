package io.driftwatch.stats;

/**
 * Two-sample (k = 2) Anderson-Darling test, midrank version, Evidently's {@code anderson} (SciPy 1.10
 * {@code anderson_ksamp(..., midrank=True)}, whose interpolated significance level is the score).
 *
 * <p><b>Definition.</b> Scholz and Stephens (1987), "K-Sample Anderson-Darling Tests", JASA 82(399),
 * doi:10.1080/01621459.1987.10478517, eq. 7. Over the distinct pooled values {@code z_j} with
 * multiplicities {@code l_j}, {@code B_j = #{pooled < z_j} + l_j/2} and, for sample i of size
 * {@code n_i}, {@code M_ij = #{x_i <= z_j} - f_ij/2} ({@code f_ij} = its multiplicity of {@code z_j}):
 * <pre>
 *   A²akN = (N-1)/N · Σ_i 1/n_i · Σ_j (l_j/N) (N M_ij - n_i B_j)² / (B_j (N - B_j) - N l_j/4)
 * </pre>
 * standardised as {@code T = (A²akN - (k-1)) / σ_N} with the exact finite-sample variance
 * {@code σ_N² = (aN³ + bN² + cN + d)/((N-1)(N-2)(N-3))} of the paper (coefficients from the harmonic
 * sums {@code h = Σ_{i<N} 1/i}, {@code g = Σ_{i<N-1} Σ_{i<j<N} 1/((N-i) j)} and {@code H = Σ 1/n_i}).
 *
 * <p><b>Score.</b> Not a true p-value: critical values {@code b0 + b1/√(k-1) + b2/(k-1)} at levels
 * 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001 (the paper's Table 2) are fitted by a least-squares
 * quadratic in {@code ln(level)}; the score is {@code exp(fit(T))}, clipped: 0.25 below the smallest
 * critical value, 0.001 above the largest. Drift when {@code score < threshold} (default 0.1).
 *
 * <p><b>Edge cases.</b> Fewer than two distinct pooled values (e.g. both sides the same constant)
 * and {@code n = m = 1} throw {@link InsufficientDataException} (SciPy raises {@code ValueError} and
 * {@code IndexError}); an empty side too; a categorical column {@link InapplicableTestException}.
 * With N = 3 the variance divides by zero exactly as SciPy's floating-point code does. Ties are
 * handled by the midranks.
 *
 * <p>Thread-safe: immutable.
 */
public final class AndersonDarlingTest implements DriftTest {
    private static final double[] LEVELS = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    /** Critical values for k = 2 samples. */
    private static final double[] CRITICAL = new double[LEVELS.length];
    /** Quadratic fit of ln(level) on the critical values, highest power first. */
    private static final double[] FIT;

    static {
        double km1 = 1; // k - 1 with k = 2 samples
        for (int i = 0; i < CRITICAL.length; i++) {
            CRITICAL[i] = B0[i] + B1[i] / Math.sqrt(km1) + B2[i] / km1;
        }
        double[] logLevels = new double[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            logLevels[i] = Math.log(LEVELS[i]);
        }
        FIT = quadraticLeastSquares(CRITICAL, logLevels);
    }

    private static final AndersonDarlingTest DEFAULT = new AndersonDarlingTest();

    private AndersonDarlingTest() {
    }

    /** Evidently's {@code anderson}. The test has no options. */
    public static AndersonDarlingTest withDefaults() {
        return DEFAULT;
    }

    @Override
    public String name() {
        return "anderson";
    }

    @Override
    public String displayName() {
        return "Anderson-Darling";
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
        return kind == ColumnKind.NUMERICAL;
    }

    /**
     * The standardised statistic T of two sorted samples.
     *
     * @throws InsufficientDataException for an empty side, {@code n = m = 1}, or fewer than two
     *     distinct pooled values
     */
    public double statistic(double[] sortedRef, double[] sortedCur) {
        int n = sortedRef.length;
        int m = sortedCur.length;
        if (n == 0 || m == 0) {
            throw new InsufficientDataException("anderson needs at least one value on each side (reference "
                    + n + ", current " + m + ")");
        }
        int bigN = n + m;
        if (bigN < 3) {
            throw new InsufficientDataException("anderson needs at least three values in total (reference "
                    + n + ", current " + m + ")");
        }
        if (NumericSamples.countDistinctUnion(sortedRef, sortedCur) < 2) {
            throw new InsufficientDataException("anderson needs at least two distinct values across both sides");
        }
        double a2akn = midrankA2(sortedRef, sortedCur);
        return (a2akn - 1) / Math.sqrt(varianceA2(n, m));
    }

    /** Scholz-Stephens A²akN (midrank, k = 2) by one merge over tie groups. */
    static double midrankA2(double[] r, double[] c) {
        int n = r.length;
        int m = c.length;
        double bigN = n + m;
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
            double lj = (i - i0) + (j - j0);
            double bj = (i0 + j0) + lj / 2.0;
            double denom = bj * (bigN - bj) - bigN * lj / 4.0;
            double mr = i - (i - i0) / 2.0;
            double mc = j - (j - j0) / 2.0;
            double dr = bigN * mr - bj * n;
            double dc = bigN * mc - bj * m;
            sumR += lj / bigN * dr * dr / denom;
            sumC += lj / bigN * dc * dc / denom;
        }
        return (sumR / n + sumC / m) * ((bigN - 1.0) / bigN);
    }

    /** Exact variance of A²akN under the null for k = 2 samples of sizes n and m (Scholz-Stephens eq. 4). */
    static double varianceA2(int n, int m) {
        int bigN = n + m;
        int k = 2;
        double hH = 1.0 / n + 1.0 / m;
        // hs_cs[t] = Σ_{s<=t} 1/(N-1-s), t = 0..N-3; h = hs_cs[N-3] + 1; g = Σ_t hs_cs[t]/(t+2).
        double cum = 0;
        double g = 0;
        for (int t = 0; t <= bigN - 3; t++) {
            cum += 1.0 / (bigN - 1 - t);
            g += cum / (t + 2);
        }
        double h = cum + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hH;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hH - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hH + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double dn = bigN;
        return (a * dn * dn * dn + b * dn * dn + c * dn + d) / ((dn - 1.0) * (dn - 2.0) * (dn - 3.0));
    }

    /** The interpolated, clipped significance level for statistic {@code t}. */
    static double significance(double t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double cv : CRITICAL) {
            min = Math.min(min, cv);
            max = Math.max(max, cv);
        }
        if (t < min) {
            return 0.25;
        }
        if (t > max) {
            return 0.001;
        }
        return Math.exp((FIT[0] * t + FIT[1]) * t + FIT[2]);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("anderson applies to numerical columns only");
        }
        double t = statistic(s.reference(), s.current());
        return TestResult.of(this, significance(t), threshold, t, null, null);
    }

    /** Least-squares {@code y ≈ c0 x² + c1 x + c2} by the normal equations, solved with pivoting. */
    private static double[] quadraticLeastSquares(double[] x, double[] y) {
        double[][] a = new double[3][4];
        for (int i = 0; i < x.length; i++) {
            double[] row = {x[i] * x[i], x[i], 1.0};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][3] += row[r] * y[i];
            }
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < 3; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < 4; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] coef = new double[3];
        for (int r = 2; r >= 0; r--) {
            double s = a[r][3];
            for (int c = r + 1; c < 3; c++) {
                s -= a[r][c] * coef[c];
            }
            coef[r] = s / a[r][r];
        }
        return coef;
    }

    @Override
    public String toString() {
        return "AndersonDarlingTest";
    }
}
