package io.driftwatch.stats;

/**
 * Evidently's {@code hellinger} drift test: the Hellinger distance
 * {@code H = sqrt(1 − BC)} with {@code BC} the Bhattacharyya coefficient (Hellinger, J. reine angew.
 * Math. 136, 1909, doi:10.1515/crll.1909.136.210). Range {@code [0, 1]}; drift when {@code H >= t},
 * default {@code t = 0.1}.
 *
 * <ul>
 *   <li>Categorical: shares {@code a_k = countR(k)/n}, {@code b_k = countC(k)/m} over the union keys,
 *       {@code BC = Σ_k sqrt(a_k b_k)}.</li>
 *   <li>Numerical: Sturges bins as in {@link Binning}, but computed from the <em>distinct</em> values
 *       of the union (their count and range), not from all observations, as Evidently does; density
 *       histograms {@code h_R[i] = countR[i] / (e[i+1] − e[i]) / n} (NumPy's {@code density=True}),
 *       likewise {@code h_C}, and with the mean bin width {@code w = (e[B] − e[0]) / B},
 *       {@code BC = Σ_i sqrt(h_R[i] h_C[i]) · w}.</li>
 * </ul>
 * {@code BC} is summed in order, clipped to {@code [0, 1]}, and {@code H = sqrt(1 − BC)}.
 *
 * <p>Edge cases: disjoint supports give 1; identical samples give 0 up to rounding (Evidently itself
 * reports values near 1e-8, the square root of a rounding error of {@code BC}); two equal constants
 * give 0; an empty side throws {@link InsufficientDataException}. The result's histogram holds the
 * shares ({@code count/n}) per bin or key; the numerical densities are those shares over the bin widths.
 *
 * <p>Thread-safe: immutable.
 */
public final class HellingerDistance implements DriftTest {
    private static final HellingerDistance DEFAULTS = new HellingerDistance();

    private HellingerDistance() {
    }

    /** The test with Evidently's settings (it has no options). */
    public static HellingerDistance withDefaults() {
        return DEFAULTS;
    }

    @Override
    public String name() {
        return "hellinger";
    }

    @Override
    public String displayName() {
        return "Hellinger distance";
    }

    @Override
    public ScoreKind scoreKind() {
        return ScoreKind.DISTANCE;
    }

    @Override
    public Comparison comparison() {
        return Comparison.GREATER_OR_EQUAL;
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return true;
    }

    /** The Hellinger distance of {@code sample}. */
    public double distance(ColumnSample sample) {
        return run(sample).distance;
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        Outcome o = run(sample);
        return TestResult.of(this, o.distance, threshold, Double.NaN, o.shares.method, o.shares.toHistogram());
    }

    private record Outcome(double distance, Binning.Shares shares) {
    }

    private static Outcome run(ColumnSample sample) {
        Binning.requireBothSides(sample);
        if (sample instanceof CategoryCounts counts) {
            Binning.Shares shares = Binning.perValue(counts);
            double bc = 0.0;
            for (int i = 0; i < shares.reference.length; i++) {
                bc += Math.sqrt(shares.reference[i] * shares.current[i]);
            }
            return new Outcome(fromCoefficient(bc), shares);
        }
        NumericSamples s = (NumericSamples) sample;
        double[] r = s.reference();
        double[] c = s.current();
        double lo = Math.min(r[0], c[0]);
        double hi = Math.max(r[r.length - 1], c[c.length - 1]);
        double[] edges = Binning.sturgesEdges(lo, hi, NumericSamples.countDistinctUnion(r, c));
        long[] rc = Binning.counts(r, edges);
        long[] cc = Binning.counts(c, edges);
        int bins = rc.length;
        double n = r.length;
        double m = c.length;
        double width = (edges[bins] - edges[0]) / bins;
        double bc = 0.0;
        double[] rs = new double[bins];
        double[] cs = new double[bins];
        for (int i = 0; i < bins; i++) {
            double db = edges[i + 1] - edges[i];
            double hr = rc[i] / db / n;
            double hc = cc[i] / db / m;
            bc += Math.sqrt(hr * hc) * width;
            rs[i] = rc[i] / n;
            cs[i] = cc[i] / m;
        }
        return new Outcome(fromCoefficient(bc), new Binning.Shares(rs, cs, edges, null, "sturges"));
    }

    /** {@code sqrt(1 − Σ sqrt(r_i c_i))}: the distance of shares over equal-width bins or categories. */
    static double ofShares(double[] r, double[] c) {
        double bc = 0.0;
        for (int i = 0; i < r.length; i++) {
            bc += Math.sqrt(r[i] * c[i]);
        }
        return fromCoefficient(bc);
    }

    private static double fromCoefficient(double bc) {
        double clipped = Math.min(Math.max(bc, 0.0), 1.0);
        return Math.sqrt(1 - clipped);
    }
}
