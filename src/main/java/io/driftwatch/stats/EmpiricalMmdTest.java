package io.driftwatch.stats;

import java.util.Arrays;

/**
 * Maximum mean discrepancy with a Gaussian (RBF) kernel and a permutation p-value: Evidently's
 * {@code empirical_mmd}.
 *
 * <p>Definition: squared distances are computed as Evidently does,
 * {@code d(a, b) = (b² − 2·a·b) + a²} (not {@code (a − b)²}: the expanded form rounds differently,
 * which matters for data with a tiny spread). The bandwidth comes from the reference only:
 * {@code σ = sqrt(0.5 · v)} with {@code v} the NumPy {@code percentile(·, 50, method="nearest")} of
 * all {@code n²} reference distances (zero diagonal included), and {@code σ = sqrt(0.5)} when that is
 * 0. Kernel {@code k(a, b) = exp(−d(a, b)/(2σ²))} over the pooled values, diagonal set to 0. With
 * {@code S_RR}, {@code S_CC} the kernel sums within reference and current and {@code S_CR} the cross
 * sum,
 * <pre>
 *   MMD = S_RR/(n(n−1)) + S_CC/(m(m−1)) − 2·S_CR/(n·m)
 * </pre>
 * The score is {@code p = #{permutations with MMD_perm ≥ MMD} / permutations}, where a permutation
 * relabels the pooled values (NumPy's legacy {@code permutation(N)}: the first {@code n} indices
 * become the reference). Drift when {@code p < threshold} (default 0.1). The statistic is the
 * observed MMD.
 *
 * <p>Randomness: Evidently draws from NumPy's global generator without seeding it, so its p-value
 * changes run to run. Driftwatch seeds a {@link MersenneTwister} like {@code np.random.seed(seed)},
 * default 12345 (the seed the oracle generator set before each call) and 100 permutations
 * (Evidently's count). Because Driftwatch's samples are sorted while Evidently permutes rows in their
 * original order, the realisation differs from Evidently's even with the same seed; the statistic
 * agrees to rounding.
 *
 * <p>Cost: O(N²) time for the kernel ({@code N = n + m}; about N² exponentials) and the
 * permutations (each sums the kernel over pairs of the smaller relabelled group, deriving the other
 * sums from precomputed row sums); O(N²/2) memory for the symmetrised kernel, so the pooled size is
 * limited to {@value #MAX_POOLED_SIZE} values (1.6 GB) — beyond that the test throws
 * {@link InapplicableTestException}. The bandwidth percentile is found by a counting pass over a
 * bracket from a sample of the distances, without materialising all {@code n²} of them.
 *
 * <p>Reference: A. Gretton, K. M. Borgwardt, M. J. Rasch, B. Schölkopf, A. Smola, "A kernel
 * two-sample test", JMLR 13, 2012, https://jmlr.org/papers/v13/gretton12a.html (no DOI).
 *
 * <p>Edge cases: a side with fewer than 2 values throws {@link InsufficientDataException} (Evidently
 * divides by {@code n(n−1) = 0}); constant data use {@code σ = sqrt(0.5)}; identical constant samples
 * give a kernel of ones, every permuted MMD ties the observed one and {@code p = 1}. Categorical
 * columns: {@link InapplicableTestException}.
 *
 * <p>Thread-safe: immutable; each run uses its own generator and buffers.
 */
public final class EmpiricalMmdTest implements DriftTest {
    /** Evidently's number of permutations. */
    public static final int DEFAULT_PERMUTATIONS = 100;
    /** The seed the oracle generator set before each Evidently call. */
    public static final long DEFAULT_SEED = 12345;
    /** Largest pooled size {@code n + m} the O(N²)-memory kernel is built for. */
    public static final int MAX_POOLED_SIZE = 20_000;

