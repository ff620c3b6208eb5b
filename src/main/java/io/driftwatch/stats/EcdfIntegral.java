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

    /** Below this many terms one cursor does the whole merge. */
    static final long SPLIT_MIN_TERMS = 1 << 14;

    /** {@code ∫ |F_R − F_C| dx}; both arrays sorted, finite and non-empty. */
    static double absolute(double[] sortedReference, double[] sortedCurrent) {
        return integral(sortedReference, sortedCurrent, false);
    }

    /** {@code ∫ (F_R − F_C)² dx}; both arrays sorted, finite and non-empty. */
    static double squared(double[] sortedReference, double[] sortedCurrent) {
        return integral(sortedReference, sortedCurrent, true);
    }

    /**
     * The pairwise sum of the terms. For many terms the two halves of the pairwise tree are produced by
     * two cursors (the second starting at the middle of the merge, found by binary search) stepping in
     * one loop, so that the processor overlaps their dependency chains; each half's blocks are summed
     * and joined exactly as {@link PairwiseSummation#sum(PairwiseSummation.TermSource, long)} would.
     */
    private static double integral(double[] r, double[] c, boolean squared) {
        long count = (long) r.length + c.length - 1;
        if (count < SPLIT_MIN_TERMS) {
            return PairwiseSummation.sum(new Merge(r, c, squared, 1), count);
        }
        long half = PairwiseSummation.firstHalf(count);
        Merge first = new Merge(r, c, squared, 1);
        Merge second = new Merge(r, c, squared, (int) half + 1);
        int[] firstBlocks = PairwiseSummation.leafSizes(half);
        int[] secondBlocks = PairwiseSummation.leafSizes(count - half);
        double[] firstSums = new double[firstBlocks.length];
        double[] secondSums = new double[secondBlocks.length];
        double[] firstBuffer = new double[PairwiseSummation.BLOCK];
        double[] secondBuffer = new double[PairwiseSummation.BLOCK];
        int both = Math.min(firstBlocks.length, secondBlocks.length);
        for (int k = 0; k < both; k++) {
            Merge.fillPair(first, firstBuffer, firstBlocks[k], second, secondBuffer, secondBlocks[k]);
            firstSums[k] = PairwiseSummation.sum(firstBuffer, 0, firstBlocks[k]);
            secondSums[k] = PairwiseSummation.sum(secondBuffer, 0, secondBlocks[k]);
        }
        for (int k = both; k < firstBlocks.length; k++) {
            first.fill(firstBuffer, 0, firstBlocks[k]);
            firstSums[k] = PairwiseSummation.sum(firstBuffer, 0, firstBlocks[k]);
        }
        for (int k = both; k < secondBlocks.length; k++) {
            second.fill(secondBuffer, 0, secondBlocks[k]);
            secondSums[k] = PairwiseSummation.sum(secondBuffer, 0, secondBlocks[k]);
        }
        return PairwiseSummation.combine(firstSums, half) + PairwiseSummation.combine(secondSums, count - half);
    }

    /**
     * The merge cursor: one pass over both sorted arrays producing the integral's terms in order.
     * Term {@code k} is produced when pooled value {@code k + 1} is taken.
     */
    private static final class Merge implements PairwiseSummation.TermSource {
        private final double[] r;
        private final double[] c;
        private final double n;
        private final double m;
        private final boolean squared;
        private int i;
        private int j;
        private double previous;

        /** A cursor that has taken the first {@code taken >= 1} pooled values (reference first on ties). */
        Merge(double[] r, double[] c, boolean squared, int taken) {
            this.r = r;
            this.c = c;
            this.n = r.length;
            this.m = c.length;
            this.squared = squared;
            int lo = Math.max(0, taken - c.length);
            int hi = Math.min(r.length, taken);
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (r[mid] <= c[taken - mid - 1]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            i = lo;
            j = taken - lo;
            // The last value taken: of equal values the current one comes later.
            previous = j > 0 && (i == 0 || c[j - 1] >= r[i - 1]) ? c[j - 1] : r[i - 1];
        }

        @Override
        public void next(double[] buffer, int count) {
            fill(buffer, 0, count);
        }

        /**
         * Writes the next terms of {@code x} to {@code bx[0, cx)} and of {@code y} to {@code by[0, cy)},
         * stepping both cursors in one loop while they can.
         */
        static void fillPair(Merge x, double[] bx, int cx, Merge y, double[] by, int cy) {
            double[] r = x.r;
            double[] c = x.c;
            int rl = r.length;
            int cl = c.length;
            double n = x.n;
            double m = x.m;
            boolean squared = x.squared;
            int ix = x.i;
            int jx = x.j;
            double px = x.previous;
            int iy = y.i;
            int jy = y.j;
            double py = y.previous;
            int both = Math.min(cx, cy);
            int k = 0;
            for (; k < both && ix < rl && jx < cl && iy < rl && jy < cl; k++) {
                double a = r[ix];
                double b = c[jx];
                // All ones when b < a (reference first on ties; "+ 0.0" turns -0.0 - 0.0 into 0.0).
                long mask = Double.doubleToRawLongBits((b - a) + 0.0) >> 63;
                double v = Double.longBitsToDouble(
                        (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
                double d = ix / n - jx / m;
                double width = v - px;
                bx[k] = squared ? d * d * width : Math.abs(d) * width;
                jx -= (int) mask;
                ix += 1 + (int) mask;
                px = v;

                a = r[iy];
                b = c[jy];
                mask = Double.doubleToRawLongBits((b - a) + 0.0) >> 63;
                v = Double.longBitsToDouble(
                        (Double.doubleToRawLongBits(a) & ~mask) | (Double.doubleToRawLongBits(b) & mask));
                d = iy / n - jy / m;
                width = v - py;
                by[k] = squared ? d * d * width : Math.abs(d) * width;
                jy -= (int) mask;
                iy += 1 + (int) mask;
                py = v;
            }
            x.i = ix;
            x.j = jx;
            x.previous = px;
            y.i = iy;
            y.j = jy;
            y.previous = py;
            x.fill(bx, k, cx);
            y.fill(by, k, cy);
        }

        /** Writes the next terms to {@code buffer[from, to)}. */
        void fill(double[] buffer, int from, int to) {
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
            int k = from;
            int count = to;
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
