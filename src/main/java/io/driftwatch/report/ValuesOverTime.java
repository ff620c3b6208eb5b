package io.driftwatch.report;

import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The current values of a numeric column over time, downsampled to at most {@value #BUCKETS}
 * bucket means, against the reference mean ± one standard deviation. Buckets split the row order,
 * or the range of the datetime column when the monitor names one (rows whose time is missing are
 * left out). One pass over the values; no sorting.
 *
 * <p>Thread-safe: stateless; {@link #chart} allocates only the bucket arrays.
 */
final class ValuesOverTime {
    static final int BUCKETS = 100;

    private static final double LEFT = SharedHistogram.LEFT;
    private static final double RIGHT = SharedHistogram.RIGHT;
    private static final double TOP = SharedHistogram.TOP;
    private static final double BOTTOM = SharedHistogram.BOTTOM;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ValuesOverTime() {
    }

    /**
     * The chart, or null when the current batch has fewer than two finite values.
     *
     * @param values the current values, {@code [0, length)}; NaN where missing
     * @param time the datetime column ordering the rows, or null for row order
     * @param reference the reference summary, whose mean and sd draw the band
     */
    static HtmlColumnView.TimeChart chart(double[] values, int length, NumericSummary current, NumericColumn time,
            NumericSummary reference) {
        if (current.count() < 2) {
            return null;
        }
        int buckets = Math.min(BUCKETS, current.count());
        double[] sums = new double[buckets];
        int[] counts = new int[buckets];
        double[] range = time != null && time.length() == length ? timeRange(values, length, time) : null;
        boolean byTime = range != null && range[0] < range[1];
        double tMin = byTime ? range[0] : 0;
        double tMax = byTime ? range[1] : 0;
        if (byTime) {
            sumByTime(values, length, time, tMin, buckets / (tMax - tMin), sums, counts);
        } else {
            sumByRow(values, length, sums, counts);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < buckets; k++) {
            if (counts[k] > 0) {
                sums[k] /= counts[k];
                lo = Math.min(lo, sums[k]);
                hi = Math.max(hi, sums[k]);
            }
        }
        boolean band = reference.count() > 0;
        if (band) {
            lo = Math.min(lo, reference.mean() - reference.sd());
            hi = Math.max(hi, reference.mean() + reference.sd());
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        StringBuilder d = new StringBuilder(buckets * 12);
        double step = (RIGHT - LEFT) / buckets;
        boolean gap = true;
        for (int k = 0; k < buckets; k++) {
            if (counts[k] == 0) {
                gap = true;
                continue;
            }
            d.append(gap ? 'M' : 'L');
            gap = false;
            DisplayNumbers.coordinate(d, LEFT + step * (k + 0.5));
            d.append(' ');
            DisplayNumbers.coordinate(d, y(sums[k], lo, hi));
        }
        String bandTop = null;
        String bandHeight = null;
        String meanY = null;
        if (band) {
            double top = y(reference.mean() + reference.sd(), lo, hi);
            bandTop = DisplayNumbers.coordinate(top);
            bandHeight = DisplayNumbers.coordinate(y(reference.mean() - reference.sd(), lo, hi) - top);
            meanY = DisplayNumbers.coordinate(y(reference.mean(), lo, hi));
        }
        List<HtmlColumnView.Tick> xTicks = new ArrayList<>(3);
        for (int t = 0; t <= 2; t++) {
            String label;
            if (byTime) {
                label = timeLabel(tMin + (tMax - tMin) * t / 2, tMax - tMin, time.physicalType());
            } else {
                label = "row " + DisplayNumbers.count(1 + (long) (length - 1) * t / 2);
            }
            xTicks.add(new HtmlColumnView.Tick(DisplayNumbers.coordinate(LEFT + (RIGHT - LEFT) * t / 2), label));
        }
        return new HtmlColumnView.TimeChart(d.toString(), bandTop, bandHeight, meanY, xTicks,
                Axis.valueTicks(lo, hi, TOP, BOTTOM), byTime ? time.name() : null, buckets);
    }

    // The loops over every row are methods of their own: the JIT compiles each small loop when it
    // gets hot, where a loop inside chart() had all of chart() compiled again for each of them.

    /** The smallest and largest finite time of a row whose value is finite (+∞ and -∞ when there is none). */
    private static double[] timeRange(double[] values, int length, NumericColumn time) {
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            double t = time.value(i);
            if (Double.isFinite(t) && Double.isFinite(values[i])) {
                tMin = Math.min(tMin, t);
                tMax = Math.max(tMax, t);
            }
        }
        return new double[] {tMin, tMax};
    }

    /** Sums and counts the finite values into buckets of equal time from {@code tMin}. */
    private static void sumByTime(double[] values, int length, NumericColumn time, double tMin, double scale,
            double[] sums, int[] counts) {
        int last = sums.length - 1;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            double t = time.value(i);
            if (Double.isFinite(v) && Double.isFinite(t)) {
                int k = Math.min(last, (int) ((t - tMin) * scale));
                sums[k] += v;
                counts[k]++;
            }
        }
    }

    /** Sums and counts the finite values into buckets of equal numbers of rows. */
    private static void sumByRow(double[] values, int length, double[] sums, int[] counts) {
        int buckets = sums.length;
        for (int k = 0; k < buckets; k++) {
            int from = (int) ((long) k * length / buckets);
            int to = (int) ((long) (k + 1) * length / buckets);
            double sum = 0;
            int n = 0;
            for (int i = from; i < to; i++) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            sums[k] = sum;
            counts[k] = n;
        }
    }

    private static double y(double v, double lo, double hi) {
        return BOTTOM - (BOTTOM - TOP) * (v - lo) / (hi - lo);
    }

    private static String timeLabel(double t, double range, PhysicalType type) {
        if (type != PhysicalType.TIMESTAMP) {
            return DisplayNumbers.axis(t);
        }
        Instant instant = Instant.ofEpochMilli((long) t);
        return range >= 2 * 86_400_000.0 ? DAY.format(instant) : MINUTE.format(instant);
    }
}
