package io.driftwatch.stats;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Survival function of the exact one-sample two-sided Kolmogorov-Smirnov statistic
 * {@code D_n = sup |F_n - F|}, i.e. {@code P(D_n >= x)} for a sample of size {@code n}: what SciPy
 * calls {@code kstwo.sf(x, n)} and uses for the asymptotic two-sample p-value ({@code ks_2samp},
 * mode {@code asymp}). Not the limiting Kolmogorov distribution.
 *
 * <p>The algorithm selection follows Simard and L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11), doi:10.18637/jss.v039.i11, with the
 * cut-offs SciPy 1.10 uses ({@code scipy/stats/_ksstats.py}):
 * <ul>
 *   <li>Ruben-Gambino closed forms for {@code n x <= 1} and {@code n x >= n - 1};</li>
 *   <li>{@code 2 * smirnov(n, x)} (exact for {@code x >= 1/2}, Miller's approximation otherwise)
 *       for large {@code n x^2};</li>
 *   <li>the Durbin matrix algorithm in the Marsaglia-Tsang-Wang form (doi:10.18637/jss.v008.i18)
 *       for small {@code n x^2} or {@code n x^1.5};</li>
 *   <li>the Pomeranz recursion (doi:10.1145/361604.361628) for {@code n <= 140};</li>
 *   <li>the Pelz-Good asymptotic series (doi:10.1111/j.2517-6161.1976.tb01578.x) otherwise.</li>
 * </ul>
 * The one-sided Smirnov tail {@code P(D_n^+ >= x)} is Birnbaum-Tingey's finite sum
 * (doi:10.1214/aoms/1177729550), here summed in log space in double precision (SciPy uses
 * double-double); agreement with SciPy is to about 1e-12 relative.
 *
 * <p>Deliberately low-level numerical code; thread-safe: stateless.
 */
final class KolmogorovDistribution {
    private static final double TWO_POW_128 = 0x1.0p128;
    private static final double TWO_POW_M128 = 0x1.0p-128;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT3 = Math.sqrt(3);
    private static final double PI_SQUARED = Math.PI * Math.PI;
    private static final double PI_FOUR = PI_SQUARED * PI_SQUARED;
    private static final double PI_SIX = PI_FOUR * PI_SQUARED;
    /** Cephes MINLOG: log of the smallest normal double. */
    private static final double MIN_LOG = -708.3964185322641;
    /** Above this n, Smirnov's tail is approximated as SciPy does. */
    private static final int SMIRNOV_MAX_COMPUTE_N = 1_000_000;
    /** B_{2j}/(2j)/(2j-1) for j = 8..1 (Stirling series), highest power first. */
    private static final double[] STIRLING_COEFFS = {
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
        8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2};

    /** Smirnov sums with more terms than this are summed over their bulk only (see smirnovSf). */
    private static final int WINDOWED_SUM_MIN_TERMS = 50_000;
    private static final int WINDOW_GRID = 256;

    private KolmogorovDistribution() {
    }

    /** log of the Birnbaum-Tingey term v (see smirnovSf), with log C(n, v) from log-gamma. */
    private static double logSmirnovTerm(int n, long nxfl, double alpha, int v, double logN) {
        double up = (nxfl + v) + alpha;
        double down = (n - nxfl - v) - alpha;
        return logBinomial(n, v) + (v - 1) * (Math.log(up) - logN) + (n - v) * (Math.log(down) - logN);
    }

    private static double logBinomial(int n, int k) {
        return LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
    }

    /**
     * {@code P(D_n >= x)}, clipped to [0, 1]; NaN for {@code n < 1}.
     *
     * @param n sample size
     * @param x the statistic
     */
    static double sf(int n, double x) {
        if (n < 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1.0;
                double invN = 1.0 / n;
                double twoTm1 = 2 * t - 1;
                for (int i = 1; i <= n; i++) {
                    prob *= i * invN * twoTm1;
                }
            } else {
                prob = Math.exp(logNFactorialOverNPowN(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - prob);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * smirnovSf(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbinCdf(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranzCdf(n, x));
            }
            return clip(2 * smirnovSf(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * smirnovSf(n, x));
        }
        double cdf;
        if (n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinCdf(n, x);
        } else {
            cdf = pelzGoodCdf(n, x);
        }
        return clip(1.0 - cdf);
    }

    private static double clip(double p) {
        return p < 0 ? 0.0 : (p > 1 ? 1.0 : p);
    }

    /** log(n! / n^n) by Stirling's series with n log n removed up front. */
    static double logNFactorialOverNPowN(int n) {
        double rn = 1.0 / n;
        double u = rn / n;
        double poly = 0;
        for (double c : STIRLING_COEFFS) {
            poly = poly * u + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /**
     * One-sided Smirnov tail {@code P(D_n^+ >= x)} (SciPy's {@code smirnov(n, x)}), for
     * {@code 0 <= x <= 1}: the lower Birnbaum-Tingey sum
     * {@code x Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v)}, with the closed forms at the
     * ends and Miller's approximation for {@code n > 10^6}.
     */
    static double smirnovSf(int n, double x) {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == 1.0) {
            return 0.0;
        }
        // n*x split exactly into floor and fraction.
        double nxHi = n * x;
        double nxLo = Math.fma(n, x, -nxHi);
        double floorHi = Math.floor(nxHi);
        double alpha = (nxHi - floorHi) + nxLo;
        long nxfl = (long) floorHi;
        if (alpha < 0) {
            alpha += 1;
            nxfl -= 1;
        }
        if (alpha >= 1) {
            alpha -= 1;
            nxfl += 1;
        }
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
            double cdf = x * Math.pow(1 + x, n - 1);
            return clip(1 - cdf);
        }
        if (-2 * n * x * x < MIN_LOG) {
            return 0.0;
        }
        if (nxfl >= n - 1) {
            return clip(Math.pow(1 - x, n));
        }
        if (n > SMIRNOV_MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            if (logp < -Math.log(2)) {
                return Math.exp(logp);
            }
            return 1 - (-Math.expm1(logp));
        }
        // Terms v = 0 .. n - nxfl - 1 (v = n(1-x) itself excluded when n*x is an integer).
        int nTerms = (int) (n - nxfl);
        // Term v: C(n,v) ((nxfl+v+alpha)/n)^(v-1) ((n-nxfl-v-alpha)/n)^(n-v), in logs.
        double logN = Math.log(n);
        int from = 0;
        int to = nTerms - 1;
        if (nTerms > WINDOWED_SUM_MIN_TERMS) {
            // The terms are a smooth unimodal sequence whose bulk sits far from v = 0 for large n:
            // locate the bulk on a coarse grid and sum only where a term is within e^-45 of the largest.
            double peak = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < nTerms; v += WINDOW_GRID) {
                peak = Math.max(peak, logSmirnovTerm(n, nxfl, alpha, v, logN));
            }
            peak = Math.max(peak, logSmirnovTerm(n, nxfl, alpha, nTerms - 1, logN));
            int first = -1;
            int last = -1;
            for (int v = 0; v < nTerms; v += WINDOW_GRID) {
                if (logSmirnovTerm(n, nxfl, alpha, v, logN) > peak - 45) {
                    if (first < 0) {
                        first = v;
                    }
                    last = v;
                }
            }
            if (first >= 0) {
                from = Math.max(0, first - WINDOW_GRID);
                to = (int) Math.min((long) nTerms - 1, (long) last + WINDOW_GRID);
            }
        }
        double logBinom = from == 0 ? 0 : logBinomial(n, from);
        double sum = 0;
        int vmid = n / 2;
        for (int v = from; v <= to; v++) {
            double up = (nxfl + v) + alpha;
            double down = (n - nxfl - v) - alpha;
            double logTerm = logBinom + (v - 1) * (Math.log(up) - logN) + (n - v) * (Math.log(down) - logN);
            double term = Math.exp(logTerm);
            sum += term;
            if (term != 0) {
                if (4.0 * (nTerms - v) * term < Math.ulp(1.0) * sum && v != nTerms - 1 && v > 0) {
                    break;
                }
            } else if (v > vmid) {
                break;
            }
            logBinom += Math.log((double) (n - v) / (v + 1));
        }
        return clip(x * sum);
    }

    /**
     * {@code P(D_n <= d)} by Durbin's matrix algorithm as Marsaglia, Tsang and Wang compute it:
     * the (k,k) entry of {@code H^n}, scaled by {@code n!/n^n}, with {@code d = (k - h)/n}.
     */
    static double durbinCdf(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        double[] hm = new double[m * m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r * m + i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r * m] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[(m - 1) * m + c] = v[m - 1 - c];
        }
        double[] pwr = new double[m * m];
        for (int i = 0; i < m; i++) {
            pwr[i * m + i] = 1.0;
        }
        double[] scratch = new double[m * m];
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if ((nn & 1) != 0) {
                multiply(pwr, hm, scratch, m);
                double[] t = pwr;
                pwr = scratch;
                scratch = t;
                expnt += hExpnt;
            }
            multiply(hm, hm, scratch, m);
            double[] t = hm;
            hm = scratch;
            scratch = t;
            hExpnt *= 2;
            if (Math.abs(hm[(k - 1) * m + (k - 1)]) > TWO_POW_128) {
                for (int i = 0; i < hm.length; i++) {
                    hm[i] /= TWO_POW_128;
                }
                hExpnt += 128;
            }
            nn /= 2;
        }
        double p = pwr[(k - 1) * m + (k - 1)];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < TWO_POW_M128) {
                p *= TWO_POW_128;
                expnt -= 128;
            }
        }
        if (expnt != 0) {
            p = Math.scalb(p, expnt);
        }
        return clip(p);
    }

    /** out = a * b for row-major m×m matrices; out must not alias a or b. */
    private static void multiply(double[] a, double[] b, double[] out, int m) {
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < m; i++) {
            int row = i * m;
            for (int l = 0; l < m; l++) {
                double ail = a[row + l];
                if (ail == 0.0) {
                    continue;
                }
                int brow = l * m;
                for (int j = 0; j < m; j++) {
                    out[row + j] += ail * b[brow + j];
                }
            }
        }
    }

    /** {@code P(D_n <= x)} by Pomeranz's recursion, keeping two rows and rescaling against underflow. */
    static double pomeranzCdf(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        double[] conv = new double[2 * npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int expnt = 0;
        int[] j12 = new int[2];
        pomeranzBounds(0, n, ll, ceilf, roundf, j12);
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j12[0];
            double[] tmp = v0;
            v0 = v1;
            v1 = tmp;
            int ts = v0s;
            v0s = v1s;
            v1s = ts;
            java.util.Arrays.fill(v1, 0.0);
            pomeranzBounds(i, n, ll, ceilf, roundf, j12);
            int j1 = j12[0];
            int j2 = j12[1];
            double[] pwrs = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 != 0 ? twogpower : onem2gpower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0) {
                int aStart = k1 - v0s;
                int aLen = Math.max(0, Math.min(ln2, npwrs - aStart));
                int bLen = Math.min(ln2, npwrs);
                int convLen = aLen + bLen - 1;
                for (int c = 0; c < convLen; c++) {
                    double s = 0;
                    int lo = Math.max(0, c - bLen + 1);
                    int hi = Math.min(c, aLen - 1);
                    for (int a = lo; a <= hi; a++) {
                        s += v0[aStart + a] * pwrs[c - a];
                    }
                    conv[c] = s;
                }
                int convStart = j1 - k1;
                int len = j2 - j1 + 1;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < len && convStart + c < convLen; c++) {
                    v1[c] = conv[convStart + c];
                }
                for (double val : v1) {
                    max = Math.max(max, val);
                }
                if (0 < max && max < TWO_POW_M128) {
                    for (int c = 0; c < v1.length; c++) {
                        v1[c] *= TWO_POW_128;
                    }
                    expnt -= 128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        double ans = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(ans) > TWO_POW_128) {
                ans *= TWO_POW_M128;
                expnt += 128;
            }
            ans *= m;
        }
        if (expnt != 0) {
            ans = Math.scalb(ans, expnt);
        }
        return clip(ans);
    }

    private static void pomeranzBounds(int i, int n, int ll, int ceilf, int roundf, int[] out) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int ip1div2 = (i + 1) / 2;
            int ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0) {
                if (ip1div2 == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }
        out[0] = Math.max(j1 + 2, 0);
        out[1] = Math.min(j2, n);
    }

    /**
     * Pelz-Good approximation of {@code P(D_n <= x)}: the Li-Chien/Korolyuk expansion
     * {@code K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5}, {@code z = x√n}, each term transformed with
     * Jacobi theta identities into a form suited to small z.
     */
    static double pelzGoodCdf(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI_SQUARED / 8 / z2;
        if (qlog < -708) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI_SQUARED / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI_SQUARED / 4;
        double k2c = PI_FOUR * (1 - 2 * z2) / 16;
        double k3d = PI_SIX * (5 - 30 * z2) / 64;
        double k3c = PI_FOUR * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI_SQUARED * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * k);
            s0 = s0 * qpower + 1.0;
            s1 = s1 * qpower + (k1a + k1b * m2);
            s2 = s2 * qpower + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        s0 = s0 * q * SQRT_2PI / z;
        s1 = s1 * q * SQRT_2PI / (6 * z4);
        s2 = s2 * q * SQRT_2PI / (72 * Math.pow(z, 7));
        s3 = s3 * q * SQRT_2PI / (6480 * Math.pow(z, 10));
        double q2 = Math.exp(-PI_SQUARED / 2 / z2);
        double sqrt3z = SQRT3 * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int k = maxk; k > 0; k--) {
            double ksq = (double) k * k;
            double qp = Math.pow(q2, ksq);
            double kspi = Math.PI * k;
            k2extra += ksq * qp;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
        }
        s2 += k2extra * (PI_SQUARED * SQRT_2PI / (-36 * z3));
        s3 += k3extra * (PI_SQUARED * SQRT_2PI / (216 * z6));
        double sqrtN = Math.sqrt(n);
        return s0 + s1 / sqrtN + s2 / n + s3 / (n * sqrtN);
    }
}
