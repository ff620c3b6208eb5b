package io.driftwatch.stats;

import java.util.Arrays;

/**
 * The histogram shared by {@code psi}, {@code kl_div} and {@code jensenshannon}: Evidently's
 * {@code get_binned_data} (oracle README 5.0), and the Driftwatch binning extras of
 * {@link BinningStrategy}.
 *
 * <p>Evidently's rule: a numerical column whose reference has more than 20 distinct values is cut into
 * Sturges bins over the pooled range; otherwise (categorical, or ≤ 20 distinct reference values)
 * there is one bin per union key. Sturges is computed in doubles exactly as NumPy's
 * {@code histogram_bin_edges(pooled, "sturges")} does: width {@code w = (hi − lo)/(log2(N) + 1)}, bin
 * count {@code ceil((hi − lo)/w)}, which at powers of two can exceed {@code log2(N) + 1} by one; edges
 * {@code i·((hi − lo)/B) + lo} with the last edge exactly {@code hi}; a constant pool gets the range
 * {@code [lo − 0.5, lo + 0.5]} and one bin. Counting follows {@code numpy.histogram} with explicit
 * edges: {@code e[i] <= x < e[i+1]}, the last bin closed.
 *
 * <p>Per-value bins are in natural key order; Evidently iterates a Python set, so scores summed over
 * categories can differ from Evidently's in the last bits (at most about 2e-13 relative on the oracle).
 *
 * <p>Everything runs on the sorted arrays in one pass per side, O(n + m + bins), with no allocation per
 * value. Thread-safe: stateless.
 */
final class Binning {
    /** Evidently bins per value when the reference has at most this many distinct values. */
    static final int PER_VALUE_MAX_DISTINCT_REFERENCE = 20;

    private Binning() {
    }

    /**
     * Reference and current shares per bin, with the edges or keys that define the bins. Mutable
     * arrays for the test that owns them (smoothing writes in place); not shared.
     */
    static final class Shares {
        final double[] reference;
        final double[] current;
        final double[] edges;
        final String[] keys;
        final String method;

        Shares(double[] reference, double[] current, double[] edges, String[] keys, String method) {
            this.reference = reference;
            this.current = current;
            this.edges = edges;
            this.keys = keys;
            this.method = method;
        }

        Histogram toHistogram() {
            return new Histogram(edges, keys, reference, current);
        }
    }

    /** Evidently's binning of {@code sample} (shares not smoothed). */
    static Shares evidently(ColumnSample sample) {
        return of(sample, BinningStrategy.EVIDENTLY, 0);
    }

    /**
     * The shares of {@code sample} binned by {@code strategy}; {@code binCount} is used by the
     * reference-only strategies. Categorical columns always get one bin per key.
     */
    static Shares of(ColumnSample sample, BinningStrategy strategy, int binCount) {
        requireBothSides(sample);
        if (sample instanceof CategoryCounts counts) {
            return perValue(counts);
        }
        NumericSamples s = (NumericSamples) sample;
        return switch (strategy) {
            case EVIDENTLY -> hasMoreDistinctThan(s.reference(), PER_VALUE_MAX_DISTINCT_REFERENCE)
                    ? sturges(s.reference(), s.current())
                    : perValue(s.toCategoryCounts());
            case REFERENCE_QUANTILES -> openEnded(s, referenceQuantileEdges(s.reference(), binCount), strategy);
            case EQUAL_WIDTH -> openEnded(s, referenceEqualWidthEdges(s.reference(), binCount), strategy);
        };
    }

    /** Throws {@link InsufficientDataException} when a side is empty, as Evidently raises. */
    static void requireBothSides(ColumnSample sample) {
        if (sample.referenceSize() == 0 || sample.currentSize() == 0) {
            throw new InsufficientDataException("the " + (sample.referenceSize() == 0 ? "reference" : "current")
                    + " column has no values left after removing missing and infinite values");
        }
    }

    /** {@link #of} followed by {@link #smoothZeros} on each side: the shares {@code psi} and {@code kl_div} compare. */
    static Shares smoothed(ColumnSample sample, BinningStrategy strategy, int binCount) {
        Shares shares = of(sample, strategy, binCount);
        smoothZeros(shares.reference);
        smoothZeros(shares.current);
        return shares;
    }

