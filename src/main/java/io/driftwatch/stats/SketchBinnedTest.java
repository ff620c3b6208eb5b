package io.driftwatch.stats;

/**
 * Evidently's binned tests ({@code psi}, {@code kl_div}, {@code jensenshannon}, {@code hellinger})
 * on summaries.
 *
 * <p><b>Numerical columns.</b> The bins are the exact test's, from exact facts: Sturges over the pooled
 * range with the pooled count ({@link Binning#sturgesEdges}: the exact min, max and counts give the
 * very same edges; {@code hellinger} counts distinct values, which are known when both sides keep exact
 * value counts and are otherwise taken as {@code n + m}, as for data without ties). A bin's share is
 * {@code F̂(e_{i+1}−) − F̂(e_i−)} (the last bin closed). When the reference keeps exact value counts and
 * has at most 20 distinct values, Evidently's per-value bins are used instead, which needs exact value
 * counts on the current side too.
 *
 * <p><b>Error bound.</b> A share is a difference of two values of {@code F̂}: within the summary's mass
 * error of the true share (the KLL sketch's double-sided PMF error, which DataSketches documents for
 * exactly these differences; at most {@code 2ε}), or within ε for the first and last bin, whose outer
 * end is the exact range end. The score interval is the
 * scores of the two extreme share vectors of {@link ShareBounds} (shares pulled together and pushed
 * apart by that much), each smoothed and renormalised as the exact test does. With ~20 bins this is
 * conservative: the per-bin errors of one sketch are not independent worst cases.
 *
 * <p><b>Categorical columns</b> run the exact test on the category counts ({@link SketchCountTest}).
 * Past a profile's exact label limit the rare labels are pooled into one category; pooling can only
 * lower these divergences (they are f-divergences: the data-processing inequality), so the pooled
 * score's lower end stands, and the upper end is widened by what the pooled mass {@code a, b} (each
 * side's upper share) could add when split into its labels: Jensen-Shannon
 * {@code sqrt(JS² + (a + b)/2 · ln 2)}, Hellinger {@code sqrt(H² + sqrt(a b))}, and unbounded for
 * {@code psi} and {@code kl_div}, which then decide drift but never its absence.
 *
 * <p>Only Evidently's binning rule is offered on sketches. Edge cases as the exact tests; an empty side
 * throws {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class SketchBinnedTest extends SketchTestBase {
    /** The score of (unsmoothed) share vectors, as the exact test computes it from its bins. */
    @FunctionalInterface
    interface ShareScore {
        double of(double[] reference, double[] current, double[] edges);
    }

    private static final double LN2 = Math.log(2);

    private final ShareScore score;
    private final boolean distinctCountBins;
    private final SketchCountTest.PoolBound pool;

    private SketchBinnedTest(DriftTest exact, ShareScore score, boolean distinctCountBins,
            SketchCountTest.PoolBound pool) {
        super(exact);
        this.score = score;
        this.distinctCountBins = distinctCountBins;
        this.pool = pool;
    }

    /** {@code psi} on summaries. */
    public static SketchBinnedTest psi() {
        return new SketchBinnedTest(PopulationStabilityIndex.withDefaults(),
                (r, c, e) -> PopulationStabilityIndex.psi(smoothed(r, c, e)), false,
                (high, a, b) -> Double.POSITIVE_INFINITY);
    }

    /** {@code kl_div} on summaries. */
    public static SketchBinnedTest kullbackLeibler() {
        return new SketchBinnedTest(KullbackLeiblerDivergence.withDefaults(),
                (r, c, e) -> KullbackLeiblerDivergence.divergence(smoothed(r, c, e)), false,
                (high, a, b) -> Double.POSITIVE_INFINITY);
    }

    /** {@code jensenshannon} on summaries. */
    public static SketchBinnedTest jensenShannon() {
        return new SketchBinnedTest(JensenShannonDistance.withDefaults(),
                (r, c, e) -> JensenShannonDistance.distance(new Binning.Shares(r, c, e, null, "sturges")), false,
                (high, a, b) -> Math.min(Math.sqrt(LN2), Math.sqrt(high * high + (a + b) / 2 * LN2)));
    }

    /** {@code hellinger} on summaries. */
    public static SketchBinnedTest hellinger() {
        return new SketchBinnedTest(HellingerDistance.withDefaults(), (r, c, e) -> HellingerDistance.ofShares(r, c),
                true, (high, a, b) -> Math.sqrt(Math.min(1.0, high * high + Math.sqrt(a * b))));
    }

    private static Binning.Shares smoothed(double[] r, double[] c, double[] edges) {
        Binning.Shares shares = new Binning.Shares(r.clone(), c.clone(), edges, null, "sturges");
        Binning.smoothZeros(shares.reference);
        Binning.smoothZeros(shares.current);
        return shares;
    }

    @Override
    public SketchTestResult test(SketchSample sample, double threshold) {
        requireBothSides(sample);
        if (!(sample instanceof SketchSample.Numeric s)) {
            return SketchCountTest.onCounts(this, exact, sample, threshold, pool);
        }
        QuantileSummary r = s.reference();
        QuantileSummary c = s.current();
        if (!distinctCountBins && r.hasExactValues() && r.size() <= Binning.PER_VALUE_MAX_DISTINCT_REFERENCE) {
            return SketchCountTest.onCounts(this, exact, sample, threshold, pool);
        }
        long count = distinctCountBins && r.hasExactValues() && c.hasExactValues()
                ? r.valueCountsAgainst(c).size()
                : s.referenceSize() + s.currentSize();
        double[] edges = Binning.sturgesEdges(Math.min(r.min(), c.min()), Math.max(r.max(), c.max()), count);
        int bins = edges.length - 1;
        double[][] rs = shares(r, edges);
        double[][] cs = shares(c, edges);
        double point = score.of(rs[1], cs[1], edges);
        Histogram histogram = new Histogram(edges, null, rs[1], cs[1]);
        if (r.rankError() == 0 && c.rankError() == 0) {
            return SketchTestResult.of(this, point, point, point, threshold, Double.NaN, 0.0, "sturges", histogram);
        }
        ShareBounds.Pair closer = ShareBounds.closer(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        ShareBounds.Pair apart = ShareBounds.apart(rs[0], rs[1], rs[2], cs[0], cs[1], cs[2]);
        double a = score.of(closer.reference(), closer.current(), edges);
        double b = score.of(apart.reference(), apart.current(), edges);
        assert bins == rs[1].length;
        return SketchTestResult.of(this, point, Math.min(point, Math.min(a, b)), Math.max(point, Math.max(a, b)),
                threshold, Double.NaN, Double.NaN, "sturges", histogram);
    }

    /** Per bin: lower bound, estimate, upper bound of the share (rows 0, 1, 2). */
    static double[][] shares(QuantileSummary summary, double[] edges) {
        int bins = edges.length - 1;
        double eps = summary.rankError();
        double mass = summary.massError();
        double n = summary.count();
        double[][] out = new double[3][bins];
        long below = 0; // nothing lies below e_0, the pooled minimum
        for (int b = 0; b < bins; b++) {
            long above = b == bins - 1 ? summary.count() : summary.weightBelow(edges[b + 1]);
            double share = (above - below) / n;
            // one estimated end (the first or last bin): ε; two: the mass error
            double slack = b == 0 && b == bins - 1 ? 0.0 : b == 0 || b == bins - 1 ? eps : mass;
            out[0][b] = Math.max(0.0, share - slack);
            out[1][b] = share;
            out[2][b] = Math.min(1.0, share + slack);
            below = above;
        }
        return out;
    }
}
