package io.driftwatch.report;

import io.driftwatch.data.PhysicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference and current values of a numeric column counted into the same bins: equal-width
 * bins over the pooled finite range (one bin per integer when a whole-number column spans at most
 * {@value #MAX_INTEGER_BINS} values), counts turned into shares of each side's finite values. Also
 * draws itself: the table's sparklines and the detail panel's overlaid step areas.
 *
 * <p>Reference bins are counted by binary search on the sorted profile (no pass over its values);
 * the current batch takes one pass. Thread-safe: immutable once built.
 */
final class SharedHistogram {
    static final int BINS = 24;
    static final int MAX_INTEGER_BINS = 40;

    /** The detail chart's plot box inside its {@code 0 0 600 216} view box. */
    static final double LEFT = 48;
    static final double RIGHT = 592;
    static final double TOP = 10;
    static final double BOTTOM = 186;

    private final double[] edges;
    private final double[] reference;
    private final double[] current;

    private SharedHistogram(double[] edges, double[] reference, double[] current) {
        this.edges = edges;
        this.reference = reference;
        this.current = current;
    }

    /**
     * Bins {@code refSorted} (finite, ascending) and the finite values among {@code values[0, length)}.
     *
     * @param type the column's physical type: whole-number types may get one bin per integer
     * @param currentSummary the summary of the current values (for their range)
     */
    static SharedHistogram of(double[] refSorted, double[] values, int length, NumericSummary currentSummary,
            PhysicalType type) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (refSorted.length > 0) {
            lo = refSorted[0];
            hi = refSorted[refSorted.length - 1];
        }
        if (currentSummary.count() > 0) {
            lo = Math.min(lo, currentSummary.min());
            hi = Math.max(hi, currentSummary.max());
        }
        if (lo > hi) {
            return null;
        }
        double[] edges;
        boolean wholeNumbers = type == PhysicalType.INTEGER || type == PhysicalType.BOOLEAN;
        if (wholeNumbers && hi - lo < MAX_INTEGER_BINS) {
            int bins = (int) (hi - lo) + 1;
            edges = new double[bins + 1];
            for (int k = 0; k <= bins; k++) {
                edges[k] = lo - 0.5 + k;
            }
        } else {
            if (lo == hi) {
                lo -= 0.5;
                hi += 0.5;
            }
            edges = new double[BINS + 1];
            double width = (hi - lo) / BINS;
            for (int k = 0; k <= BINS; k++) {
                edges[k] = lo + k * width;
            }
            edges[BINS] = hi;
        }
        int bins = edges.length - 1;
        double[] ref = new double[bins];
        if (refSorted.length > 0) {
            int below = 0;
            for (int k = 1; k <= bins; k++) {
                int upTo = k == bins ? refSorted.length : lowerBound(refSorted, edges[k]);
                ref[k - 1] = (double) (upTo - below) / refSorted.length;
                below = upTo;
            }
        }
        double[] cur = new double[bins];
        if (currentSummary.count() > 0) {
            long[] counts = new long[bins];
            double first = edges[0];
            countInto(values, length, first, bins / (edges[bins] - first), counts);
            for (int k = 0; k < bins; k++) {
                cur[k] = (double) counts[k] / currentSummary.count();
            }
        }
        return new SharedHistogram(edges, ref, cur);
    }

    /**
     * A histogram already binned elsewhere: {@code edges} (one more than the bins) and each side's share
     * of its rows per bin (a side with no rows: zeros).
     */
    static SharedHistogram ofShares(double[] edges, double[] referenceShares, double[] currentShares) {
        if (referenceShares.length != edges.length - 1 || currentShares.length != edges.length - 1) {
            throw new IllegalArgumentException(edges.length + " edges for " + referenceShares.length + " and "
                    + currentShares.length + " bins");
        }
        return new SharedHistogram(edges.clone(), referenceShares.clone(), currentShares.clone());
    }

    /**
     * Counts the finite values of {@code values[0, length)} into the equal-width bins that start at
     * {@code first}, {@code scale} bins a unit. A loop of its own, over a million values a column:
     * in {@link #of} it had C2 compile all of that method again, on the stack, for each column.
     */
    private static void countInto(double[] values, int length, double first, double scale, long[] counts) {
        int last = counts.length - 1;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                int k = (int) ((v - first) * scale);
                counts[k < 0 ? 0 : Math.min(k, last)]++;
            }
        }
    }

    /** The first index whose value is {@code >= key}. */
    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int bins() {
        return reference.length;
    }

    /** A copy of the shares of one side, one per bin. */
    double[] shares(boolean currentSide) {
        return (currentSide ? current : reference).clone();
    }

    /** A copy of the bin edges, {@code bins() + 1} of them. */
    double[] edges() {
        return edges.clone();
    }

    double maxShare() {
        double m = 0;
        for (int k = 0; k < reference.length; k++) {
            m = Math.max(m, Math.max(reference[k], current[k]));
        }
        return m;
    }

    /** Sparkline bars for one side, both sides on the same scale. */
    Sparkline sparkline(boolean currentSide) {
        return Sparkline.bars(currentSide ? current : reference, maxShare());
    }

    /** The detail panel's chart: both sides as overlaid step areas with axes. */
    HtmlColumnView.HistogramChart detail() {
        double yMax = Axis.niceCeiling(maxShare());
        int bins = bins();
        double lo = edges[0];
        double hi = edges[bins];
        List<HtmlColumnView.Tick> xTicks = new ArrayList<>();
        double step = Axis.niceCeiling((hi - lo) / 8);
        for (long i = (long) Math.ceil(lo / step); i * step <= hi && xTicks.size() < 8; i++) {
            double value = i * step;
            xTicks.add(new HtmlColumnView.Tick(DisplayNumbers.coordinate(LEFT + (RIGHT - LEFT) * (value - lo) / (hi - lo)),
                    DisplayNumbers.axis(value)));
        }
        return new HtmlColumnView.HistogramChart(stepArea(reference, yMax), stepArea(current, yMax), xTicks,
                Axis.shareTicks(yMax, TOP, BOTTOM));
    }

    private static String stepArea(double[] shares, double yMax) {
        StringBuilder d = new StringBuilder(shares.length * 14);
        double width = (RIGHT - LEFT) / shares.length;
        d.append('M');
        DisplayNumbers.coordinate(d, LEFT);
        d.append(' ');
        DisplayNumbers.coordinate(d, BOTTOM);
        for (int k = 0; k < shares.length; k++) {
            d.append('V');
            DisplayNumbers.coordinate(d, BOTTOM - (BOTTOM - TOP) * shares[k] / yMax);
            d.append('H');
            DisplayNumbers.coordinate(d, LEFT + width * (k + 1));
        }
        d.append('V');
        DisplayNumbers.coordinate(d, BOTTOM);
        d.append('Z');
        return d.toString();
    }
}
