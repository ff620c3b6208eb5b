package io.driftwatch.stats;

/**
 * How {@code psi}, {@code kl_div} and {@code jensenshannon} cut a numerical column into bins.
 * Categorical columns always get one bin per category, whatever the strategy.
 *
 * <ul>
 *   <li>{@link #EVIDENTLY} (the default): Evidently 0.7's rule, reproduced exactly. If the reference
 *       has more than 20 distinct values, Sturges' rule (doi:10.1080/01621459.1926.10502161) on the
 *       pooled reference and current values: {@code B = ceil(range / (range / (log2(n + m) + 1)))}
 *       equal-width bins over the pooled range; otherwise one bin per distinct value. The bin count
 *       option is ignored, as Evidently ignores its own {@code n_bins} argument.</li>
 *   <li>{@link #REFERENCE_QUANTILES}: a Driftwatch extra, the credit-risk practice for PSI (e.g.
 *       deciles of the development sample): inner edges at the reference quantiles
 *       {@code k / binCount}, {@code k = 1 … binCount − 1} (linear interpolation between order
 *       statistics, NumPy's default {@code "linear"} method), equal edges merged (ties), and the first
 *       and last bins open so that current values outside the reference range still count. The
 *       reference shares are then close to {@code 1 / binCount} each, and the edges depend on the
 *       reference only, so a reference profile can keep them.</li>
 *   <li>{@link #EQUAL_WIDTH}: a Driftwatch extra: {@code binCount} equal-width bins over the
 *       reference range, first and last bins open; edges depend on the reference only.</li>
 * </ul>
 *
 * <p>In the two extras a value {@code x} falls in bin {@code i} when {@code e[i] <= x < e[i+1]}, with
 * {@code e[0] = −∞} and {@code e[B] = +∞}; there is no switch to per-value bins for few distinct values.
 */
public enum BinningStrategy {
    EVIDENTLY("sturges"),
    REFERENCE_QUANTILES("reference_quantiles"),
    EQUAL_WIDTH("equal_width");

    private final String method;

    BinningStrategy(String method) {
        this.method = method;
    }

    /** The {@link TestResult#method()} of a numerical column binned this way. */
    String method() {
        return method;
    }
}
