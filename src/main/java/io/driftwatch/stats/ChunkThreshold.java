package io.driftwatch.stats;

/**
 * NannyML's standard-deviation threshold over reference chunks: a metric computed on each chunk of
 * the reference gives a band {@code mean ± multiplier · σ} (σ the population standard deviation,
 * {@code numpy.std} with {@code ddof=0}), clipped to the range the metric can take; a chunk whose
 * value falls strictly outside the band alerts. NannyML's default multiplier is 3, on both sides.
 *
 * <p>Reference chunks whose value is NaN (a metric undefined on that chunk) are left out; with no
 * finite value left the band is {@code [NaN, NaN]} and never alerts. A limit of
 * {@code ±Infinity} means the metric is unbounded on that side.
 *
 * <p>Reference: NannyML, {@code nannyml.thresholds.StandardDeviationThreshold} and
 * {@code calculate_threshold_values} (thresholds beyond a metric's limits are set to the limit).
 *
 * <p>Thread-safe: stateless.
 */
public final class ChunkThreshold {
    /** NannyML's default: three standard deviations either side of the mean. */
    public static final double DEFAULT_MULTIPLIER = 3.0;

    private ChunkThreshold() {
    }

    /**
     * The band of a metric between {@code lower} and {@code upper}; {@code lower > upper} never
     * happens except both NaN.
     *
     * @param lower alert below this (NaN: no lower bound)
     * @param upper alert above this (NaN: no upper bound)
     */
    public record Band(double lower, double upper) {
        /** Whether {@code value} is strictly outside the band; NaN values never alert. */
        public boolean alerts(double value) {
            return value < lower || value > upper;
        }
    }

    /**
     * The band over the metric's values on the reference chunks.
     *
     * @param referenceChunkValues the metric on each reference chunk (NaN values are skipped)
     * @param multiplier how many standard deviations either side (NannyML: 3)
     * @param lowerLimit the least value the metric can take ({@code -Infinity} if none)
     * @param upperLimit the greatest value the metric can take ({@code +Infinity} if none)
     */
    public static Band of(double[] referenceChunkValues, double multiplier, double lowerLimit, double upperLimit) {
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 0, got " + multiplier);
        }
        if (!(lowerLimit <= upperLimit)) {
            throw new IllegalArgumentException("lowerLimit " + lowerLimit + " > upperLimit " + upperLimit);
        }
        int n = 0;
        double sum = 0;
        for (double v : referenceChunkValues) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Band(Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : referenceChunkValues) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double sigma = Math.sqrt(squares / n);
        double lower = Math.max(mean - multiplier * sigma, lowerLimit);
        double upper = Math.min(mean + multiplier * sigma, upperLimit);
        return new Band(lower, upper);
    }
}
