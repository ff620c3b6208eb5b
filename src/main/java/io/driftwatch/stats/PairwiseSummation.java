package io.driftwatch.stats;

/**
 * NumPy's pairwise summation of doubles ({@code np.sum}, {@code np.mean} on a contiguous axis),
 * reproduced operation for operation so that means agree to the last bit: blocks of up to 128
 * values are summed with eight interleaved accumulators combined as
 * {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))} plus the remainder; fewer than 8 values are summed
 * left to right; longer ranges are split in two at a multiple of 8 and summed recursively.
 * This matters where Evidently's result hinges on rounding, e.g. the mean of a constant sample.
 *
 * <p>Thread-safe: stateless.
 */
final class PairwiseSummation {
    private static final int BLOCK = 128;

    private PairwiseSummation() {
    }

    /** NumPy's {@code np.sum(a[offset:offset+length])}. */
    static double sum(double[] a, int offset, int length) {
        if (length < 8) {
            double res = 0.0;
            for (int i = 0; i < length; i++) {
                res += a[offset + i];
            }
            return res;
        }
        if (length <= BLOCK) {
            double r0 = a[offset];
            double r1 = a[offset + 1];
            double r2 = a[offset + 2];
            double r3 = a[offset + 3];
            double r4 = a[offset + 4];
            double r5 = a[offset + 5];
            double r6 = a[offset + 6];
            double r7 = a[offset + 7];
            int end8 = length - (length % 8);
            int i;
            for (i = 8; i < end8; i += 8) {
                int p = offset + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < length; i++) {
                res += a[offset + i];
            }
            return res;
        }
        int half = length / 2;
        half -= half % 8;
        return sum(a, offset, half) + sum(a, offset + half, length - half);
    }

    /** NumPy's {@code np.mean}: the pairwise sum divided by the count. */
    static double mean(double[] a, int offset, int length) {
        return (0.0 + sum(a, offset, length)) / length;
    }
}