    /**
     * Evidently's zero replacement ({@code feel_zeroes}): every zero share becomes {@code z / 1e6} when
     * the smallest nonzero share {@code z} of that side is at most 1e-4, else 1e-4. In place; the
     * shares are not renormalised.
     */
    static void smoothZeros(double[] shares) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0 && s < min) {
                min = s;
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return; // no nonzero share: cannot happen for a non-empty side
        }
        double fill = min <= 0.0001 ? min / 1e6 : 0.0001;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] == 0) {
                shares[i] = fill;
            }
        }
    }

    /** One bin per key present on either side; keys with no count on both sides are skipped. */
    static Shares perValue(CategoryCounts counts) {
        int k = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.referenceCount(i) != 0 || counts.currentCount(i) != 0) {
                k++;
            }
        }
        double n = counts.referenceSize();
        double m = counts.currentSize();
        double[] r = new double[k];
        double[] c = new double[k];
        String[] keys = new String[k];
        int b = 0;
        for (int i = 0; i < counts.size(); i++) {
            long rc = counts.referenceCount(i);
            long cc = counts.currentCount(i);
            if (rc != 0 || cc != 0) {
                r[b] = rc / n;
                c[b] = cc / m;
                keys[b] = counts.label(i);
                b++;
            }
        }
        return new Shares(r, c, null, keys, "per_value");
    }

    /** Sturges bins over the pooled range of two sorted non-empty arrays. */
    static Shares sturges(double[] r, double[] c) {
        double lo = Math.min(r[0], c[0]);
        double hi = Math.max(r[r.length - 1], c[c.length - 1]);
        double[] edges = sturgesEdges(lo, hi, (long) r.length + c.length);
        return new Shares(shares(r, edges), shares(c, edges), edges, null, "sturges");
    }

    /**
     * NumPy's Sturges edges for {@code count} values spanning {@code [lo, hi]}, computed as
     * {@code histogram_bin_edges(…, "sturges")} does, in doubles.
     */
    static double[] sturgesEdges(double lo, double hi, long count) {
        double range = hi - lo;
        if (!Double.isFinite(range)) {
            throw new InapplicableTestException("the values span " + lo + " to " + hi
                    + ", a range too wide to bin in double precision");
        }
        double width = range / (log2(count) + 1.0);
        int bins = width > 0 ? (int) Math.ceil(range / width) : 1;
        if (lo == hi) {
            return linearEdges(lo - 0.5, hi + 0.5, bins);
        }
        return linearEdges(lo, hi, bins);
    }

    /** {@code numpy.linspace(lo, hi, bins + 1)}: {@code i·step + lo}, last edge exactly {@code hi}. */
    static double[] linearEdges(double lo, double hi, int bins) {
        double[] edges = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + lo;
        }
        edges[bins] = hi;
        return edges;
    }

    /**
     * {@code log2(count)} as C's {@code log2} gives it: exact at powers of two (where Sturges' power-of-two
     * trap lives); elsewhere {@code ln(count)/ln 2}, whose last-bit error cannot move the bin count
     * because {@code log2(count) + 1} is then far from an integer.
     */
    static double log2(long count) {
        if (Long.bitCount(count) == 1) {
            return 63 - Long.numberOfLeadingZeros(count);
        }
        return Math.log(count) / Math.log(2);
    }

    /** Shares of a sorted array in bins {@code [e[i], e[i+1])}, last bin closed; values outside are dropped. */
    static double[] shares(double[] sorted, double[] edges) {
        long[] counts = counts(sorted, edges);
        double[] out = new double[counts.length];
        double size = sorted.length;
        for (int b = 0; b < counts.length; b++) {
            out[b] = counts[b] / size;
        }
        return out;
    }

    /**
     * Counts of a sorted array in bins {@code [e[i], e[i+1])}, last bin closed, values outside dropped:
     * {@code numpy.histogram} with explicit (nondecreasing) edges, in one pass.
     */
    static long[] counts(double[] sorted, double[] edges) {
        int bins = edges.length - 1;
        long[] out = new long[bins];
        int k = 0;
        int len = sorted.length;
        while (k < len && sorted[k] < edges[0]) {
            k++;
        }
        for (int b = 0; b < bins; b++) {
            int start = k;
            double upper = edges[b + 1];
            if (b == bins - 1) {
                while (k < len && sorted[k] <= upper) {
                    k++;
                }
            } else {
                while (k < len && sorted[k] < upper) {
                    k++;
                }
            }
            out[b] = k - start;
        }
        return out;
    }

    /** Whether a sorted array has more than {@code limit} distinct values; stops early. */
    static boolean hasMoreDistinctThan(double[] sorted, int limit) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                if (++distinct > limit) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Shares openEnded(NumericSamples s, double[] edges, BinningStrategy strategy) {
        return new Shares(shares(s.reference(), edges), shares(s.current(), edges), edges, null, strategy.method());
    }

    /**
     * Edges {@code −∞, q(1/B), …, q((B−1)/B), +∞} at the reference quantiles (linear interpolation,
     * NumPy's default), equal edges merged.
     */
    static double[] referenceQuantileEdges(double[] sortedReference, int binCount) {
        double[] inner = new double[binCount - 1];
        int last = sortedReference.length - 1;
        for (int k = 1; k < binCount; k++) {
            double h = last * ((double) k / binCount);
            int below = (int) Math.floor(h);
            double frac = h - below;
            double lower = sortedReference[below];
            inner[k - 1] = below >= last ? lower : lower + frac * (sortedReference[below + 1] - lower);
        }
        return openEdges(inner);
    }

    /** Edges {@code −∞, lo + (hi−lo)/B, …, lo + (B−1)(hi−lo)/B, +∞} over the reference range, equal edges merged. */
    static double[] referenceEqualWidthEdges(double[] sortedReference, int binCount) {
        double lo = sortedReference[0];
        double hi = sortedReference[sortedReference.length - 1];
        double step = (hi - lo) / binCount;
        double[] inner = new double[binCount - 1];
        for (int k = 1; k < binCount; k++) {
            inner[k - 1] = k * step + lo;
        }
        return openEdges(inner);
    }

    /** {@code −∞, inner…, +∞} with repeated inner edges dropped (inner must be nondecreasing). */
    private static double[] openEdges(double[] inner) {
        double[] edges = new double[inner.length + 2];
        int e = 0;
        edges[e++] = Double.NEGATIVE_INFINITY;
        for (double x : inner) {
            if (e == 1 || x != edges[e - 1]) {
                edges[e++] = x;
            }
        }
        edges[e++] = Double.POSITIVE_INFINITY;
        return e == edges.length ? edges : Arrays.copyOf(edges, e);
    }
}
