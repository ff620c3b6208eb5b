package io.driftwatch.stats;

/**
 * Total variation distance between the category shares of reference and current, with a
 * permutation p-value: Evidently's {@code TVD}.
 *
 * <p>Definition: over the union keys,
 * <pre>
 *   TVD = ½ Σ_k | countR(k)/n − countC(k)/m |
 * </pre>
 * The score is a permutation p-value: pool the reference then the current values, and for each of
 * {@code permutations} rounds draw {@code n} pooled values without replacement as a new reference
 * (NumPy's legacy {@code RandomState.choice(pool, n, replace=False)}, i.e. the first {@code n}
 * entries of a Fisher-Yates shuffle of the pool), the rest as the new current, and recompute TVD;
 * {@code p = #{rounds with TVD_perm ≥ TVD} / permutations}. Drift when {@code p < threshold}
 * (default 0.1). The statistic is the observed TVD. The sum over keys uses NumPy's pairwise
 * summation so that ties between a permuted and the observed TVD resolve as in NumPy.
 *
 * <p>Randomness: {@link MersenneTwister} seeded like {@code np.random.seed(seed)}, default seed 0
 * and 1000 permutations, as Evidently's code. Evidently pools the rows in their original order; a
 * {@link CategoryCounts} has no row order, so {@link #test} pools the values grouped by key (keys in
 * natural order, reference block first): the same permutation distribution and a reproducible
 * p-value, but not Evidently's realisation of it. {@link #pValueInRowOrder} takes the rows in their
 * original order and reproduces Evidently's p-value exactly, except where a permuted TVD ties the
 * observed one and Evidently's key order (Python's hash order) changes the last bit of the sum.
 *
 * <p>Reference: D. A. Levin, Y. Peres, E. L. Wilmer, "Markov Chains and Mixing Times", AMS 2009,
 * section 4.1 (total variation distance), doi:10.1090/mbk/058; permutation tests: R. A. Fisher,
 * "The Design of Experiments", 1935.
 *
 * <p>Edge cases: an empty side throws {@link InsufficientDataException}; one category in total
 * gives TVD 0 and {@code p = 1}; numerical samples are tested as categories
 * ({@link NumericSamples#toCategoryCounts()}).
 *
 * <p>Thread-safe: immutable; each run uses its own generator.
 */
public final class TotalVariationDistanceTest implements DriftTest {
    /** Evidently's number of permutations. */
    public static final int DEFAULT_PERMUTATIONS = 1000;
    /** Evidently's seed ({@code np.random.seed(0)} in its {@code permutation_test}). */
    public static final long DEFAULT_SEED = 0;

    private static final TotalVariationDistanceTest DEFAULTS =
            new TotalVariationDistanceTest(DEFAULT_PERMUTATIONS, DEFAULT_SEED);

    private final int permutations;
    private final long seed;

