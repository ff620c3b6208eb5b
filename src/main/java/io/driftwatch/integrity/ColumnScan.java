package io.driftwatch.integrity;

import io.driftwatch.data.NumericColumn;
import java.util.Arrays;

/**
 * The one pass over a current numeric column that the reference conditions need, deliberately
 * low-level (indexed loops over primitives, nothing allocated per value): whether the column holds
 * more than one distinct value, and either how many values fall outside a range (with the most extreme
 * few on each side) or which values are not among a sorted set of known values (numbers used as
 * category codes). Categorical columns need no scan of their own: their counts by dictionary code
 * ({@link io.driftwatch.data.CategoricalColumn#countsByCode()}) are the one pass.
 *
 * <p>Not thread-safe: one scan belongs to one column's evaluation.
 */
final class ColumnScan {
    /** How many extreme values are kept per side. */
    static final int EXTREMES = IntegrityFinding.MAX_EXAMPLES;

    /** The first non-missing value, NaN when every cell is missing. */
    double first = Double.NaN;
    /** Whether a non-missing value differs from {@link #first}. */
    boolean varied;
    /** Values below the range's lower end. */
    long below;
    /** Values above the range's upper end. */
    long above;
    /** The smallest values below the range, ascending ({@link #lowestCount} of them). */
    final double[] lowest = new double[EXTREMES];
    int lowestCount;
    /** The largest values above the range, descending ({@link #highestCount} of them). */
    final double[] highest = new double[EXTREMES];
    int highestCount;
    /** Values that are not among the known values, in row order ({@link #unknownCount} of them). */
    double[] unknown = new double[0];
    int unknownCount;

    private ColumnScan() {
    }

    /**
     * Counts the values of {@code column} below {@code lo} and above {@code hi} (±∞ included; missing
     * cells skipped), keeps the most extreme few on each side, and notes whether it is constant.
     */
    static ColumnScan range(NumericColumn column, double lo, double hi) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        int i = firstValue(column);
        if (i == n) {
            return scan;
        }
        double first = column.value(i);
        boolean varied = false;
        long below = 0;
        long above = 0;
        for (; i < n; i++) {
            double v = column.value(i);
            if (v != v) {
                continue;
            }
            varied |= v != first;
            if (v > hi) {
                above++;
                scan.keepHighest(v);
            } else if (v < lo) {
                below++;
                scan.keepLowest(v);
            }
        }
        scan.first = first;
        scan.varied = varied;
        scan.below = below;
        scan.above = above;
        return scan;
    }

    /**
     * Collects the values of {@code column} that are not in {@code known} (sorted ascending, distinct,
     * finite; missing cells skipped), and notes whether the column is constant.
     */
    static ColumnScan unknownValues(NumericColumn column, double[] known) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        int i = firstValue(column);
        if (i == n) {
            return scan;
        }
        double first = column.value(i);
        boolean varied = false;
        double[] unknown = new double[16];
        int unknownCount = 0;
        for (; i < n; i++) {
            double v = column.value(i);
            if (v != v) {
                continue;
            }
            varied |= v != first;
            if (!contains(known, v)) {
                if (unknownCount == unknown.length) {
                    unknown = Arrays.copyOf(unknown, unknown.length * 2);
                }
                unknown[unknownCount++] = v;
            }
        }
        scan.first = first;
        scan.varied = varied;
        scan.unknown = unknown;
        scan.unknownCount = unknownCount;
        return scan;
    }

    /** Notes only whether {@code column} is constant (its first value, and whether another differs). */
    static ColumnScan constancy(NumericColumn column) {
        ColumnScan scan = new ColumnScan();
        int n = column.length();
        int i = firstValue(column);
        if (i == n) {
            return scan;
        }
        double first = column.value(i);
        for (; i < n; i++) {
            double v = column.value(i);
            if (v == v && v != first) {
                scan.varied = true;
                break;
            }
        }
        scan.first = first;
        return scan;
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

    private static int firstValue(NumericColumn column) {
        int n = column.length();
        if (column.missingCount() == n) {
            return n;
        }
        int i = 0;
        while (column.isMissing(i)) {
            i++;
        }
        return i;
    }

    /** The first index in {@code [from, to)} whose value exceeds {@code v} (to when none); sorted ascending. */
    private static int firstAbove(double[] sorted, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
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