    private static final EmpiricalMmdTest DEFAULTS = new EmpiricalMmdTest(DEFAULT_PERMUTATIONS, DEFAULT_SEED);
    /** Up to this many reference distances, the bandwidth percentile is taken from all of them. */
    private static final int DIRECT_SELECTION_LIMIT = 1 << 20;
    private static final int SELECTION_SAMPLE = 1 << 16;

    private final int permutations;
    private final long seed;

    private EmpiricalMmdTest(int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be positive, got " + permutations);
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], got " + seed);
        }
        this.permutations = permutations;
        this.seed = seed;
    }

    /** 100 permutations (Evidently's count), seed 12345. */
    public static EmpiricalMmdTest withDefaults() {
        return DEFAULTS;
    }

    /** This test with {@code permutations} rounds (at least 1). */
    public EmpiricalMmdTest withPermutations(int permutations) {
        return new EmpiricalMmdTest(permutations, seed);
    }

    /** This test with the generator seeded like {@code np.random.seed(seed)}, seed in [0, 2^32 − 1]. */
    public EmpiricalMmdTest withSeed(long seed) {
        return new EmpiricalMmdTest(permutations, seed);
    }

    public int permutations() {
        return permutations;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return "empirical_mmd";
    }

    @Override
    public String displayName() {
        return "empirical_mmd";
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
        return kind == ColumnKind.NUMERICAL;
    }

    /** The observed MMD of two samples (any order). */
    public double statistic(double[] reference, double[] current) {
        return new Kernel(reference, current).observedMmd();
    }

    /**
     * The permutation p-value of two samples in any order. The permutations relabel positions, so
     * the p-value depends on the order: with the rows in their original order and seed 12345 it
     * reproduces the oracle's Evidently runs (up to ties decided by rounding).
     */
    public double pValue(double[] reference, double[] current) {
        return run(reference, current)[1];
    }

    @Override
    public TestResult test(ColumnSample sample, double threshold) {
        if (!(sample instanceof NumericSamples s)) {
            throw new InapplicableTestException("empirical_mmd applies to numerical columns only");
        }
        double[] result = run(s.reference(), s.current());
        return TestResult.of(this, result[1], threshold, result[0], null, null);
    }

    /** {observed MMD, p}. */
    private double[] run(double[] reference, double[] current) {
        Kernel kernel = new Kernel(reference, current);
        double observed = kernel.observedMmd();
        int atLeast = kernel.permutationsAtLeast(observed, permutations, new MersenneTwister(seed));
        return new double[] {observed, (double) atLeast / permutations};
    }

    /** Evidently's squared distance between a row value {@code a} and a column value {@code b}. */
    static double distance(double a, double b) {
        return (b * b - 2 * (a * b)) + a * a;
    }

    /**
     * Evidently's bandwidth: {@code sqrt(0.5 · nearest-median of all n² reference distances)}, or
     * {@code sqrt(0.5)} when that median is 0.
     */
    static double bandwidth(double[] x) {
        int n = x.length;
        long total = (long) n * n;
        long k = (long) Math.rint((total - 1) * 0.5);
        double median = total <= DIRECT_SELECTION_LIMIT ? selectAll(x, (int) k) : selectByBracket(x, k);
        double sigma = Math.pow(0.5 * median, 0.5);
        return sigma == 0 ? Math.sqrt(0.5) : sigma;
    }

    private static double selectAll(double[] x, int k) {
        int n = x.length;
        double[] d = new double[n * n];
        int p = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i];
            for (int j = 0; j < n; j++) {
                d[p++] = distance(a, x[j]);
            }
        }
        Arrays.sort(d);
        return d[k];
    }

    /**
     * The k-th smallest of the n² reference distances without storing them: a strided sample gives
     * a bracket around rank k, one counting pass keeps only the values inside it; if rank k falls
     * outside, the bracket is opened on that side and the pass repeated.
     */
    private static double selectByBracket(double[] x, long k) {
        int n = x.length;
        long total = (long) n * n;
        long stride = Math.max(1, total / SELECTION_SAMPLE);
        int size = (int) ((total + stride - 1) / stride);
        double[] sample = new double[size];
        int s = 0;
        for (long f = 0; f < total && s < size; f += stride) {
            sample[s++] = distance(x[(int) (f / n)], x[(int) (f % n)]);
        }
        Arrays.sort(sample, 0, s);
        int centre = (int) Math.min(s - 1, (double) k / total * s);
        int margin = (int) (4 * Math.sqrt(s)) + 16;
        double lo = sample[Math.max(0, centre - margin)];
        double hi = sample[Math.min(s - 1, centre + margin)];
        while (true) {
            long below = 0;
            int inside = 0;
            double[] buffer = new double[1024];
            for (int i = 0; i < n; i++) {
                double a = x[i];
                for (int j = 0; j < n; j++) {
                    double d = distance(a, x[j]);
                    if (d < lo) {
                        below++;
                    } else if (d <= hi) {
                        if (inside == buffer.length) {
                            buffer = Arrays.copyOf(buffer, buffer.length * 2);
                        }
                        buffer[inside++] = d;
                    }
                }
            }
            if (k < below) {
                lo = Double.NEGATIVE_INFINITY;
            } else if (k >= below + inside) {
                hi = Double.POSITIVE_INFINITY;
            } else {
                Arrays.sort(buffer, 0, inside);
                return buffer[(int) (k - below)];
            }
        }
    }

    /**
     * The zero-diagonal kernel of the pooled sample (reference first), stored as the upper triangle of
     * {@code K + Kᵀ} with its row sums, and the sums the statistic needs.
     */
    private static final class Kernel {
        private final int n;
        private final int m;
        private final int size;
        private final double[] pairs;     // pairs[base[i] + j] = K[i][j] + K[j][i], i < j
        private final int[] base;
        private final double[] rowSums;   // Σ_{j≠i} pairs(i, j)
        private final double total;       // Σ_{i<j} pairs(i, j)

        Kernel(double[] x, double[] y) {
            n = x.length;
            m = y.length;
            if (n < 2 || m < 2) {
                throw new InsufficientDataException("empirical_mmd needs at least 2 values on each side, got "
                        + n + " reference and " + m + " current values");
            }
            if ((long) n + m > MAX_POOLED_SIZE) {
                throw new InapplicableTestException("empirical_mmd needs O(N²) memory and supports at most "
                        + MAX_POOLED_SIZE + " pooled values, got " + ((long) n + m) + "; test a subsample");
            }
            size = n + m;
            double sigma = bandwidth(x);
            double negGamma = -(1.0 / (2.0 * (sigma * sigma)));
            base = new int[size];
            for (int i = 0; i < size; i++) {
                base[i] = (int) ((long) i * size - (long) i * (i + 1) / 2 - i - 1);
            }
            pairs = new double[(int) ((long) size * (size - 1) / 2)];
            rowSums = new double[size];
            double[] v = new double[size];
            System.arraycopy(x, 0, v, 0, n);
            System.arraycopy(y, 0, v, n, m);
            double[] p = pairs;
            double[] rows = rowSums;
            double all = 0;
            for (int i = 0; i < size; i++) {
                double a = v[i];
                double a2 = a * a;
                int b0 = base[i];
                int blockEnd = i < n ? n : size;
                double rowAcc = 0;
                // Same side: K[i][j] and K[j][i] round differently in Evidently's expanded distance.
                for (int j = i + 1; j < blockEnd; j++) {
                    double b = v[j];
                    double ab2 = 2 * (a * b);
                    double b2 = b * b;
                    double dij = (b2 - ab2) + a2;
                    double dji = (a2 - ab2) + b2;
                    double kij = Math.exp(negGamma * dij);
                    double pair = kij + (dji == dij ? kij : Math.exp(negGamma * dji));
                    p[b0 + j] = pair;
                    rowAcc += pair;
                    rows[j] += pair;
                }
                // Reference i against current j: both blocks hold Evidently's kxy[i][j'] = exp(−γ·((y² − 2xy) + x²)).
                for (int j = blockEnd; j < size; j++) {
                    double b = v[j];
                    double k = Math.exp(negGamma * ((b * b - 2 * (a * b)) + a2));
                    double pair = k + k;
                    p[b0 + j] = pair;
                    rowAcc += pair;
                    rows[j] += pair;
                }
                rows[i] += rowAcc;
                all += rowAcc;
            }
            total = all;
        }

        /**
         * The MMD of the unpermuted labelling, computed by the same code as every permuted one, so that
         * a permutation that reproduces the observed grouping (or, when n = m, swaps it) ties exactly.
         */
        double observedMmd() {
            boolean[] inRef = new boolean[size];
            Arrays.fill(inRef, 0, n, true);
            return mmd(inRef, new int[Math.max(n, m)]);
        }

        /** How many of {@code rounds} random relabellings give an MMD of at least {@code observed}. */
        int permutationsAtLeast(double observed, int rounds, MersenneTwister rng) {
            int[] order = new int[size];
            boolean[] inRef = new boolean[size];
            int[] members = new int[Math.max(n, m)];
            int count = 0;
            for (int round = 0; round < rounds; round++) {
                // np.random.permutation(N): a fresh arange shuffled; its first n entries are the new reference.
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                rng.shuffle(order, size);
                Arrays.fill(inRef, false);
                for (int i = 0; i < n; i++) {
                    inRef[order[i]] = true;
                }
                if (observed <= mmd(inRef, members)) {
                    count++;
                }
            }
            return count;
        }

        /**
         * MMD of a labelling. The within-group sums are taken over member pairs in ascending index order;
         * when n ≠ m only the smaller group's is summed and the larger one's is derived as
         * {@code total − Σ row sums of the smaller group + its within sum}. The cross sum is
         * {@code (total − (within_R + within_C)) / 2}, symmetric in the two groups.
         */
        private double mmd(boolean[] inRef, int[] members) {
            double rr;
            double cc;
            if (n == m) {
                rr = withinSum(members, gather(inRef, true, members));
                cc = withinSum(members, gather(inRef, false, members));
            } else {
                boolean smallRef = n < m;
                int g = gather(inRef, smallRef, members);
                double groupRowSums = 0;
                for (int a = 0; a < g; a++) {
                    groupRowSums += rowSums[members[a]];
                }
                double within = withinSum(members, g);
                double other = total - groupRowSums + within;
                rr = smallRef ? within : other;
                cc = smallRef ? other : within;
            }
            double cr = (total - (rr + cc)) / 2;
            double a = 1.0 / ((double) n * (n - 1));
            double b = 1.0 / ((double) m * (m - 1));
            return a * rr + b * cc - 2.0 * (cr / ((double) n * m));
        }

        /** Writes the indices with {@code inRef[i] == ref} to {@code members} in ascending order. */
        private int gather(boolean[] inRef, boolean ref, int[] members) {
            int g = 0;
            for (int i = 0; i < size; i++) {
                if (inRef[i] == ref) {
                    members[g++] = i;
                }
            }
            return g;
        }

        /** Σ pairs(i, j) over i < j both in {@code members[0..g)} (ascending). */
        private double withinSum(int[] members, int g) {
            double[] p = pairs;
            double s = 0;
            for (int a = 0; a < g - 1; a++) {
                int b0 = base[members[a]];
                // Four accumulators break the addition latency chain; the order is fixed, so equal
                // member sets give equal sums.
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int b = a + 1;
                for (; b + 3 < g; b += 4) {
                    s0 += p[b0 + members[b]];
                    s1 += p[b0 + members[b + 1]];
                    s2 += p[b0 + members[b + 2]];
                    s3 += p[b0 + members[b + 3]];
                }
                for (; b < g; b++) {
                    s0 += p[b0 + members[b]];
                }
                s += (s0 + s1) + (s2 + s3);
            }
            return s;
        }
    }
}
