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
 * <p>The order statistics are selected, not sorted out: {@link #select} cuts a range of values into
 * up to 4,096 buckets of equal width between its minimum and maximum (one counting pass), keeps only
 * the buckets holding a wanted rank (one gathering pass, into a work buffer), and goes on in those,
 * until a bucket is small enough to sort or holds a single value. Data of any spread narrows by a
 * factor of thousands per level; {@link ColumnScan} does the first level itself, by the top bits of
 * the values, while it reads the column.
 *
 * <p>Thread-safe: stateless.
 */
final class Quantiles {
    /** Evidently's quantiles of {@code DataSummaryPreset}. */
    static final double[] QUARTILES = {0.25, 0.5, 0.75};
    /** Ranges up to this size are sorted. */
    private static final int SMALL = 1024;
    private static final int MAX_BUCKETS = 4096;
    private static final int MAX_DEPTH = 12;

    private Quantiles() {
    }

    /**
     * The ranks (0-based, ascending, distinct) whose values NumPy's linear method reads for
     * {@code q} over {@code m > 0} values, and the median rank {@code (m − 1) / 2}.
     */
    static int[] ranks(int m, double[] q) {
        int[] ranks = new int[2 * q.length + 1];
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
        ranks[n++] = (m - 1) / 2;
        Arrays.sort(ranks, 0, n);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (unique == 0 || ranks[i] != ranks[unique - 1]) {
                ranks[unique++] = ranks[i];
            }
        }
        return Arrays.copyOf(ranks, unique);
    }

    /** NumPy's linear quantile {@code q} of {@code m > 0} values, given the values {@code stats} of {@link #ranks}. */
    static double interpolate(int m, double q, int[] ranks, double[] stats) {
        double v = (m - 1) * q;
        double lower;
        double upper;
        double gamma;
        if (v >= m - 1) {
            lower = stats[Arrays.binarySearch(ranks, m - 1)];
            upper = lower;
            gamma = v + 1; // NumPy takes index -1 as the previous index here
        } else {
            double floor = Math.floor(v);
            int prev = (int) floor;
            lower = stats[Arrays.binarySearch(ranks, prev)];
            upper = stats[Arrays.binarySearch(ranks, prev + 1)];
            gamma = v - floor;
        }
        double diff = upper - lower;
        return gamma >= 0.5 ? upper - diff * (1 - gamma) : lower + diff * gamma;
    }

    /**
     * The quantiles {@code q} of {@code a[0, m)} (no NaN) into {@code out}, NaN for each when
     * {@code m == 0}; {@code a} is reordered. Returns the value of the median rank (NaN when empty).
     */
    static double linear(double[] a, int m, double[] q, double[] out) {
        if (m == 0) {
            Arrays.fill(out, 0, q.length, Double.NaN);
            return Double.NaN;
        }
        int[] ranks = ranks(m, q);
        double[] stats = new double[ranks.length];
        select(a, new double[m], 0, m, ranks, 0, ranks.length, 0, stats, 0);
        for (int k = 0; k < q.length; k++) {
            out[k] = interpolate(m, q[k], ranks, stats);
        }
        return stats[Arrays.binarySearch(ranks, (m - 1) / 2)];
    }

    /**
     * Puts into {@code stats[k]} the value of rank {@code ranks[k] − base} of {@code a[off, off + len)}
     * (no NaN), for {@code k} in {@code [r0, r1)} (ranks ascending, inside the range). Uses
     * {@code work[off, off + len)}; both arrays' ranges are overwritten.
     */
    static void select(double[] a, double[] work, int off, int len, int[] ranks, int r0, int r1, int base,
            double[] stats, int depth) {
        if (r0 >= r1) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = off, end = off + len; i < end; i++) {
            double v = a[i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (lo == hi) {
            for (int k = r0; k < r1; k++) {
                stats[k] = a[off + ranks[k] - base];
            }
            return;
        }
        if (len <= SMALL || depth >= MAX_DEPTH || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            Arrays.sort(a, off, off + len);
            for (int k = r0; k < r1; k++) {
                stats[k] = a[off + ranks[k] - base];
            }
            return;
        }
        int buckets = Math.max(16, Math.min(MAX_BUCKETS, Integer.highestOneBit(len / 8)));
        double half = lo * 0.5;
        double scale = buckets / (hi * 0.5 - half); // halves: the width never overflows
        int top = buckets - 1;
        int[] count = new int[buckets];
        for (int i = off, end = off + len; i < end; i++) {
            int b = (int) ((a[i] * 0.5 - half) * scale); // monotone in the value; NaN (0·∞) casts to 0
            count[b < 0 ? 0 : b > top ? top : b]++;
        }
        // the buckets holding wanted ranks, their first rank and their place in the work buffer
        int[] firstRank = new int[r1 - r0];
        int[] region = new int[buckets];
        Arrays.fill(region, -1);
        int targets = 0;
        int before = 0;
        int k = r0;
        int placed = 0;
        int[] regionStart = new int[r1 - r0];
        int[] regionLength = new int[r1 - r0];
        for (int b = 0; b < buckets && k < r1; b++) {
            int c = count[b];
            if (ranks[k] - base < before + c) {
                region[b] = targets;
                firstRank[targets] = before;
                regionStart[targets] = placed;
                regionLength[targets] = c;
                placed += c;
                targets++;
                while (k < r1 && ranks[k] - base < before + c) {
                    k++;
                }
            }
            before += c;
        }
        int[] fill = Arrays.copyOf(regionStart, targets);
        for (int i = off, end = off + len; i < end; i++) {
            double v = a[i];
            int b = (int) ((v * 0.5 - half) * scale);
            int t = region[b < 0 ? 0 : b > top ? top : b];
            if (t >= 0) {
                work[off + fill[t]++] = v;
            }
        }
        k = r0;
        for (int t = 0; t < targets; t++) {
            int from = k;
            int last = firstRank[t] + regionLength[t];
            while (k < r1 && ranks[k] - base < last) {
                k++;
            }
            select(work, a, off + regionStart[t], regionLength[t], ranks, from, k, base + firstRank[t], stats,
                    depth + 1);
        }
    }
}
