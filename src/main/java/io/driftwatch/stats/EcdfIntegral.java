package io.driftwatch.stats;

/**
 * Integrals of the difference of two empirical distribution functions, the core of the Wasserstein
 * and energy distances: {@code ∫ |F_R(x) − F_C(x)|^p dx} for {@code p} = 1 or 2, with right-continuous
 * ECDFs {@code F_R(x) = #{r <= x}/n}.
 *
 * <p>Computed as SciPy's {@code _cdf_distance} does (SciPy 1.10): over the pooled sorted values
 * {@code v_0 <= … <= v_{N-1}}, term {@code k} is {@code |F_R(v_k) − F_C(v_k)|^p · (v_{k+1} − v_k)}
 * with {@code F} as {@code count / size} in double division, and the {@code N − 1} terms are summed in
 * NumPy's pairwise order ({@link PairwiseSummation}). Here the pooled sequence is one linear merge of
 * the two sorted arrays, streamed into the summation 128 terms at a time: no pooled copy, no
 * allocation per value. Within a run of tied values the counts are those after the whole run only at
 * the run's last position, but every other position of the run has width 0 and adds exactly 0, as
 * in SciPy.
 *
 * <p>Thread-safe: stateless (each call has its own cursor).
 */
final class EcdfIntegral {

    private EcdfIntegral() {
    }

    /** {@code ∫ |F_R − F_C| dx}; both arrays sorted, finite and non-empty. */
    static double absolute(double[] sortedReference, double[] sortedCurrent) {
        return PairwiseSummation.sum(new Merge(sortedReference, sortedCurrent, false),
                (long) sortedReference.length + sortedCurrent.length - 1);
    }

    /** {@code ∫ (F_R − F_C)² dx}; both arrays sorted, finite and non-empty. */
    static double squared(double[] sortedReference, double[] sortedCurrent) {
        return PairwiseSummation.sum(new Merge(sortedReference, sortedCurrent, true),
                (long) sortedReference.length + sortedCurrent.length - 1);
    }

    /** The merge cursor: one pass over both sorted arrays producing the integral's terms in order. */
    private static final class Merge implements PairwiseSummation.TermSource {
        private final double[] r;
        private final double[] c;
        private final double n;
        private final double m;
        private final boolean squared;
        private int i;
        private int j;
        private double previous;

        Merge(double[] r, double[] c, boolean squared) {
            this.r = r;
            this.c = c;
            this.n = r.length;
            this.m = c.length;
            this.squared = squared;
            // Consume the smallest pooled value: the first term starts there.
            if (c.length == 0 || (r.length > 0 && r[0] <= c[0])) {
                previous = r[0];
                i = 1;
            } else {
                previous = c[0];
                j = 1;
            }
        }

        @Override
        public void next(double[] buffer, int count) {
            double[] r = this.r;
            double[] c = this.c;
            int rl = r.length;
            int cl = c.length;
            double n = this.n;
            double m = this.m;
            int i = this.i;
            int j = this.j;
            double previous = this.previous;
            boolean squared = this.squared;
            int k = 0;
            // While both sides have values, take the next one without a data-dependent branch: which
            // side comes next is a coin flip for two samples of one distribution.
            if (squared) {
                for (; k < count && i < rl && j < cl; k++) {
                    double a = r[i];
                    double b = c[j];
                    // All ones when b < a (reference first on ties; "+ 0.0" turns -0.0 - 0.0 into 0.0).
                    long mask = Double.doubleToRawLongBits((b - a) + 0.0) >> 63;
                    double v = Double.longBitsToDouble(
                            (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
                    double d = i / n - j / m;
                    buffer[k] = d * d * (v - previous);
                    j -= (int) mask;
                    i += 1 + (int) mask;
                    previous = v;
                }
            } else {
                for (; k < count && i < rl && j < cl; k++) {
                    double a = r[i];
                    double b = c[j];
                    long mask = Double.doubleToRawLongBits((b - a) + 0.0) >> 63;
                    double v = Double.longBitsToDouble(
                            (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
                    double d = i / n - j / m;
                    buffer[k] = Math.abs(d) * (v - previous);
                    j -= (int) mask;
                    i += 1 + (int) mask;
                    previous = v;
                }
            }
            for (; k < count; k++) {
                boolean fromReference = j >= cl || (i < rl && r[i] <= c[j]);
                double v = fromReference ? r[i] : c[j];
                double d = i / n - j / m;
                double width = v - previous;
                buffer[k] = squared ? d * d * width : Math.abs(d) * width;
                if (fromReference) {
                    i++;
                } else {
                    j++;
                }
                previous = v;
            }
            this.i = i;
            this.j = j;
            this.previous = previous;
        }
    }
}
