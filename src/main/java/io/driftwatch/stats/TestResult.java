package io.driftwatch.stats;

/**
 * The outcome of one drift test on one column.
 *
 * <p>Thread-safe: immutable.
 *
 * @param test the registry name of the test that ran
 * @param displayName what reports print for the test ({@link DriftTest#displayName()}), so renderers
 *     read it here instead of looking the test up again by name
 * @param scoreKind whether {@code score} is a p-value or a distance
 * @param score the drift score exactly as Evidently defines it (NaN when undefined, which never drifts)
 * @param threshold the threshold the verdict was decided with
 * @param comparison how score and threshold were compared (renderers print it from here too)
 * @param drifted the verdict: {@code comparison.drifted(score, threshold)}
 * @param statistic the test's own statistic where it has one distinct from the score (KS D,
 *     chi-square, G, t, U, Anderson-Darling T, Cramér-von Mises T, observed TVD, MMD); NaN otherwise
 * @param method how the score was computed where a test has several paths ({@code exact},
 *     {@code asymptotic}, {@code sturges}, {@code per_value}…); null otherwise
 * @param histogram the shares a binned test compared; null for other tests
 */
public record TestResult(
        String test,
        String displayName,
        ScoreKind scoreKind,
        double score,
        double threshold,
        Comparison comparison,
        boolean drifted,
        double statistic,
        String method,
        Histogram histogram) {

    /** A result whose verdict is decided by {@code test}'s comparison. */
    public static TestResult of(DriftTest test, double score, double threshold, double statistic, String method,
            Histogram histogram) {
        return new TestResult(test.name(), test.displayName(), test.scoreKind(), score, threshold, test.comparison(),
                test.comparison().drifted(score, threshold), statistic, method, histogram);
    }

    /** A result with no separate statistic, method or histogram. */
    public static TestResult of(DriftTest test, double score, double threshold) {
        return of(test, score, threshold, Double.NaN, null, null);
    }
}
