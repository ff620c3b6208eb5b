package io.driftwatch.stats;

import java.util.Arrays;

/**
 * One side of a numerical column summarised for the sketch tests: an approximate distribution
 * function with a known error, plus the exact facts a mergeable profile keeps.
 *
 * <ul>
 *   <li>The distribution: weighted points {@code x_1 <= … <= x_r} with cumulative weights
 *       {@code W_1 <= … <= W_r = N}, so that {@code F(x) = W(x_i <= x)/N}. A KLL sketch's sorted view is
 *       such a summary (its retained items and their cumulative weights); so is a sorted sample with
 *       weights 1, which is exact.</li>
 *   <li>{@link #rankError()} ε: with about 99 % confidence, {@code |F̂(x) − F(x)| <= ε} at any one
 *       point {@code x} (the KLL sketch's single-sided normalised rank error); 0 when exact.</li>
 *   <li>Exact facts: the count {@code N} of finite values, their min and max, mean and population
 *       variance (mergeable moments).</li>
 *   <li>Optionally the exact count of every distinct value, kept while a column has few of them: the
 *       distribution is then exact and categorical tests can run on the numbers.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable; arrays are copied in, never out.
 */
public final class QuantileSummary {
    private final double[] items;
    private final long[] cumulative;
    private final double rankError;
    private final double massError;
    private final double min;
    private final double max;
    private final double mean;
    private final double variance;
    private final boolean exactValues;

    private QuantileSummary(double[] items, long[] cumulative, double rankError, double massError, double min,
            double max, double mean, double variance, boolean exactValues) {
        this.items = items;
        this.cumulative = cumulative;
        this.rankError = rankError;
        this.massError = massError;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.variance = variance;
        this.exactValues = exactValues;
    }

    /**
     * An approximate summary.
     *
     * @param sortedItems the weighted points, ascending (repeats allowed)
     * @param cumulativeWeights the running total of their weights, nondecreasing; the last is {@code N}
     * @param rankError ε, the bound on {@code |F̂ − F|} at a point, in [0, 1]
     * @param massError the bound on the error of the mass between two points, {@code F̂(b) − F̂(a)} (the
     *     KLL sketch's double-sided "PMF" error; at most {@code 2ε})
     * @param min the smallest finite value (exact)
     * @param max the largest finite value (exact)
     * @param mean the mean of the finite values (exact up to rounding)
     * @param variance their population variance (ddof 0)
     * @throws IllegalArgumentException when the arrays differ in length, are not sorted, or ε is not in [0, 1]
     */
    public static QuantileSummary of(double[] sortedItems, long[] cumulativeWeights, double rankError,
            double massError, double min, double max, double mean, double variance) {
        if (sortedItems.length != cumulativeWeights.length) {
            throw new IllegalArgumentException("items and weights differ in length");
        }
        if (!(rankError >= 0 && rankError <= 1) || !(massError >= 0 && massError <= 1)) {
            throw new IllegalArgumentException("rank and mass errors must be in [0, 1], got " + rankError + " and "
                    + massError);
        }
        for (int i = 1; i < sortedItems.length; i++) {
            if (sortedItems[i] < sortedItems[i - 1] || cumulativeWeights[i] < cumulativeWeights[i - 1]) {
                throw new IllegalArgumentException("items and cumulative weights must be nondecreasing");
            }
        }
        return new QuantileSummary(sortedItems.clone(), cumulativeWeights.clone(), rankError, massError, min, max,
                mean, variance, false);
    }

