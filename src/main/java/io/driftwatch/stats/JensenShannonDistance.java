package io.driftwatch.stats;

import java.util.Objects;

/**
 * Evidently's {@code jensenshannon} drift test: the Jensen-Shannon <em>distance</em> (natural
 * logarithm) of binned shares, as {@code scipy.spatial.distance.jensenshannon(r, c)} (Lin,
 * "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991,
 * doi:10.1109/18.61115; the square root is a metric: Endres and Schindelin, 2003,
 * doi:10.1109/TIT.2003.813506).
 *
 * <p>The shares are binned as for {@link PopulationStabilityIndex} but <em>not</em> smoothed; each side is
 * renormalised to sum 1, {@code M = (r + c)/2}, and
 * <pre>  JS = sqrt( (Σ_i r_i ln(r_i/M_i) + Σ_i c_i ln(c_i/M_i)) / 2 )</pre>
 * with zero shares contributing 0, each sum in NumPy's pairwise order. Range {@code [0, sqrt(ln 2)]}.
 * Drift when {@code JS >= t}, default {@code t = 0.1}.
 *
 * <p>Driftwatch extras, as for PSI: {@link #withBinning(BinningStrategy)} with
 * {@link BinningStrategy#REFERENCE_QUANTILES} or {@link BinningStrategy#EQUAL_WIDTH} and
 * {@link #withBinCount(int)} bins (default 10); the default {@link BinningStrategy#EVIDENTLY} stays
 * exact and ignores the bin count, as Evidently ignores its {@code n_bins}.
 *
 * <p>Edge cases: disjoint supports give {@code sqrt(ln 2) ≈ 0.8326}; identical samples 0; an empty side
 * throws {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class JensenShannonDistance implements BinnedTest {
    /** Bin count of the reference-only strategies unless set: deciles. */
    public static final int DEFAULT_BIN_COUNT = 10;
    private static final JensenShannonDistance DEFAULTS =
            new JensenShannonDistance(BinningStrategy.EVIDENTLY, DEFAULT_BIN_COUNT);

    private final BinningStrategy binning;
    private final int binCount;

    private JensenShannonDistance(BinningStrategy binning, int binCount) {
        this.binning = binning;
        this.binCount = binCount;
    }

    /** Evidently's Jensen-Shannon distance: {@link BinningStrategy#EVIDENTLY}. */
    public static JensenShannonDistance withDefaults() {
        return DEFAULTS;
    }

    /** This test binning numerical columns by {@code strategy}. */
    public JensenShannonDistance withBinning(BinningStrategy strategy) {
        return new JensenShannonDistance(Objects.requireNonNull(strategy, "strategy"), binCount);
    }

    /**
     * This test with {@code binCount} bins for {@link BinningStrategy#REFERENCE_QUANTILES} and
     * {@link BinningStrategy#EQUAL_WIDTH} (ignored by {@link BinningStrategy#EVIDENTLY}).
     *
     * @throws IllegalArgumentException if {@code binCount < 1}
     */
    public JensenShannonDistance withBinCount(int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("bin count must be at least 1, got " + binCount);
        }
        return new JensenShannonDistance(binning, binCount);
    }

    /** The binning strategy in use. */
    public BinningStrategy binning() {
        return binning;
    }

    /** The bin count of the reference-only strategies. */
    public int binCount() {
        return binCount;
    }

    @Override
    public JensenShannonDistance binnedWith(BinningStrategy strategy, int binCount) {
        return withBinning(strategy).withBinCount(binCount);
    }

    @Override
    public String name() {
        return "jensenshannon";
    }

    @Override
    public String displayName() {
        return "Jensen-Shannon distance";
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

    /** The Jensen-Shannon distance of {@code sample}. */
    public double distance(ColumnSample sample) {
        return distance(Binning.of(sample, binning, binCount));
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        Binning.Shares shares = Binning.of(sample, binning, binCount);
        return TestResult.of(this, distance(shares), threshold, Double.NaN, shares.method, shares.toHistogram());
    }

    /** The distance of unsmoothed shares. */
    static double distance(Binning.Shares shares) {
        double[] r = shares.reference;
        double[] c = shares.current;
        int bins = r.length;
        double rs = PairwiseSummation.sum(r);
        double cs = PairwiseSummation.sum(c);
        double[] left = new double[bins];
        double[] right = new double[bins];
        for (int i = 0; i < bins; i++) {
            double p = r[i] / rs;
            double q = c[i] / cs;
            double mid = (p + q) / 2.0;
            left[i] = EntropyTerms.relativeEntropy(p, mid);
            right[i] = EntropyTerms.relativeEntropy(q, mid);
        }
        double js = PairwiseSummation.sum(left) + PairwiseSummation.sum(right);
        return Math.sqrt(js / 2.0);
    }
}
