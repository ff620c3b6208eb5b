package io.driftwatch.profile;

import java.util.Arrays;

/**
 * Quantiles as pandas 1.5 computes {@code Series.quantile(q)} (NumPy 1.24's {@code percentile} with
 * the default {@code linear} method on the non-missing values): virtual index {@code v = (m − 1)·q},
 * neighbours {@code floor(v)} and {@code floor(v) + 1} (both the last value when {@code v >= m − 1},
 * with NumPy's {@code gamma = v + 1} then), and NumPy's {@code _lerp}: {@code a + (b − a)·t}, or
 * {@code b − (b − a)·(1 − t)} when {@code t >= 0.5}. The arithmetic is NumPy's to the bit, including on
 * infinities (the median of {@code [1, 2, ∞]} is NaN, because {@code ∞·0} is).
 *
 * <p>The order statistics are found by selection, not sorting: a quickselect that follows every
 * wanted rank at once (Hoare partitioning around a median-of-three pivot, which splits runs of equal
 * values evenly), falling back to a full sort of a range that partitions badly too often.
 *
 * <p>Thread-safe: stateless.
 */
final class Quantiles {
    /** Evidently's quantiles of {@code DataSummaryPreset}. */
    static final double[] QUARTILES = {0.25, 0.5, 0.75};
    private static final int INSERTION = 24;

    private Quantiles() {
    }

    /**
     * The quantiles {@code q} of {@code a[0, m)} (no NaN) into {@code out}, NaN for each when
     * {@code m == 0}. Reorders {@code a}: afterwards {@code a[r]} is the r-th smallest value for every
     * rank r read, among them {@code (m − 1) / 2} when 0.5 is asked for.
     */
    static void linear(double[] a, int m, double[] q, double[] out) {
        if (m == 0) {
            Arrays.fill(out, 0, q.length, Double.NaN);
            return;
        }
        int[] ranks = new int[2 * q.length];
        int n = 0;
        for (double quantile : q) {
            double v = (m - 1) * quantile;
            if (v >= m - 1) {
                ranks[n++] = m - 1;
            } else {
                int prev = (int) Math.floor(v);
                ranks[n++] = prev;
                ranks[n++] = prev + 1;
            }
        }
        Arrays.sort(ranks, 0, n);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (unique == 0 || ranks[i] != ranks[unique - 1]) {
                ranks[unique++] = ranks[i];
            }
        }
        select(a, 0, m - 1, ranks, 0, unique, 2 * (32 - Integer.numberOfLeadingZeros(m)) + 4);
        for (int k = 0; k < q.length; k++) {
            out[k] = interpolate(a, m, q[k]);
        }
    }

    /** NumPy's linear interpolation for {@code q}, reading the selected ranks of {@code a[0, m)}. */
    private static double interpolate(double[] a, int m, double q) {
        double v = (m - 1) * q;
        double lower;
        double upper;
        double gamma;
        if (v >= m - 1) {
            lower = a[m - 1];
            upper = lower;
            gamma = v + 1; // NumPy takes index -1 as the previous index here
        } else {
            double floor = Math.floor(v);
            int prev = (int) floor;
            lower = a[prev];
            upper = a[prev + 1];
            gamma = v - floor;
        }
        double diff = upper - lower;
        return gamma >= 0.5 ? upper - diff * (1 - gamma) : lower + diff * gamma;
    }

    /**
     * Puts the elements of ranks {@code ranks[rFrom, rTo)} (ascending, within {@code [lo, hi]}) of
     * {@code a[lo, hi]} in place.
     */
    private static void select(double[] a, int lo, int hi, int[] ranks, int rFrom, int rTo, int depth) {
        while (rFrom < rTo) {
            if (hi - lo < INSERTION) {
                insertionSort(a, lo, hi);
                return;
            }
            if (depth-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int j = partition(a, lo, hi);
            int split = rFrom;
            while (split < rTo && ranks[split] < j) {
                split++;
            }
            int after = split;
            while (after < rTo && ranks[after] == j) {
                after++;
            }
            if (split > rFrom) {
                select(a, lo, j - 1, ranks, rFrom, split, depth);
            }
            lo = j + 1;
            rFrom = after;
        }
    }

    /**
     * Hoare partition of {@code a[lo, hi]} around the median of its first, middle and last values:
     * returns {@code j} with {@code a[lo, j) <= a[j] <= a(j, hi]}. Both scans stop on values equal to
     * the pivot, so runs of ties split evenly.
     */
    private static int partition(double[] a, int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        if (a[mid] < a[lo]) {
            swap(a, mid, lo);
        }
        if (a[hi] < a[lo]) {
            swap(a, hi, lo);
        }
        if (a[hi] < a[mid]) {
            swap(a, hi, mid);
        }
        swap(a, lo, mid); // the median of the three is the pivot, at lo; a[hi] >= pivot bounds the left scan
        double p = a[lo];
        int i = lo;
        int j = hi + 1;
        while (true) {
            do {
                i++;
            } while (a[i] < p);
            do {
                j--;
            } while (p < a[j]);
            if (i >= j) {
                break;
            }
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        swap(a, lo, j);
        return j;
    }

    private static void insertionSort(double[] a, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            double x = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
