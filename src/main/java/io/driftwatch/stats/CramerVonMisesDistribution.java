package io.driftwatch.stats;

import java.util.Arrays;

/**
 * Null distributions of the two-sample Cramér-von Mises statistic, as Evidently 0.7 computes them
 * (its own port of SciPy's {@code cramervonmises_2samp}).
 *
 * <ul>
 *   <li>{@link #exactSf(double, int, int)}: the permutation distribution of
 *       {@code U = n Σ(r_i - i)^2 + m Σ(s_j - j)^2} by the lattice-path recursion of Xiao, Gordon and
 *       Yakovlev (2006), "A C++ Program for the Cramér-von Mises Two-Sample Test", J. Stat. Softw.
 *       17(8), doi:10.18637/jss.v017.i08; exponential in size, used for {@code max(n, m) <= 20}.</li>
 *   <li>{@link #limitingCdf(double)}: the limiting one-sample distribution, Csörgő and Faraway (1996),
 *       "The exact and asymptotic distributions of Cramér-von Mises statistics", JRSS B 58(1),
 *       doi:10.1111/j.2517-6161.1996.tb02077.x, eq. 1.3, summed until a term drops below 1e-7.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class CramerVonMisesDistribution {
    /** Terms of the limiting series are added until one is smaller than this (Evidently/SciPy). */
    private static final double SERIES_TOLERANCE = 1e-7;
    private static final double PI_POW_1_5 = Math.pow(Math.PI, 1.5);

    private CramerVonMisesDistribution() {
    }

    /**
     * {@code P(U' >= u)} over all {@code C(n+m, n)} equally likely splits of the pooled ranks into
     * sizes n (reference, the "x" sample) and m.
     */
    static double exactSf(double u, int n, int m) {
        long lcm = (long) n / gcd(n, m) * m;
        long a = lcm / n;
        long b = lcm / m;
        long mn = (long) n * m;
        // zeta = lcm^2 (n+m) (6u - mn(4mn-1)) // (6 mn^2), evaluated in doubles and floored as NumPy does.
        double numerator = (double) (lcm * lcm * (n + m)) * (6 * u - (double) (mn * (4 * mn - 1)));
        double zeta = floorDivide(numerator, (double) (6 * mn * mn));

        // cells[v]: distribution (sorted values, counts) of the path sums reaching (row, v).
        long[][] values = new long[n + 1][];
        long[][] counts = new long[n + 1][];
        for (int v = 0; v <= n; v++) {
            values[v] = new long[0];
            counts[v] = new long[0];
        }
        values[0] = new long[] {0};
        counts[0] = new long[] {1};
        for (int row = 0; row <= m; row++) {
            long[] accValues = new long[0];
            long[] accCounts = new long[0];
            for (int v = 0; v <= n; v++) {
                long[][] merged = merge(accValues, accCounts, values[v], counts[v]);
                accValues = merged[0];
                accCounts = merged[1];
                long step = a * v - b * row;
                long add = step * step;
                for (int i = 0; i < accValues.length; i++) {
                    accValues[i] += add;
                }
                values[v] = accValues;
                counts[v] = accCounts;
            }
        }
        long[] finalValues = values[n];
        long[] finalCounts = counts[n];
        long atLeast = 0;
        for (int i = 0; i < finalValues.length; i++) {
            if (finalValues[i] >= zeta) {
                atLeast += finalCounts[i];
            }
        }
        return atLeast / binomial(n + m, n);
    }

    /** Union of two sorted (value, count) lists, adding counts of equal values; fresh arrays. */
    private static long[][] merge(long[] av, long[] ac, long[] bv, long[] bc) {
        long[] ov = new long[av.length + bv.length];
        long[] oc = new long[ov.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < av.length || j < bv.length) {
            if (j >= bv.length || (i < av.length && av[i] < bv[j])) {
                ov[k] = av[i];
                oc[k++] = ac[i++];
            } else if (i >= av.length || bv[j] < av[i]) {
                ov[k] = bv[j];
                oc[k++] = bc[j++];
            } else {
                ov[k] = av[i];
                oc[k++] = ac[i++] + bc[j++];
            }
        }
        return new long[][] {Arrays.copyOf(ov, k), Arrays.copyOf(oc, k)};
    }

    /** NumPy's float floor division: {@code (a - fmod(a, b)) / b}, floored, with its rounding fix-up. */
    static double floorDivide(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && ((b < 0) != (mod < 0))) {
            div -= 1.0;
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, a / b);
        }
        return floordiv;
    }

    /** C(n, k) as the double nearest the exact integer (exact below 2^53). */
    private static double binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * CDF of the limiting Cramér-von Mises distribution:
     * {@code Σ_k Γ(k+1/2)/(Γ(k+1) π^1.5 √x) √(4k+1) e^(-q) K_{1/4}(q)}, {@code q = (4k+1)^2/(16x)}.
     * Not meant to be accurate for x above about 4, where it is close to 1.
     */
    static double limitingCdf(double x) {
        double total = 0;
        double gammaRatio = Math.sqrt(Math.PI); // Γ(k + 1/2) / Γ(k + 1) at k = 0
        for (int k = 0; ; k++) {
            double u = gammaRatio / (PI_POW_1_5 * Math.sqrt(x));
            double y = 4.0 * k + 1;
            double q = y * y / (16 * x);
            double term = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
            total += term;
            if (!(Math.abs(term) >= SERIES_TOLERANCE)) {
                return total;
            }
            gammaRatio *= (k + 0.5) / (k + 1);
        }
    }

    /**
     * Modified Bessel function of the second kind {@code K_nu(q)}, {@code |nu| < 1}, {@code q > 0}, from
     * {@code K_nu(q) = ∫_0^∞ exp(-q cosh t) cosh(nu t) dt} by the trapezoidal rule, which converges
     * geometrically for this entire integrand (error about {@code exp(-π²/h)}).
     */
    static double besselK(double nu, double q) {
        if (q > 745) {
            return 0.0;
        }
        double h = Math.min(0.1, 0.5 / Math.sqrt(q));
        // Scaled integrand exp(-q (cosh t - 1)) cosh(nu t); the factor exp(-q) goes back on at the end.
        double sum = 0.5;
        for (int i = 1; ; i++) {
            double t = i * h;
            double expo = -q * (Math.cosh(t) - 1);
            double f = Math.exp(expo) * Math.cosh(nu * t);
            sum += f;
            if (expo + nu * t < -60) {
                break;
            }
        }
        return h * sum * Math.exp(-q);
    }
}
