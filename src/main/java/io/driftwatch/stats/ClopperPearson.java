package io.driftwatch.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * One-sided Clopper–Pearson ("exact") confidence bounds on a binomial proportion (C. J. Clopper and
 * E. S. Pearson, "The use of confidence or fiducial limits illustrated in the case of the binomial",
 * <i>Biometrika</i> 26(4), 1934, 404–413, doi:10.1093/biomet/26.4.404).
 *
 * <p>With {@code x} successes in {@code n} trials and confidence {@code c}, the lower bound is the
 * {@code 1 − c} quantile of Beta({@code x}, {@code n − x + 1}), and 0 when {@code x = 0}; the upper
 * bound is the {@code c} quantile of Beta({@code x + 1}, {@code n − x}), and 1 when {@code x = n}.
 * The bound is found by inverting the binomial tail, so its coverage is at least {@code c} for every
 * true proportion and every {@code n} (it is conservative; no normal approximation, so it stays
 * valid for small {@code n} and for proportions near 0 or 1, where the Wald interval fails).
 *
 * <p>Thread-safe: stateless.
 */
public final class ClopperPearson {
    private ClopperPearson() {
    }

    /**
     * The one-sided lower confidence bound: the true proportion is at least this with confidence
     * {@code confidence}.
     *
     * @param successes {@code x}, in {@code [0, trials]}
     * @param trials {@code n}, at least 1
     * @param confidence in (0, 1)
     * @throws IllegalArgumentException for counts or a confidence outside those ranges
     */
    public static double lowerBound(long successes, long trials, double confidence) {
        check(successes, trials, confidence);
        if (successes == 0) {
            return 0.0;
        }
        return BetaDistribution.of(successes, trials - successes + 1.0).inverseCumulativeProbability(1.0 - confidence);
    }

    /**
     * The one-sided upper confidence bound: the true proportion is at most this with confidence
     * {@code confidence}.
     *
     * @see #lowerBound(long, long, double) for the arguments
     */
    public static double upperBound(long successes, long trials, double confidence) {
        check(successes, trials, confidence);
        if (successes == trials) {
            return 1.0;
        }
        return BetaDistribution.of(successes + 1.0, trials - successes).inverseCumulativeProbability(confidence);
    }

    private static void check(long successes, long trials, double confidence) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, " + trials + "], got " + successes);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}
