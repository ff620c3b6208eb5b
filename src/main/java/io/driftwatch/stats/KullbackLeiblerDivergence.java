package io.driftwatch.stats;

import java.util.Objects;

/**
 * Evidently's {@code kl_div} drift test: the Kullback-Leibler divergence {@code KL(R ‖ C)} of binned
 * shares (Kullback and Leibler, "On information and sufficiency", Ann. Math. Statist. 22(1), 1951,
 * doi:10.1214/aoms/1177729694), as {@code scipy.stats.entropy(r, c)}.
 *
 * <p>The shares are binned and smoothed exactly as for {@link PopulationStabilityIndex}, then each
 * side is renormalised to sum 1 ({@code r ← r/Σr}, {@code c ← c/Σc}, as SciPy does) and
 * <pre>  KL = Σ_i r_i · ln(r_i / c_i)</pre>
 * summed in NumPy's pairwise order. It is a divergence, not a metric: asymmetric, unbounded.
 * Drift when {@code KL >= t}, default {@code t = 0.1}.
 *
 * <p>Driftwatch extras, as for PSI: {@link #withBinning(BinningStrategy)} with
 * {@link BinningStrategy#REFERENCE_QUANTILES} or {@link BinningStrategy#EQUAL_WIDTH} and
 * {@link #withBinCount(int)} bins (default 10); the default {@link BinningStrategy#EVIDENTLY} stays
 * exact and ignores the bin count, as Evidently ignores its {@code n_bins}.
 *
 * <p>Edge cases: smoothing keeps every share positive, so the divergence is finite (about 9.21 for two
 * different constants); identical samples give 0; an empty side throws
 * {@link InsufficientDataException}.
 *
 * <p>Thread-safe: immutable.
 */
public final class KullbackLeiblerDivergence implements BinnedTest {
    /** Bin count of the reference-only strategies unless set: deciles. */
    public static final int DEFAULT_BIN_COUNT = 10;
    private static final KullbackLeiblerDivergence DEFAULTS =
            new KullbackLeiblerDivergence(BinningStrategy.EVIDENTLY, DEFAULT_BIN_COUNT);

    private final BinningStrategy binning;
    private final int binCount;

    private KullbackLeiblerDivergence(BinningStrategy binning, int binCount) {
        this.binning = binning;
        this.binCount = binCount;
    }

    /** Evidently's KL divergence: {@link BinningStrategy#EVIDENTLY}. */
    public static KullbackLeiblerDivergence withDefaults() {
        return DEFAULTS;
    }

    /** This test binning numerical columns by {@code strategy}. */
    public KullbackLeiblerDivergence withBinning(BinningStrategy strategy) {
        return new KullbackLeiblerDivergence(Objects.requireNonNull(strategy, "strategy"), binCount);
    }

    /**
     * This test with {@code binCount} bins for {@link BinningStrategy#REFERENCE_QUANTILES} and
     * {@link BinningStrategy#EQUAL_WIDTH} (ignored by {@link BinningStrategy#EVIDENTLY}).
     *
     * @throws IllegalArgumentException if {@code binCount < 1}
     */
    public KullbackLeiblerDivergence withBinCount(int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("bin count must be at least 1, got " + binCount);
        }
        return new KullbackLeiblerDivergence(binning, binCount);
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
    public KullbackLeiblerDivergence binnedWith(BinningStrategy strategy, int binCount) {
        return withBinning(strategy).withBinCount(binCount);
    }

    @Override
    public String name() {
        return "kl_div";
    }

    @Override
    public String displayName() {
        return "Kullback-Leibler divergence";
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

    /** {@code KL(R ‖ C)} of {@code sample}. */
    public double distance(ColumnSample sample) {
        return divergence(Binning.smoothed(sample, binning, binCount));
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        Binning.Shares shares = Binning.smoothed(sample, binning, binCount);
        return TestResult.of(this, divergence(shares), threshold, Double.NaN, shares.method, shares.toHistogram());
    }

    /** {@code KL(R ‖ C)} of shares already smoothed. */
    static double divergence(Binning.Shares shares) {
        double[] r = shares.reference;
        double[] c = shares.current;
        double rs = PairwiseSummation.sum(r);
        double cs = PairwiseSummation.sum(c);
        double[] terms = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            terms[i] = EntropyTerms.relativeEntropy(r[i] / rs, c[i] / cs);
        }
        return PairwiseSummation.sum(terms);
    }
}
