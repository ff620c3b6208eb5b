package io.driftwatch.stats;

/**
 * What a test's score is: a p-value (smaller means more drift) or a distance (bigger means more
 * drift), and with it how far a score is past its threshold ({@link #strength(double, double)}).
 *
 * <p>Thread-safe: an enum without state.
 */
public enum ScoreKind {
    /** Smaller means more drift; compared on a log scale. */
    P_VALUE("p_value") {
        @Override
        public double strength(double score, double threshold) {
            if (Double.isNaN(score)) {
                return Double.NaN;
            }
            if (score <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = threshold > 0 && threshold < 1 ? threshold : FALLBACK_P_THRESHOLD;
            return Math.log(score) / Math.log(t) + 0.0; // + 0.0: p = 1 gives 0, not -0
        }
    },
    /** Bigger means more drift; compared as a ratio. */
    DISTANCE("distance") {
        @Override
        public double strength(double score, double threshold) {
            return (threshold > 0 ? score / threshold : score) + 0.0;
        }
    };

    /** The p-value threshold {@link #strength} measures against when the actual one is not in (0, 1). */
    private static final double FALLBACK_P_THRESHOLD = 0.05;

    private final String label;

    ScoreKind(String label) {
        this.label = label;
    }

    /** The name the JSON result and the stored history use: {@code p_value} or {@code distance}. */
    public String label() {
        return label;
    }

    /**
     * How strongly {@code score} says drift, on one scale for every test: 1 at the threshold, larger
     * is more drift, 0 for no evidence at all. For a p-value {@code log p / log t}, so {@code p = t²}
     * is 2 (a p-value of 0 is infinite; a threshold outside (0, 1), where the log scale breaks, is
     * taken as 0.05); for a distance {@code d / t} (d itself when {@code t <= 0}). NaN when the score
     * is undefined. The one definition that the CLI table, the report, the dashboard's heat map and
     * the alerts all rank and shade columns by.
     *
     * @param score the drift score, for a p-value the one the verdict used (after any correction)
     * @param threshold the threshold the verdict was decided with
     */
    public abstract double strength(double score, double threshold);
}
