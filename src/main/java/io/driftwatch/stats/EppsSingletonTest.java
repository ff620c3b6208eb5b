package io.driftwatch.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Epps-Singleton two-sample test on the empirical characteristic function: Evidently's
 * {@code es} ({@code scipy.stats.epps_singleton_2samp} with {@code t = (0.4, 0.8)}, preceded by
 * Evidently's own check that the pooled interquartile range is not zero).
 *
 * <p>Definition: pool both samples ({@code N = n + m}), {@code σ = IQR/2} (NumPy's linear
 * percentiles 25 and 75 of the pool), {@code τ_k = t_k/σ}, and
 * {@code g(x) = (cos τ₁x, cos τ₂x, sin τ₁x, sin τ₂x)}. With biased covariances {@code S_R},
 * {@code S_C} of g on each sample, {@code Σ = (N/n)·S_R + (N/m)·S_C}, its Moore-Penrose
 * pseudo-inverse {@code Σ⁺} (singular values at most {@code 1e-15·s_max} dropped, as NumPy's
 * {@code pinv}), {@code r = rank(Σ⁺)} (singular values above {@code s_max·4·ε}, as NumPy's
 * {@code matrix_rank}) and {@code d = mean_R(g) − mean_C(g)}:
 * <pre>
 *   W = N · dᵀ Σ⁺ d,   W ← W / (1 + N^−0.45 + 10.1·(n^−1.7 + m^−1.7))  if max(n, m) &lt; 25
 *   p = 1 − F_χ²(W; r)
 * </pre>
 * Drift when {@code p < threshold} (default 0.05). The statistic is {@code W}. Means are NumPy's
 * pairwise sums, so constant samples round like NumPy's (which decides whether Σ is exactly zero).
 *
 * <p>Reference: T. W. Epps, K. J. Singleton, "An omnibus test for the two-sample problem using the
 * empirical characteristic function", J. Stat. Comput. Simul. 26(3-4), 1986,
 * doi:10.1080/00949658608810963.
 *
 * <p>Edge cases:
 * <ul>
 *   <li>Pooled IQR of 0 (constant or mostly constant data), or fewer than 5 values on a side:
 *       {@link InsufficientDataException}, where Evidently and SciPy raise.</li>
 *   <li>{@code Σ} exactly zero (rank 0): {@code p} is NaN (SciPy's χ² with 0 degrees of freedom),
 *       no drift.</li>
 *   <li>Ties need no special treatment. Categorical columns: {@link InapplicableTestException}.</li>
 * </ul>
 * No options: the evaluation points are Evidently's (0.4, 0.8).
 *
 * <p>Thread-safe: immutable.
 */
public final class EppsSingletonTest implements DriftTest {
    private static final EppsSingletonTest DEFAULTS = new EppsSingletonTest();
    private static final double T1 = 0.4;
    private static final double T2 = 0.8;
    private static final int MIN_SIZE = 5;
    private static final double PINV_RCOND = 1e-15;
    private static final double EPSILON = Math.ulp(1.0);

    private EppsSingletonTest() {
    }

    /** The test as Evidently runs it. */
    public static EppsSingletonTest withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "es";
    }

    @Override
    public String displayName() {
        return "Epps-Singleton";
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
     * The statistic W of two sorted samples.
     *
     * @throws InsufficientDataException when the pooled IQR is 0 or a side has fewer than 5 values
     */
    public double statistic(double[] sortedReference, double[] sortedCurrent) {
        return compute(sortedReference, sortedCurrent)[0];
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("es applies to numerical columns only");
        }
        double[] wp = compute(s.reference(), s.current());
        return TestResult.of(this, wp[1], threshold, wp[0], null, null);
    }

    /** {W, p}. */
    private static double[] compute(double[] x, double[] y) {
        int nx = x.length;
        int ny = y.length;
        if (nx == 0 || ny == 0) {
            throw new InsufficientDataException("es needs values on both sides, got " + nx + " reference and "
                    + ny + " current values");
        }
        double iqr = pooledInterquartileRange(x, y);
        if (iqr == 0) {
            throw new InsufficientDataException("es is undefined when the interquartile range of the pooled values"
                    + " is 0 (no variability in the middle 50% of the data)");
        }
        if (nx < MIN_SIZE || ny < MIN_SIZE) {
            throw new InsufficientDataException("es needs at least " + MIN_SIZE + " values on each side, got "
                    + nx + " reference and " + ny + " current values");
        }
        int n = nx + ny;
        double sigma = iqr / 2;
        double ts1 = T1 / sigma;
        double ts2 = T2 / sigma;

        double[] meanX = new double[4];
        double[][] covX = new double[4][4];
        characteristicMoments(x, ts1, ts2, meanX, covX);
        double[] meanY = new double[4];
        double[][] covY = new double[4][4];
        characteristicMoments(y, ts1, ts2, meanY, covY);

        double fx = (double) n / nx;
        double fy = (double) n / ny;
        double[][] est = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                est[i][j] = fx * covX[i][j] + fy * covY[i][j];
            }
        }
        double[][] inv = pseudoInverse(est);
        int rank = rank(inv);

        double[] diff = new double[4];
        for (int i = 0; i < 4; i++) {
            diff[i] = meanX[i] - meanY[i];
        }
        double quad = 0;
        for (int i = 0; i < 4; i++) {
            double row = 0;
            for (int j = 0; j < 4; j++) {
                row += inv[i][j] * diff[j];
            }
            quad += diff[i] * row;
        }
        double w = n * quad;
        if (Math.max(nx, ny) < 25) {
            double corr = 1.0 / (1.0 + Math.pow(n, -0.45) + 10.1 * (Math.pow(nx, -1.7) + Math.pow(ny, -1.7)));
            w = corr * w;
        }
        double p = rank == 0 || Double.isNaN(w) ? Double.NaN : ChiSquaredDistribution.of(rank).survivalProbability(w);
        return new double[] {w, p};
    }

    /**
     * Means (NumPy pairwise) and biased covariance (centred products, times 1/count, as
     * {@code np.cov(bias=True)}) of g over one sample.
     */
    private static void characteristicMoments(double[] v, double ts1, double ts2, double[] mean, double[][] cov) {
        int n = v.length;
        double[][] g = new double[4][n];
        double[] c1 = g[0];
        double[] c2 = g[1];
        double[] s1 = g[2];
        double[] s2 = g[3];
        for (int k = 0; k < n; k++) {
            double a = ts1 * v[k];
            double b = ts2 * v[k];
            c1[k] = Math.cos(a);
            c2[k] = Math.cos(b);
            s1[k] = Math.sin(a);
            s2[k] = Math.sin(b);
        }
        for (int i = 0; i < 4; i++) {
            mean[i] = PairwiseSummation.mean(g[i], 0, n);
            double[] row = g[i];
            double mu = mean[i];
            for (int k = 0; k < n; k++) {
                row[k] -= mu;
            }
        }
        double scale = 1.0 / n;
        for (int i = 0; i < 4; i++) {
            for (int j = i; j < 4; j++) {
                double[] a = g[i];
                double[] b = g[j];
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[k] * b[k];
                }
                cov[i][j] = s * scale;
                cov[j][i] = cov[i][j];
            }
        }
    }

    /** NumPy's {@code pinv}: V·diag(1/s)·Uᵀ over singular values above {@code 1e-15·s_max}. */
    private static double[][] pseudoInverse(double[][] a) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false));
        double[] s = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        double cutoff = PINV_RCOND * max(s);
        int rows = a.length;
        int cols = a[0].length;
        double[][] out = new double[cols][rows];
        for (int k = 0; k < s.length; k++) {
            if (!(s[k] > cutoff)) {
                continue;
            }
            double inv = 1 / s[k];
            for (int i = 0; i < cols; i++) {
                double vik = v.getEntry(i, k) * inv;
                for (int j = 0; j < rows; j++) {
                    out[i][j] += vik * u.getEntry(j, k);
                }
            }
        }
        return out;
    }

    /** NumPy's {@code matrix_rank}: singular values above {@code s_max·max(M, N)·ε}. */
    private static int rank(double[][] a) {
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSingularValues();
        double tol = max(s) * Math.max(a.length, a[0].length) * EPSILON;
        int r = 0;
        for (double v : s) {
            if (v > tol) {
                r++;
            }
        }
        return r;
    }

    private static double max(double[] s) {
        double m = 0;
        for (double v : s) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** q75 − q25 of the pooled values, NumPy's linear method, without materialising the pool. */
    static double pooledInterquartileRange(double[] x, double[] y) {
        int total = x.length + y.length;
        return percentile(x, y, total, 0.75) - percentile(x, y, total, 0.25);
    }

    private static double percentile(double[] x, double[] y, int total, double q) {
        double index = (total - 1) * q;
        int lo = (int) Math.floor(index);
        double gamma = index - lo;
        int hi = Math.min(lo + 1, total - 1);
        double a = kthOfUnion(x, y, lo);
        double b = kthOfUnion(x, y, hi);
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** The k-th smallest (0-based) value of the union of two sorted arrays, by binary search. */
    static double kthOfUnion(double[] x, double[] y, int k) {
        // Find how many of the k+1 smallest come from x: i in [max(0, k+1-|y|), min(k+1, |x|)].
        int need = k + 1;
        int lo = Math.max(0, need - y.length);
        int hi = Math.min(need, x.length);
        while (lo < hi) {
            int i = (lo + hi) >>> 1;
            int j = need - i;
            if (x[i] < y[j - 1]) {
                lo = i + 1;
            } else {
                hi = i;
            }
        }
        int i = lo;
        int j = need - i;
        double fromX = i > 0 ? x[i - 1] : Double.NEGATIVE_INFINITY;
        double fromY = j > 0 ? y[j - 1] : Double.NEGATIVE_INFINITY;
        return Math.max(fromX, fromY);
    }
}
