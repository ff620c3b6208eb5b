package io.driftwatch.stats;

/**
 * Sums doubles in NumPy's order: {@code numpy.sum} (the {@code add.reduce} of a contiguous
 * {@code float64} array) adds blocks of at most 128 terms with eight interleaved accumulators and
 * joins blocks pairwise (Higham, "The accuracy of floating point summation", SIAM J. Sci. Comput.
 * 14(4), 1993, doi:10.1137/0914050). Reproducing the order, not just the accuracy, lets a score
 * match Evidently's to the last bit where the terms come in the same order (Sturges bins, ECDF
 * integrals), which decides the {@code threshold_boundary} oracle cases.
 *
 * <p>Terms come from an array or from a {@link TermSource} that produces them in order into a
 * 128-slot buffer, so a long merge (an ECDF integral over two million points) is summed without
 * materialising its terms.
 *
 * <p>Public for the dataset facts of {@code profile} (pandas' mean and standard deviation sum in
 * NumPy's order too).
 *
 * <p>Deliberately low-level: indexed loops over primitives, no allocation besides one buffer per
 * call. Public for the analyses that reproduce NumPy's means ({@link #sum(double[], int, int)},
 * {@link #mean(double[], int, int)}: the quality analysis's pandas and scikit-learn means); the rest
 * serves this package. Thread-safe: stateless.
 */
public final class PairwiseSummation {
    /** NumPy's {@code PW_BLOCKSIZE}. */
    static final int BLOCK = 128;

    private PairwiseSummation() {
    }

    /** Produces the terms of a sum in order, {@code count} at a time. */
    public interface TermSource {
        /** Writes the next {@code count} terms ({@code count <= 128}) to {@code buffer[0..count)}. */
        void next(double[] buffer, int count);
    }

    /** {@code a[offset] + … + a[offset + length - 1]} in NumPy's order. */
    public static double sum(double[] a, int offset, int length) {
        if (length < 8) {
            double res = 0.0;
            for (int i = 0; i < length; i++) {
                res += a[offset + i];
            }
            return res;
        }
        if (length <= BLOCK) {
            return block(a, offset, length);
        }
        int half = length / 2;
        half -= half % 8;
        return sum(a, offset, half) + sum(a, offset + half, length - half);
    }

    /** NumPy's {@code np.mean} of {@code a[offset, offset + length)}: the pairwise sum divided by the count. */
    public static double mean(double[] a, int offset, int length) {
        return sum(a, offset, length) / length;
    }

    /** The sum of all of {@code a} in NumPy's order. */
    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** The sum of the next {@code count} terms of {@code source} in NumPy's order. */
    public static double sum(TermSource source, long count) {
        return sum(source, count, new double[BLOCK]);
    }

    private static double sum(TermSource source, long count, double[] buffer) {
        if (count <= BLOCK) {
            int n = (int) count;
            source.next(buffer, n);
            return sum(buffer, 0, n);
        }
        long half = count / 2;
        half -= half % 8;
        double left = sum(source, half, buffer);
        return left + sum(source, count - half, buffer);
    }

    /**
     * The sizes, in order, of the blocks that {@link #sum(TermSource, long)} asks its source for when
     * summing {@code count} terms: the leaves of the pairwise tree. With {@link #combine} this lets a
     * caller produce the blocks in another schedule and still get the same sum to the bit.
     */
    static int[] leafSizes(long count) {
        int[] sizes = new int[leafCount(count)];
        int[] next = new int[1];
        leafSizes(count, sizes, next);
        return sizes;
    }

    private static int leafCount(long count) {
        if (count <= BLOCK) {
            return 1;
        }
        long half = count / 2;
        half -= half % 8;
        return leafCount(half) + leafCount(count - half);
    }

    private static void leafSizes(long count, int[] sizes, int[] next) {
        if (count <= BLOCK) {
            sizes[next[0]++] = (int) count;
            return;
        }
        long half = count / 2;
        half -= half % 8;
        leafSizes(half, sizes, next);
        leafSizes(count - half, sizes, next);
    }

    /**
     * Joins block sums as {@link #sum(TermSource, long)} does for {@code count} terms;
     * {@code blockSums[k]} is {@code sum(block, 0, leafSizes(count)[k])} of the k-th block's terms.
     */
    static double combine(double[] blockSums, long count) {
        return combine(blockSums, count, new int[1]);
    }

    private static double combine(double[] blockSums, long count, int[] next) {
        if (count <= BLOCK) {
            return blockSums[next[0]++];
        }
        long half = count / 2;
        half -= half % 8;
        double left = combine(blockSums, half, next);
        return left + combine(blockSums, count - half, next);
    }

    /** How {@link #sum(TermSource, long)} splits {@code count > 128} terms: the first part's size. */
    static long firstHalf(long count) {
        long half = count / 2;
        return half - half % 8;
    }

    /** One block of 8 to 128 terms: eight accumulators, joined as a balanced tree, then the rest. */
    private static double block(double[] a, int offset, int length) {
        double r0 = a[offset];
        double r1 = a[offset + 1];
        double r2 = a[offset + 2];
        double r3 = a[offset + 3];
        double r4 = a[offset + 4];
        double r5 = a[offset + 5];
        double r6 = a[offset + 6];
        double r7 = a[offset + 7];
        int end = length - length % 8;
        int i = 8;
        for (; i < end; i += 8) {
            int k = offset + i;
            r0 += a[k];
            r1 += a[k + 1];
            r2 += a[k + 2];
            r3 += a[k + 3];
            r4 += a[k + 4];
            r5 += a[k + 5];
            r6 += a[k + 6];
            r7 += a[k + 7];
        }
        double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for (; i < length; i++) {
            res += a[offset + i];
        }
        return res;
    }
}
