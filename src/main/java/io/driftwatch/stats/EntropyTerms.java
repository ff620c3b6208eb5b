package io.driftwatch.stats;

/**
 * The elementwise terms of the likelihood-ratio and entropy-based statistics, with SciPy's
 * conventions at zero: {@code special.xlogy(x, x / y)} for the G statistic and
 * {@code special.rel_entr(x, y)} for the Kullback-Leibler and Jensen-Shannon sums.
 *
 * <p>Thread-safe: stateless.
 */
final class EntropyTerms {

    private EntropyTerms() {
    }

    /** {@code x · ln(x / y)} with {@code 0 · ln(…) = 0}; {@code +∞} when {@code x > 0 = y}. */
    static double xLogXOverY(double x, double y) {
        return x == 0 ? 0.0 : x * Math.log(x / y);
    }

    /** SciPy's {@code rel_entr}: {@code x ln(x/y)} for positive {@code x, y}; 0 when {@code x = 0 <= y}; else {@code +∞}. */
    static double relativeEntropy(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0.0;
        }
        return Double.POSITIVE_INFINITY;
    }
}
