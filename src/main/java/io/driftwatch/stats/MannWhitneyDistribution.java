package io.driftwatch.stats;

/**
 * Exact null distribution of the Mann-Whitney U statistic for samples of sizes n and m without
 * ties: the number of rank arrangements giving {@code U = k} is the coefficient of {@code q^k} in
 * the Gaussian binomial {@code [n+m choose n]_q}. The coefficients are built by Harding's
 * multiply-and-divide recursion (Harding 1984, "An Efficient, Minimal-storage Procedure for
 * Calculating the Mann-Whitney U, Generalized U and Similar Distributions", JRSS C 33(1),
 * doi:10.2307/2347674), only up to the degree needed; in exact {@code long} arithmetic while
 * {@code C(n+m, n) < 2^62}, else in doubles.
 *
 * <p>Thread-safe: stateless.
 */
final class MannWhitneyDistribution {
    private MannWhitneyDistribution() {
    }

    /**
     * {@code P(U' >= u)}, computed as SciPy 1.10 does: {@code Σ_{i=0}^{nm-u} count(i) / C(n+m, n)}
     * (the distribution is symmetric about nm/2).
     */
    static double sf(long u, int n, int m) {
        long nm = (long) n * m;
        if (u <= 0) {
            return 1.0;
        }
        if (u > nm) {
            return 0.0;
        }
        int degree = (int) (nm - u);
        int small = Math.min(n, m);
        int large = Math.max(n, m);
        double total = binomial(n + m, small);
        if (total < 0x1.0p62) {
            long[] c = countsLong(small, large, degree);
            double p = 0;
            for (int i = 0; i <= degree; i++) {
                p += c[i] / total;
            }
            return p;
        }
        double[] c = countsDouble(small, large, degree);
        double p = 0;
        for (int i = 0; i <= degree; i++) {
            p += c[i] / total;
        }
        return p;
    }

    private static long[] countsLong(int small, int large, int degree) {
        long[] c = new long[degree + 1];
        c[0] = 1;
        for (int i = 1; i <= small; i++) {
            int shift = large + i;
            for (int j = degree; j >= shift; j--) {
                c[j] -= c[j - shift];
            }
            for (int j = i; j <= degree; j++) {
                c[j] += c[j - i];
            }
        }
        return c;
    }

    private static double[] countsDouble(int small, int large, int degree) {
        double[] c = new double[degree + 1];
        c[0] = 1;
        for (int i = 1; i <= small; i++) {
            int shift = large + i;
            for (int j = degree; j >= shift; j--) {
                c[j] -= c[j - shift];
            }
            for (int j = i; j <= degree; j++) {
                c[j] += c[j - i];
            }
        }
        return c;
    }

    /** C(n, k) in doubles (exact while the value and its intermediate products stay below 2^53). */
    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
