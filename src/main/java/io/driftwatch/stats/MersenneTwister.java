package io.driftwatch.stats;

/**
 * The MT19937 Mersenne Twister with the draws of NumPy's legacy {@code RandomState}, so that a
 * permutation test seeded like {@code np.random.seed(s)} sees the same random stream as Evidently.
 *
 * <ul>
 *   <li>{@link #MersenneTwister(long)}: Matsumoto &amp; Nishimura's {@code init_genrand}, which is what
 *       {@code np.random.seed(int)} does for an integer seed in {@code [0, 2^32)};</li>
 *   <li>{@link #nextDouble()}: {@code random_sample()}, 53 bits from two 32-bit outputs
 *       ({@code (a >>> 5) * 2^26 + (b >>> 6)} divided by {@code 2^53});</li>
 *   <li>{@link #nextInterval(int)}: NumPy's {@code random_interval(max)}, rejection sampling of
 *       32-bit outputs masked to the smallest all-ones mask covering {@code max};</li>
 *   <li>{@link #shuffle(int[], int)}: the legacy {@code shuffle} (Fisher-Yates from the last index
 *       down to 1, swap {@code i} with {@code random_interval(i)}), hence {@code permutation(n)} and
 *       {@code choice(n, k, replace=False)} = {@code permutation(n)[:k]};</li>
 *   <li>{@link #choice(double[], int)}: {@code choice(len(p), size, p=p)} with replacement, one
 *       {@code random_sample()} per draw looked up in the normalised cumulative sum of {@code p}
 *       (Evidently's dummy classifier draws its labels this way).</li>
 * </ul>
 *
 * Reference: M. Matsumoto, T. Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed
 * uniform pseudo-random number generator", ACM TOMACS 8(1), 1998, doi:10.1145/272991.272995.
 * Deliberately low-level: int arithmetic with unsigned shifts, no allocation per draw.
 *
 * <p>Public for the quality analysis's dummy baseline ({@link #MersenneTwister(long)},
 * {@link #nextDouble()}, {@link #choice(double[], int)}) and CBPE's seeded bootstrap of the average
 * precision ({@link #nextInterval(int)}, NumPy's {@code randint(0, n)} draw); the other draws serve
 * this package's splits and tests.
 *
 * <p>Not thread-safe: mutable state; each test run creates its own instance.
 */
public final class MersenneTwister {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /**
     * A generator in the state {@code np.random.seed(seed)} leaves.
     *
     * @param seed in {@code [0, 2^32 - 1]}, as NumPy requires
     */
    public MersenneTwister(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output as an int (use {@code & 0xffffffffL} for the unsigned value). */
    int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** NumPy's legacy {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        int a = nextInt32() >>> 5;
        int b = nextInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * NumPy's {@code random_interval(max)}: uniform on {@code [0, max]} by masking 32-bit outputs
     * and rejecting values above {@code max}; consumes no output when {@code max == 0}.
     */
    public int nextInterval(int max) {
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = nextInt32() & mask;
        } while (Integer.compareUnsigned(value, max) > 0);
        return value;
    }

    /**
     * Shuffles {@code a[0..length)} in place exactly as NumPy's legacy {@code shuffle} does for a
     * one-dimensional array: for {@code i = length-1} down to 1, swap {@code a[i]} with
     * {@code a[random_interval(i)]}.
     */
    void shuffle(int[] a, int length) {
        for (int i = length - 1; i > 0; i--) {
            int j = nextInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** NumPy's legacy {@code permutation(n)}: a shuffled {@code arange(n)}. */
    int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, n);
        return a;
    }

    /**
     * NumPy's legacy {@code choice(len(p), size, replace=True, p=p)}: {@code cdf = cumsum(p)} (in
     * order), divided by its last element, then for each of {@code size} draws of
     * {@code random_sample()} the index {@code searchsorted(cdf, u, side="right")}: the number of
     * cumulative shares at or below {@code u}.
     *
     * @param p the probability of each index, non-negative and summing to 1 (NumPy checks the sum
     *     within {@code sqrt(eps)}; so does this method)
     * @param size the number of draws
     * @return the drawn indexes, in draw order
     */
    public int[] choice(double[] p, int size) {
        int k = p.length;
        if (k == 0) {
            throw new IllegalArgumentException("no probabilities to choose from");
        }
        double[] cdf = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (!(p[i] >= 0)) {
                throw new IllegalArgumentException("probabilities must be non-negative, got " + p[i]);
            }
            sum += p[i];
            cdf[i] = sum;
        }
        if (Math.abs(sum - 1.0) > Math.sqrt(Math.ulp(1.0))) {
            throw new IllegalArgumentException("probabilities do not sum to 1 (" + sum + ")");
        }
        double last = cdf[k - 1];
        for (int i = 0; i < k; i++) {
            cdf[i] /= last;
        }
        int[] out = new int[size];
        for (int d = 0; d < size; d++) {
            double u = nextDouble();
            int lo = 0;
            int hi = k;
            while (lo < hi) { // first index whose cumulative share exceeds u
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] <= u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[d] = lo;
        }
        return out;
    }

    private void twist() {
        int[] s = mt;
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (s[kk] & UPPER_MASK) | (s[kk + 1] & LOWER_MASK);
            s[kk] = s[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (s[kk] & UPPER_MASK) | (s[kk + 1] & LOWER_MASK);
            s[kk] = s[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
        s[N - 1] = s[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        index = 0;
    }
}
