package io.driftwatch.stats;

/**
 * The verdict of a test on sketches: drift, no drift, or undecided at this sketch size, when the
 * threshold lies within the score's error bound so that the exact data could fall on either side.
 *
 * <p>Thread-safe: an enum without state.
 */
public enum Verdict {
    /** Every score within the error bound drifts. */
    DRIFT,
    /** No score within the error bound drifts. */
    NO_DRIFT,
    /** The threshold lies within the error bound: the exact score could fall on either side of it. */
    UNDECIDED;

    /**
     * The verdict for a score known to lie in {@code [low, high]}: {@link #DRIFT} when both ends drift
     * by {@code comparison}, {@link #NO_DRIFT} when neither does (or the score is NaN), else
     * {@link #UNDECIDED}.
     */
    public static Verdict of(Comparison comparison, double low, double high, double threshold) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return NO_DRIFT;
        }
        boolean lowDrifts = comparison.drifted(low, threshold);
        boolean highDrifts = comparison.drifted(high, threshold);
        if (lowDrifts && highDrifts) {
            return DRIFT;
        }
        return lowDrifts || highDrifts ? UNDECIDED : NO_DRIFT;
    }

    /** The name the JSON result uses: {@code drift}, {@code no_drift}, {@code undecided}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
