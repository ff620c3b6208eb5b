package io.driftwatch.estimate;

/**
 * A stable ascending sort of row indices by a {@code double} key (no NaN): bottom-up merge sort on
 * {@code int[]}, so ties keep their row order. Deliberately low-level: primitives only, one scratch
 * array.
 *
 * <p>Thread-safe: stateless.
 */
final class IndexSort {
    private IndexSort() {
    }

    /** The indices {@code 0..n-1} ordered by {@code keys[i]} ascending, ties in index order. */
    static int[] ascending(double[] keys, int n) {
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
