package io.driftwatch.stats;

/**
 * How a test's score is compared with its threshold to decide drift. Evidently mixes operators:
 * {@code ks} and {@code cramer_von_mises} drift when {@code p <= t}, other p-value tests when
 * {@code p < t}, distances when {@code d >= t}, energy distance when {@code d > t}. A NaN score
 * never drifts.
 */
public enum Comparison {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as printed: {@code <}, {@code <=}, {@code >}, {@code >=}. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code score} compared with {@code threshold} means drift; false for NaN. */
    public boolean drifted(double score, double threshold) {
        return switch (this) {
            case LESS -> score < threshold;
            case LESS_OR_EQUAL -> score <= threshold;
            case GREATER -> score > threshold;
            case GREATER_OR_EQUAL -> score >= threshold;
        };
    }
}
