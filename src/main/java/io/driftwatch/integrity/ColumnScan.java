package io.driftwatch.integrity;

import io.driftwatch.data.NumericColumn;
import java.util.Arrays;

/**
 * The one pass over a current numeric column that the reference conditions need, deliberately
 * low-level (indexed loops over primitives, nothing allocated per value): its smallest and largest
 * values (so whether it is constant), and either how many values fall outside a range or which
 * values are not among a sorted set of known values (numbers used as category codes). A column found
 * out of range gets a second pass for its most extreme few values. Categorical columns need no scan of their own: their counts by dictionary code
 * ({@link io.driftwatch.data.CategoricalColumn#countsByCode()}) are the one pass.
 *
 * <p>Not thread-safe: one scan belongs to one column's evaluation.
 */
final class ColumnScan {
    /** How many extreme values are kept per side. */
    static final int EXTREMES = IntegrityFinding.MAX_EXAMPLES;

    /** The smallest non-missing value (+∞ when every cell is missing). */
    double min = Double.POSITIVE_INFINITY;
    /** The largest non-missing value (−∞ when every cell is missing). */
    double max = Double.NEGATIVE_INFINITY;
    /** Values below the range's lower end. */
    long below;
    /** Values above the range's upper end. */
    long above;
    /** The smallest values below the range, ascending ({@link #lowestCount} of them); see {@link #keepExtremes}. */
    final double[] lowest = new double[EXTREMES];
    int lowestCount;
    /** The largest values above the range, descending ({@link #highestCount} of them); see {@link #keepExtremes}. */
    final double[] highest = new double[EXTREMES];
    int highestCount;
    /** Values that are not among the known values, in row order ({@link #unknownCount} of them). */
    double[] unknown = new double[0];
    int unknownCount;

    private ColumnScan() {
    }

    /** Whether the column holds more than one distinct non-missing value. */
    boolean varied() {
        return min < max;
    }

