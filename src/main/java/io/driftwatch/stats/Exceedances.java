package io.driftwatch.stats;

/**
 * How many values of a new sample may lie beyond the extreme of an old one by chance alone: the
 * distribution of the number of exceedances (E. J. Gumbel and H. von Schelling, "The distribution of
 * the number of exceedances", <i>Annals of Mathematical Statistics</i> 21(2), 1950, 247–262). It is
 * free of the distribution the values come from: it only assumes that the two samples are
 * exchangeable (drawn alike), which is the hypothesis a data-quality condition wants to reject.
 *
 * <p>Pool the {@code n} reference and {@code m} current values and sort them. Under exchangeability
 * every split of the pool is equally likely, so the chance that the {@code k} largest values all
 * belong to the current sample, i.e. that at least {@code k} current values exceed the reference's
 * maximum, is
 * <pre>  P(K ≥ k) = C(m, k) / C(n + m, k) = ∏_{i=0}^{k−1} (m − i) / (n + m − i)</pre>
 * (about {@code (m / (n + m))^k}: half the time one value of an equally large batch lies above the
 * reference's maximum). The same formula gives the chance that all {@code k} occurrences of a
 * category fall in the current sample, i.e. that a category seen {@code k} times is absent from the
 * reference by chance. Ties (discrete values) only make exceedances rarer, so with ties the
 * probability is an upper bound and the test stays valid (conservative).
 *
 * <p>Thread-safe: stateless.
 */
public final class Exceedances {
    private Exceedances() {
    }

    /**
     * {@code P(K ≥ k)}: the chance that at least {@code k} of {@code current} values exceed the maximum
     * of {@code reference} values when both samples are drawn alike. 1 for {@code k ≤ 0}, 0 for
     * {@code k > current}, 1 for {@code k ≤ current} when {@code reference} is 0.
     *
     * @throws IllegalArgumentException for a negative sample size
     */
    public static double tailProbability(long reference, long current, long k) {
        checkSizes(reference, current);
        if (k <= 0) {
            return 1.0;
        }
        if (k > current) {
            return 0.0;
        }
        double p = 1.0;
        long total = reference + current;
        for (long i = 0; i < k; i++) {
            p *= (double) (current - i) / (total - i);
        }
        return p;
    }

    /**
     * The smallest count {@code k ≥ 1} with {@link #tailProbability} at most {@code alpha}: a sample
     * with that many exceedances (or more) is unlikely, at level {@code alpha}, to be drawn like the
     * reference. {@code current + 1} when no count is (an empty reference, or too few current values).
     *
     * @param alpha the level, in (0, 1)
     * @throws IllegalArgumentException for a negative sample size or a level outside (0, 1)
     */
    public static long minimumCount(long reference, long current, double alpha) {
        checkSizes(reference, current);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (reference == 0) {
            return current + 1;
        }
        double p = 1.0;
        long total = reference + current;
        for (long k = 1; k <= current; k++) {
            p *= (double) (current - k + 1) / (total - k + 1);
            if (p <= alpha) {
                return k;
            }
        }
        return current + 1;
    }

    private static void checkSizes(long reference, long current) {
        if (reference < 0 || current < 0) {
            throw new IllegalArgumentException("sample sizes must be at least 0, got " + reference + " and " + current);
        }
    }
}