    private TotalVariationDistanceTest(int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be positive, got " + permutations);
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], got " + seed);
        }
        this.permutations = permutations;
        this.seed = seed;
    }

    /** 1000 permutations, seed 0: as Evidently. */
    public static TotalVariationDistanceTest withDefaults() {
        return DEFAULTS;
    }

    /** This test with {@code permutations} rounds (at least 1). */
    public TotalVariationDistanceTest withPermutations(int permutations) {
        return new TotalVariationDistanceTest(permutations, seed);
    }

    /** This test with the generator seeded like {@code np.random.seed(seed)}, seed in [0, 2^32 − 1]. */
    public TotalVariationDistanceTest withSeed(long seed) {
        return new TotalVariationDistanceTest(permutations, seed);
    }

    public int permutations() {
        return permutations;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return "TVD";
    }

    @Override
    public String displayName() {
        return "Total-Variation-Distance";
    }

    @Override
    public ScoreKind scoreKind() {
        return ScoreKind.P_VALUE;
    }

    @Override
    public Comparison comparison() {
        return Comparison.LESS;
    }

    @Override
    public double defaultThreshold() {
        return 0.1;
    }

    @Override
    public boolean appliesTo(ColumnKind kind) {
        return true;
    }

    /** The observed TVD of aligned counts. */
    public double statistic(long[] referenceCounts, long[] currentCounts) {
        if (referenceCounts.length != currentCounts.length) {
            throw new IllegalArgumentException("counts differ in length");
        }
        long n = 0;
        long m = 0;
        for (int k = 0; k < referenceCounts.length; k++) {
            n += referenceCounts[k];
            m += currentCounts[k];
        }
        return tvd(referenceCounts, currentCounts, n, m, new double[referenceCounts.length]);
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        CategoryCounts counts = sample instanceof NumericSamples s ? s.toCategoryCounts() : (CategoryCounts) sample;
        long n = counts.referenceSize();
        long m = counts.currentSize();
        requireData(n, m);
        int keys = counts.size();
        int[] ref = new int[(int) n];
        int[] cur = new int[(int) m];
        int r = 0;
        int c = 0;
        for (int k = 0; k < keys; k++) {
            for (long i = counts.referenceCount(k); i > 0; i--) {
                ref[r++] = k;
            }
            for (long i = counts.currentCount(k); i > 0; i--) {
                cur[c++] = k;
            }
        }
        double[] result = run(ref, cur, keys);
        return TestResult.of(this, result[1], threshold, result[0], null, null);
    }

    /**
     * Evidently's p-value for rows in their original order: {@code referenceCodes} and
     * {@code currentCodes} are category codes in {@code [0, categories)}, in row order (as a
     * {@code CategoricalColumn} holds them, missing rows removed). Keys are summed in code order.
     */
    public double pValueInRowOrder(int[] referenceCodes, int[] currentCodes, int categories) {
        requireData(referenceCodes.length, currentCodes.length);
        for (int[] codes : new int[][] {referenceCodes, currentCodes}) {
            for (int code : codes) {
                if (code < 0 || code >= categories) {
                    throw new IllegalArgumentException("code " + code + " outside [0, " + categories + ")");
                }
            }
        }
        return run(referenceCodes, currentCodes, categories)[1];
    }

    /** {observed TVD, p}. */
    private double[] run(int[] ref, int[] cur, int keys) {
        int n = ref.length;
        int m = cur.length;
        int total = n + m;
        int[] pool = new int[total];
        System.arraycopy(ref, 0, pool, 0, n);
        System.arraycopy(cur, 0, pool, n, m);
        long[] all = new long[keys];
        long[] rc = new long[keys];
        long[] cc = new long[keys];
        for (int i = 0; i < n; i++) {
            rc[pool[i]]++;
        }
        for (int i = 0; i < total; i++) {
            all[pool[i]]++;
        }
        for (int k = 0; k < keys; k++) {
            cc[k] = all[k] - rc[k];
        }
        double[] terms = new double[keys];
        double observed = tvd(rc, cc, n, m, terms);

        MersenneTwister rng = new MersenneTwister(seed);
        int[] work = new int[total];
        int atLeast = 0;
        for (int round = 0; round < permutations; round++) {
            // choice(pool, n, replace=False) == pool[permutation(total)[:n]]: shuffling a copy of the pool
            // performs the same swaps as shuffling arange(total) and indexing.
            System.arraycopy(pool, 0, work, 0, total);
            rng.shuffle(work, total);
            java.util.Arrays.fill(rc, 0);
            for (int i = 0; i < n; i++) {
                rc[work[i]]++;
            }
            for (int k = 0; k < keys; k++) {
                cc[k] = all[k] - rc[k];
            }
            if (observed <= tvd(rc, cc, n, m, terms)) {
                atLeast++;
            }
        }
        return new double[] {observed, (double) atLeast / permutations};
    }

    private static double tvd(long[] rc, long[] cc, long n, long m, double[] terms) {
        double dn = n;
        double dm = m;
        for (int k = 0; k < rc.length; k++) {
            terms[k] = Math.abs(rc[k] / dn - cc[k] / dm);
        }
        return 0.5 * PairwiseSummation.sum(terms, 0, terms.length);
    }

    private static void requireData(long n, long m) {
        if (n == 0 || m == 0) {
            throw new InsufficientDataException("TVD needs at least one value on each side, got " + n
                    + " reference and " + m + " current values");
        }
        if (n + m > Integer.MAX_VALUE - 8) {
            throw new InapplicableTestException("TVD's permutation test supports at most " + (Integer.MAX_VALUE - 8)
                    + " values");
        }
    }
}
