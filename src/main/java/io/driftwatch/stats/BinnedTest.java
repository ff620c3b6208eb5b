package io.driftwatch.stats;

/**
 * A drift test that cuts numerical columns into bins ({@code psi}, {@code kl_div},
 * {@code jensenshannon}), so a check can choose how: Evidently's rule, or reference quantiles or
 * equal widths with a bin count.
 *
 * <p>Implementations are thread-safe: immutable.
 */
public interface BinnedTest extends DriftTest {

    /** This test binning numerical columns by {@code strategy} into {@code binCount} bins (ignored by Evidently's rule). */
    BinnedTest binnedWith(BinningStrategy strategy, int binCount);
}