    /**
     * Counts the values of {@code column} below {@code lo} and above {@code hi} (±∞ included; missing
     * cells skipped) and finds its smallest and largest values. The loop has no branch a value can
     * mispredict: a missing cell holds NaN, which every comparison rejects, and the counts add the
     * comparisons' outcomes.
     */
    static ColumnScan range(NumericColumn column, double lo, double hi) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long below = 0;
        long above = 0;
        for (int i = 0; i < n; i++) {
            double v = column.value(i);
            min = v < min ? v : min;
            max = v > max ? v : max;
            above += v > hi ? 1 : 0;
            below += v < lo ? 1 : 0;
        }
        scan.min = min;
        scan.max = max;
        scan.below = below;
        scan.above = above;
        return scan;
    }

    /**
     * A second pass, for a column found out of range: keeps its most extreme few values below
     * {@code lo} and above {@code hi}.
     */
    void keepExtremes(NumericColumn column, double lo, double hi) {
        int n = column.length();
        double high = hi; // a value must exceed this to be kept: hi, then the smallest of a full set
        double low = lo;
        for (int i = 0; i < n; i++) {
            double v = column.value(i);
            if (v > high) {
                keepHighest(v);
                high = highestCount == EXTREMES ? highest[EXTREMES - 1] : hi;
            } else if (v < low) {
                keepLowest(v);
                low = lowestCount == EXTREMES ? lowest[EXTREMES - 1] : lo;
            }
        }
    }

    /**
     * Collects the values of {@code column} that are not in {@code known} (sorted ascending, distinct,
     * finite; missing cells skipped), and finds its smallest and largest values. Known values that are
     * all whole numbers over a short span (category codes) are looked up in a table, others by binary
     * search.
     */
    static ColumnScan unknownValues(NumericColumn column, double[] known) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] unknown = new double[16];
        int unknownCount = 0;
        boolean[] table = codeTable(known);
        double base = known.length == 0 ? 0 : known[0];
        for (int i = 0; i < n; i++) {
            double v = column.value(i);
            if (v != v) {
                continue;
            }
            min = v < min ? v : min;
            max = v > max ? v : max;
            boolean isKnown;
            if (table != null) {
                double offset = v - base;
                int index = (int) offset;
                isKnown = index == offset && index >= 0 && index < table.length && table[index];
            } else {
                isKnown = contains(known, v);
            }
            if (!isKnown) {
                if (unknownCount == unknown.length) {
                    unknown = Arrays.copyOf(unknown, unknown.length * 2);
                }
                unknown[unknownCount++] = v;
            }
        }
        scan.min = min;
        scan.max = max;
        scan.unknown = unknown;
        scan.unknownCount = unknownCount;
        return scan;
    }

    /** Finds only the smallest and largest values of {@code column} (whether it is constant). */
    static ColumnScan constancy(NumericColumn column) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = column.value(i);
            min = v < min ? v : min;
            max = v > max ? v : max;
        }
        scan.min = min;
        scan.max = max;
        return scan;
    }

    /**
     * A lookup table for known values that are all whole numbers spanning at most 4,096 (index
     * {@code v − known[0]}), or null.
     */
    private static boolean[] codeTable(double[] known) {
        if (known.length == 0 || !(known[known.length - 1] - known[0] < 4096)) {
            return null;
        }
        for (double k : known) {
            if (k != Math.rint(k)) {
                return null;
            }
        }
        boolean[] table = new boolean[(int) (known[known.length - 1] - known[0]) + 1];
        for (double k : known) {
            table[(int) (k - known[0])] = true;
        }
        return table;
    }

    /**
     * The distinct values of a sorted array, ascending: one binary search per distinct value, so a
     * large reference with few distinct values (codes, flags) costs little.
     */
    static double[] distinct(double[] sorted) {
        int n = sorted.length;
        double[] out = new double[Math.min(n, 16)];
        int count = 0;
        int i = 0;
        while (i < n) {
            double v = sorted[i];
            if (count == out.length) {
                out = Arrays.copyOf(out, Math.min(n, out.length * 2));
            }
            out[count++] = v;
            i = firstAbove(sorted, i, n, v);
        }
        return Arrays.copyOf(out, count);
    }

    /** Run lengths of a sorted array: how many times each of its distinct values occurs. */
    static long[] runLengths(double[] sorted) {
        int n = sorted.length;
        long[] out = new long[Math.min(n, 16)];
        int count = 0;
        int i = 0;
        while (i < n) {
            int next = firstAbove(sorted, i, n, sorted[i]);
            if (count == out.length) {
                out = Arrays.copyOf(out, Math.min(n, out.length * 2));
            }
            out[count++] = next - i;
            i = next;
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * The first index in {@code [from, to)} whose value exceeds {@code v} (to when none), sorted
     * ascending: an exponential search from {@code from}, then a binary search, so a run of length
     * {@code r} costs {@code O(log r)} and a whole array of distinct values costs linear time.
     */
    private static int firstAbove(double[] sorted, int from, int to, double v) {
        int lo = from;
        int step = 1;
        int hi = from + 1;
        while (hi < to && !(sorted[hi] > v)) {
            lo = hi;
            step <<= 1;
            hi = to - hi > step ? hi + step : to;
        }
        hi = Math.min(hi, to);
        while (lo < hi) { // sorted[lo] <= v or lo == from; the answer is in (lo, hi]
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Whether {@code v} is in {@code known} (sorted, distinct); compares with {@code ==}, so -0.0 finds 0.0. */
    private static boolean contains(double[] known, double v) {
        int lo = 0;
        int hi = known.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double k = known[mid];
            if (k < v) {
                lo = mid + 1;
            } else if (k > v) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private void keepHighest(double v) {
        int size = highestCount;
        if (size == EXTREMES && !(v > highest[size - 1])) {
            return;
        }
        int j = size == EXTREMES ? size - 1 : size;
        while (j > 0 && highest[j - 1] < v) {
            highest[j] = highest[j - 1];
            j--;
        }
        highest[j] = v;
        highestCount = Math.min(size + 1, EXTREMES);
    }

    private void keepLowest(double v) {
        int size = lowestCount;
        if (size == EXTREMES && !(v < lowest[size - 1])) {
            return;
        }
        int j = size == EXTREMES ? size - 1 : size;
        while (j > 0 && lowest[j - 1] > v) {
            lowest[j] = lowest[j - 1];
            j--;
        }
        lowest[j] = v;
        lowestCount = Math.min(size + 1, EXTREMES);
    }
}
