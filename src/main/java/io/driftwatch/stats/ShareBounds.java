package io.driftwatch.stats;

/**
 * The two extreme pairs of share vectors a score is evaluated at to bound it, when each share is
 * only known to lie in an interval: {@link #closer} pulls each reference share and its current share
 * towards each other as far as their intervals allow (meeting where the intervals overlap), which
 * lowers the divergences the sketch tests use; {@link #apart} pushes them away from each other to
 * the far ends of their intervals, which raises them. Each divergence ({@code psi}, {@code kl_div},
 * Jensen-Shannon, Hellinger, chi-square) is zero where every bin's two shares are equal and grows as
 * they move apart, so the two pairs bracket the score of the true shares in the cases measured
 * (docs/sketches.md). This is not a proof for every metric: the shares' sum to 1, smoothing and
 * renormalisation couple the bins (each is recomputed on each pair as the exact test does), and
 * {@code kl_div}'s terms are not each monotone; the agreement measurements are what vouch for it.
 *
 * <p>Thread-safe: stateless.
 */
final class ShareBounds {

    private ShareBounds() {
    }

    /** Reference and current values of one evaluation point. */
    record Pair(double[] reference, double[] current) {
    }

    /** Shares pulled together: equal where the intervals overlap, else the nearest ends. */
    static Pair closer(double[] rLo, double[] r, double[] rHi, double[] cLo, double[] c, double[] cHi) {
        int bins = r.length;
        double[] ro = new double[bins];
        double[] co = new double[bins];
        for (int i = 0; i < bins; i++) {
            double overlapLo = Math.max(rLo[i], cLo[i]);
            double overlapHi = Math.min(rHi[i], cHi[i]);
            if (overlapLo <= overlapHi) {
                double meet = Math.min(Math.max((r[i] + c[i]) / 2, overlapLo), overlapHi);
                ro[i] = meet;
                co[i] = meet;
            } else if (r[i] > c[i]) {
                ro[i] = rLo[i];
                co[i] = cHi[i];
            } else {
                ro[i] = rHi[i];
                co[i] = cLo[i];
            }
        }
        return new Pair(ro, co);
    }

    /** Shares pushed apart to the far ends of their intervals (the reference up on a tie). */
    static Pair apart(double[] rLo, double[] r, double[] rHi, double[] cLo, double[] c, double[] cHi) {
        int bins = r.length;
        double[] ro = new double[bins];
        double[] co = new double[bins];
        for (int i = 0; i < bins; i++) {
            if (r[i] >= c[i]) {
                ro[i] = rHi[i];
                co[i] = cLo[i];
            } else {
                ro[i] = rLo[i];
                co[i] = cHi[i];
            }
        }
        return new Pair(ro, co);
    }
}
