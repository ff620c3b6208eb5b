package io.driftwatch.stats;

/**
 * The outcome of one drift test on sketches of one column: the score estimated from the sketches,
 * the interval the exact score lies in (by the sketches' error bounds), and the verdict that
 * interval allows.
 *
 * <p>Thread-safe: immutable.
 *
 * @param test the registry name, the same as the exact test's ({@code ks}, {@code psi}…)
 * @param displayName what reports print for the test
 * @param scoreKind whether the score is a p-value or a distance
 * @param score the score estimated from the sketches (NaN when undefined, which never drifts)
 * @param scoreLow the smallest score the exact data can have within the error bound
 * @param scoreHigh the largest such score; {@code scoreLow == score == scoreHigh} when the summaries are exact
 * @param threshold the threshold the verdict was decided with
 * @param comparison how score and threshold are compared
 * @param verdict {@link Verdict#of} the interval: drift, no drift, or undecided at this sketch size
 * @param statistic the test's own statistic where it has one (KS D, raw Wasserstein W1, chi-square,
 *     z); NaN otherwise
 * @param statisticError the bound on {@code |statistic − exact statistic|} where the statistic has
 *     one (KS: the sum of the two sketches' rank errors); NaN otherwise
 * @param method how the score was computed ({@code exact}, {@code asymptotic}, {@code sturges},
 *     {@code per_value}, {@code frequent_items}…); null where a test has one path
 * @param histogram the estimated shares a binned test compared; null for other tests
 */
public record SketchTestResult(
        String test,
        String displayName,
        ScoreKind scoreKind,
        double score,
        double scoreLow,
        double scoreHigh,
        double threshold,
        Comparison comparison,
        Verdict verdict,
        double statistic,
        double statisticError,
        String method,
        Histogram histogram) {

    /** A result for {@code test} whose verdict is decided on {@code [scoreLow, scoreHigh]}. */
    static SketchTestResult of(SketchTest test, double score, double scoreLow, double scoreHigh, double threshold,
            double statistic, double statisticError, String method, Histogram histogram) {
        return new SketchTestResult(test.name(), test.displayName(), test.scoreKind(), score, scoreLow, scoreHigh,
                threshold, test.comparison(), Verdict.of(test.comparison(), scoreLow, scoreHigh, threshold), statistic,
                statisticError, method, histogram);
    }
}