    /**
     * The exact summary of distinct values {@code values} (ascending) with their counts: rank error 0,
     * and {@link #hasExactValues()}.
     */
    public static QuantileSummary ofValueCounts(double[] values, long[] counts, double mean, double variance) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values and counts differ in length");
        }
        long[] cumulative = new long[counts.length];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] <= 0 || (i > 0 && !(values[i] > values[i - 1]))) {
                throw new IllegalArgumentException("values must ascend strictly and counts be positive");
            }
            total += counts[i];
            cumulative[i] = total;
        }
        double lo = values.length == 0 ? Double.NaN : values[0];
        double hi = values.length == 0 ? Double.NaN : values[values.length - 1];
        return new QuantileSummary(values.clone(), cumulative, 0.0, 0.0, lo, hi, mean, variance, true);
    }

    /** The exact summary of a sorted array of finite values (for tests and small batches). */
    public static QuantileSummary ofSorted(double[] sorted) {
        int distinct = NumericSamples.countDistinct(sorted);
        double[] values = new double[distinct];
        long[] counts = new long[distinct];
        int k = -1;
        double sum = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++k] = sorted[i];
            }
            counts[k]++;
            sum += sorted[i];
        }
        double mean = sorted.length == 0 ? Double.NaN : sum / sorted.length;
        double m2 = 0;
        for (double v : sorted) {
            m2 += (v - mean) * (v - mean);
        }
        return ofValueCounts(values, counts, mean, sorted.length == 0 ? Double.NaN : m2 / sorted.length);
    }

    /** {@code N}, the number of finite values summarised. */
    public long count() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** ε: the bound on {@code |F̂(x) − F(x)|} at a point, about 99 % confidence; 0 when exact. */
    public double rankError() {
        return rankError;
    }

    /** The bound on the error of an estimated mass between two points; 0 when exact. */
    public double massError() {
        return massError;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double mean() {
        return mean;
    }

    /** Population variance (ddof 0). */
    public double variance() {
        return variance;
    }

    /** Whether the summary holds every distinct value with its exact count (then ε = 0). */
    public boolean hasExactValues() {
        return exactValues;
    }

    /** Number of weighted points (distinct values when {@link #hasExactValues()}). */
    public int size() {
        return items.length;
    }

    /** Point {@code i}, ascending. */
    public double item(int i) {
        return items[i];
    }

    /** Total weight of points {@code 0..i}. */
    public long cumulativeWeight(int i) {
        return cumulative[i];
    }

    /** Weight of point {@code i} alone. */
    public long weight(int i) {
        return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
    }

    /** {@code F̂(x−)}: the estimated share of values strictly below {@code x}. */
    public double rankBelow(double x) {
        return (double) weightBelow(x) / count();
    }

    /** The total weight of the points strictly below {@code x}. */
    public long weightBelow(double x) {
        int i = firstAtLeast(x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    /** {@code F̂(x)}: the estimated share of values at or below {@code x}. */
    public double rankAtOrBelow(double x) {
        int i = firstAbove(x);
        return i == 0 ? 0.0 : (double) cumulative[i - 1] / count();
    }

    private int firstAtLeast(double x) {
        int lo = 0;
        int hi = items.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstAbove(double x) {
        int lo = 0;
        int hi = items.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The distinct points ascending with their total weights: the exact value counts when {@link #hasExactValues()}. */
    CategoryCounts valueCountsAgainst(QuantileSummary other) {
        // merge the two sets of points into union keys
        double[] keys = new double[items.length + other.items.length];
        long[] r = new long[keys.length];
        long[] c = new long[keys.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < items.length || j < other.items.length) {
            double key = j >= other.items.length || (i < items.length && items[i] <= other.items[j])
                    ? items[i] : other.items[j];
            long nr = 0;
            while (i < items.length && items[i] == key) {
                nr += weight(i);
                i++;
            }
            long nc = 0;
            while (j < other.items.length && other.items[j] == key) {
                nc += other.weight(j);
                j++;
            }
            keys[k] = key;
            r[k] = nr;
            c[k] = nc;
            k++;
        }
        return CategoryCounts.ofSortedNumbers(Arrays.copyOf(keys, k), Arrays.copyOf(r, k), Arrays.copyOf(c, k));
    }

    @Override
    public String toString() {
        return "QuantileSummary[n=" + count() + ", points=" + items.length + ", ε=" + rankError + "]";
    }
}
