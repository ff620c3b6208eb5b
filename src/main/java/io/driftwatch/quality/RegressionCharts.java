package io.driftwatch.quality;

import io.driftwatch.data.DoubleRadixSort;
import java.util.Arrays;
import java.util.List;

/**
 * A regression's charts on both sides of a check, on shared bins: the (actual, predicted) density
 * on one square grid, and the errors ({@code predicted − actual}) in one set of equal-width bins.
 *
 * <p>Each range spans the pooled values of both sides, trimmed to their 0.1 % and 99.9 % quantiles (at
 * most the second smallest and second largest value) only where a tail reaches far beyond them (more
 * than {@value #FAR} of the trimmed range): a few wild
 * predictions then do not squeeze every other row into one bin, and they are counted as outside the
 * grid rather than dropped. The quantiles are estimated from an even stride sample of at most
 * {@value #SAMPLE} values (sorted), min and max are exact; the rest is two passes over each side's rows.
 *
 * <p>Thread-safe: stateless.
 */
final class RegressionCharts {
    /** The most values the range's quantiles are estimated from. */
    static final int SAMPLE = 1 << 15;
    /** How far (in trimmed ranges) a tail must reach past its quantile to be trimmed. */
    static final double FAR = 0.5;
    private static final double TAIL = 0.001;

    private RegressionCharts() {
    }

    /**
     * Both sides' charts.
     *
     * @param curActual the current batch's scored targets, the first {@code curRows} of the array
     * @param curPredicted its scored predictions, aligned
     * @param refActual the reference's scored targets (the first {@code refRows}), or null without a reference
     * @param refPredicted its scored predictions, aligned; null without a reference
     * @return the current side's charts and the reference's (null without one), in that order
     */
    static QualityCharts.Side[] of(double[] curActual, double[] curPredicted, int curRows, double[] refActual,
            double[] refPredicted, int refRows) {
        int refN = refActual == null ? 0 : refRows;
        double[][] values = {curActual, curPredicted, refActual, refPredicted};
        int[] lengths = {curRows, curRows, refN, refN};
        double[] valueRange = range(values, lengths);

        double[] curErrors = errors(curActual, curPredicted, curRows);
        double[] refErrors = refActual == null ? new double[0] : errors(refActual, refPredicted, refN);
        double[] errorRange = range(new double[][] {curErrors, refErrors}, new int[] {curRows, refN});
        double[] edges = edges(errorRange, QualityCharts.ERROR_BINS);

        QualityCharts.Side current = new QualityCharts.Side(List.of(),
                density(curActual, curPredicted, curRows, valueRange), histogram(curErrors, curRows, edges));
        QualityCharts.Side reference = refActual == null ? null : new QualityCharts.Side(List.of(),
                density(refActual, refPredicted, refN, valueRange), histogram(refErrors, refN, edges));
        return new QualityCharts.Side[] {current, reference};
    }

    /** {@code predicted − actual}, as the scorer's errors. */
    private static double[] errors(double[] actual, double[] predicted, int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = predicted[i] - actual[i];
        }
        return e;
    }

    /**
     * The range {@code {lo, hi}} drawn of the finite values {@code values[k][0, lengths[k])}, with
     * {@code lo < hi}: a single value is widened by 10 % of itself (or 0.5 at zero) on each side.
     */
    static double[] range(double[][] values, int[] lengths) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long total = 0;
        for (int k = 0; k < values.length; k++) {
            double[] v = values[k];
            int n = lengths[k];
            total += n;
            for (int i = 0; i < n; i++) {
                double x = v[i];
                if (x < min) {
                    min = x;
                }
                if (x > max) {
                    max = x;
                }
            }
        }
        if (total == 0) {
            return new double[] {0, 1};
        }
        double lo = min;
        double hi = max;
        if (min < max && total >= 3) {
            double[] sample = sample(values, lengths, total);
            int m = sample.length;
            // never the extremes themselves: with few rows a single far value must still show as one
            double qlo = sample[Math.max(1, (int) Math.floor(TAIL * (m - 1)))];
            double qhi = sample[Math.min(m - 2, (int) Math.ceil((1 - TAIL) * (m - 1)))];
            double trimmed = qhi - qlo;
            if (trimmed > 0) {
                if (qlo - min > FAR * trimmed) {
                    lo = qlo;
                }
                if (max - qhi > FAR * trimmed) {
                    hi = qhi;
                }
            }
        }
        if (lo == hi) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    /** An even stride sample of the values, sorted ascending. */
    private static double[] sample(double[][] values, int[] lengths, long total) {
        long stride = Math.max(1, (total + SAMPLE - 1) / SAMPLE);
        double[] out = new double[(int) Math.min(total, SAMPLE + values.length)];
        int m = 0;
        for (int k = 0; k < values.length; k++) {
            double[] v = values[k];
            int n = lengths[k];
            for (long i = 0; i < n && m < out.length; i += stride) {
                out[m++] = v[(int) i];
            }
        }
        DoubleRadixSort.sort(out, m);
        return Arrays.copyOf(out, m);
    }

    private static double[] edges(double[] range, int bins) {
        double[] edges = new double[bins + 1];
        double width = (range[1] - range[0]) / bins;
        for (int k = 0; k < bins; k++) {
            edges[k] = range[0] + k * width;
        }
        edges[bins] = range[1];
        return edges;
    }

    private static QualityCharts.Density density(double[] actual, double[] predicted, int n, double[] range) {
        int bins = QualityCharts.DENSITY_BINS;
        long[] counts = new long[bins * bins];
        double lo = range[0];
        double hi = range[1];
        double scale = bins / (hi - lo);
        int last = bins - 1;
        long outside = 0;
        for (int r = 0; r < n; r++) {
            double a = actual[r];
            double p = predicted[r];
            if (a < lo || a > hi || p < lo || p > hi) {
                outside++;
                continue;
            }
            int i = Math.min((int) ((a - lo) * scale), last);
            int j = Math.min((int) ((p - lo) * scale), last);
            counts[i * bins + j]++;
        }
        return new QualityCharts.Density(lo, hi, bins, counts, outside);
    }

    private static QualityCharts.Histogram histogram(double[] errors, int n, double[] edges) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        double lo = edges[0];
        double hi = edges[bins];
        double scale = bins / (hi - lo);
        int last = bins - 1;
        long below = 0;
        long above = 0;
        for (int r = 0; r < n; r++) {
            double e = errors[r];
            if (e < lo) {
                below++;
            } else if (e > hi) {
                above++;
            } else {
                counts[Math.min((int) ((e - lo) * scale), last)]++;
            }
        }
        return new QualityCharts.Histogram(edges, counts, below, above);
    }
}
