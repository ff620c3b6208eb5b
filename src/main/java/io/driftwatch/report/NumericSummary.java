package io.driftwatch.report;

/**
 * Count, mean, sample standard deviation, minimum and maximum of the finite values of one side of
 * a numeric column, for the detail panel and the "values over time" band.
 *
 * <p>Thread-safe: immutable.
 */
record NumericSummary(int count, double mean, double sd, double min, double max) {

    static final NumericSummary EMPTY = new NumericSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Of the finite values among {@code values[0, length)}; NaN and ±∞ are skipped. */
    static NumericSummary of(double[] values, int length) {
        int n = 0;
        double shift = Double.NaN;
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            if (n == 0) {
                shift = v; // shifted sums keep the variance accurate when the mean is far from zero
            }
            double d = v - shift;
            sum += d;
            sumSq += d * d;
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            n++;
        }
        if (n == 0) {
            return EMPTY;
        }
        double mean = shift + sum / n;
        double variance = n > 1 ? Math.max(0, (sumSq - sum * sum / n) / (n - 1)) : 0;
        return new NumericSummary(n, mean, Math.sqrt(variance), min, max);
    }

    /** Of values already known to be finite and sorted ascending (a reference profile). */
    static NumericSummary ofSorted(double[] sorted) {
        if (sorted.length == 0) {
            return EMPTY;
        }
        NumericSummary s = of(sorted, sorted.length);
        return new NumericSummary(s.count, s.mean, s.sd, sorted[0], sorted[sorted.length - 1]);
    }
}
