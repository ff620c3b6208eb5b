package io.driftwatch.estimate;

/**
 * A stable ascending sort of row indices by a {@code double} key (no NaN), ties in row order,
 * {@code -0.0} equal to {@code 0.0}: a least-significant-digit radix sort over the keys' IEEE-754
 * bits (mapped so that their unsigned order is the numeric order), 11 bits a pass, skipping a pass
 * whose digit is the same for every key (the exponent bits of probabilities, mostly); small arrays
 * use insertion sort and merging. Linear time: CBPE sorts a million scores a few dozen times when it
 * fits. Deliberately low-level: primitives only, scratch arrays allocated once per call.
 *
 * <p>Thread-safe: stateless.
 */
final class IndexSort {
    private IndexSort() {
    }

    private static final int SMALL = 256;
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;

    /** The indices {@code 0..n-1} ordered by {@code keys[i]} ascending, ties in index order. */
    static int[] ascending(double[] keys, int n) {
        return n < SMALL ? merge(keys, n) : radix(keys, n);
    }

    private static int[] radix(double[] keys, int n) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(keys[i] + 0.0); // -0.0 + 0.0 is 0.0
            k[i] = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        long[] k2 = new long[n];
        int[] idx2 = new int[n];
        int[] count = new int[BUCKETS];
        for (int shift = 0; shift < 64; shift += BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (k[i] >>> shift) & (BUCKETS - 1)]++;
            }
            if (count[(int) (k[0] >>> shift) & (BUCKETS - 1)] == n) {
                continue; // one digit for all: this pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int b = (int) (k[i] >>> shift) & (BUCKETS - 1);
                int o = count[b]++;
                k2[o] = k[i];
                idx2[o] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }

    private static int[] merge(double[] keys, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        // insertion sort runs of 32, then merge
        final int run = 32;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(lo + run, n);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                double k = keys[v];
                int j = i - 1;
                while (j >= lo && keys[a[j]] > k) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    b[o++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[o++] = a[i++];
                }
                while (j < hi) {
                    b[o++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
