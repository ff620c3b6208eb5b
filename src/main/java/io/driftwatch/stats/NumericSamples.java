package io.driftwatch.stats;

import java.util.Arrays;

/**
 * Both sides of a numerical column as sorted arrays of finite values: Evidently's cleaning (NaN
 * and ±∞ removed) already applied. The arrays are shared, not copied, because they are large and
 * a reference profile keeps its sorted reference for every check: callers must not modify them.
 *
 * <p>Thread-safe: immutable by contract.
 */
public final class NumericSamples implements ColumnSample {
    private final double[] reference;
    private final double[] current;

    private NumericSamples(double[] reference, double[] current) {
        this.reference = reference;
        this.current = current;
    }

    /**
     * Wraps arrays that are already sorted ascending and hold only finite values. Not checked:
     * this is the hot path.
     */
    public static NumericSamples ofSorted(double[] sortedReference, double[] sortedCurrent) {
        return new NumericSamples(sortedReference, sortedCurrent);
    }

    /** Copies raw values, drops NaN and ±∞, and sorts each side. */
    public static NumericSamples clean(double[] reference, double[] current) {
        return new NumericSamples(cleanSorted(reference), cleanSorted(current));
    }

    /** A sorted copy of the finite values of {@code values}. */
    public static double[] cleanSorted(double[] values) {
        double[] out = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                out[n++] = v;
            }
        }
        out = n == out.length ? out : Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /** The sorted reference; do not modify. */
    public double[] reference() {
        return reference;
    }

    /** The sorted current values; do not modify. */
    public double[] current() {
        return current;
    }

    @Override
    public long referenceSize() {
        return reference.length;
    }

    @Override
    public long currentSize() {
        return current.length;
    }

    /**
     * The values as categories: one key per distinct value of either side, in ascending order, with
     * aligned counts. One linear merge of the two sorted arrays. Used when a categorical test
     * ({@code z}, {@code chisquare}) runs on numbers, as Evidently's automatic choice does for
     * numerical columns with few distinct values.
     */
    public CategoryCounts toCategoryCounts() {
        double[] r = reference;
        double[] c = current;
        int cap = countDistinctUnion(r, c);
        double[] keys = new double[cap];
        long[] rc = new long[cap];
        long[] cc = new long[cap];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < r.length || j < c.length) {
            double key;
            if (j >= c.length || (i < r.length && r[i] <= c[j])) {
                key = r[i];
            } else {
                key = c[j];
            }
            long nr = 0;
            while (i < r.length && r[i] == key) {
                nr++;
                i++;
            }
            long nc = 0;
            while (j < c.length && c[j] == key) {
                nc++;
                j++;
            }
            keys[k] = key;
            rc[k] = nr;
            cc[k] = nc;
            k++;
        }
        return CategoryCounts.ofSortedNumbers(keys, rc, cc);
    }

    /** Number of distinct values in the union of two sorted arrays. */
    public static int countDistinctUnion(double[] r, double[] c) {
        return countDistinctUnion(r, c, Integer.MAX_VALUE);
    }

    /**
     * Number of distinct values in the union of two sorted arrays, counted no further than
     * {@code limit}: {@code min(distinct, limit)}. Evidently's choice of test only asks whether a
     * column has at most 2 or 5 values, and the full count is a merge of both sides (a fifth of a
     * large check's drift work).
     */
    public static int countDistinctUnion(double[] r, double[] c, int limit) {
        int i = 0;
        int j = 0;
        int k = 0;
        while ((i < r.length || j < c.length) && k < limit) {
            double key = (j >= c.length || (i < r.length && r[i] <= c[j])) ? r[i] : c[j];
            while (i < r.length && r[i] == key) {
                i++;
            }
            while (j < c.length && c[j] == key) {
                j++;
            }
            k++;
        }
        return k;
    }

    /** Number of distinct values of one sorted array. */
    public static int countDistinct(double[] sorted) {
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                k++;
            }
        }
        return k;
    }
}
