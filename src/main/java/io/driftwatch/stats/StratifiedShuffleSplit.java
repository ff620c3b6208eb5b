package io.driftwatch.stats;

import java.util.Arrays;

/**
 * scikit-learn's {@code StratifiedShuffleSplit(n_splits, test_size, random_state)}: repeated
 * random train/test splits that keep each class's share, drawing exactly the random numbers
 * scikit-learn 1.2 draws from NumPy's legacy {@code RandomState(random_state)}, so that the same
 * labels and seed give the same index sets.
 *
 * <p>Per split (scikit-learn's {@code _iter_indices}): {@code n_test = ceil(test_size · n)},
 * {@code n_train = n − n_test}; the classes are the sorted distinct labels, each class's rows in
 * ascending order; {@code _approximate_mode} shares {@code n_train} and then {@code n_test} between
 * the classes (floor of the proportional share, then one more to the classes with the largest
 * remainders, ties broken by {@code rng.choice(…, replace=False)}, that is a
 * {@code permutation}); each class's rows are permuted, the first {@code n_i} go to train and the
 * next {@code t_i} to test; finally train and test are each permuted.
 *
 * <p>NannyML runs it with 10 splits, {@code test_size=0.1}, {@code random_state=42} in
 * {@code nannyml.calibration.needs_calibration}.
 *
 * <p>Thread-safe: stateless.
 */
public final class StratifiedShuffleSplit {
    private StratifiedShuffleSplit() {
    }

    /** One split: row indices, in scikit-learn's order. */
    public record Split(int[] train, int[] test) {
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }
    }

    /**
     * The splits of {@code labels}.
     *
     * @param labels one class label per row (any ints; only their order and equality matter)
     * @param splits number of splits ({@code n_splits})
     * @param testShare the test share in (0, 1) ({@code test_size} as a float)
     * @param seed NumPy's seed, in {@code [0, 2^32)}
     * @throws InsufficientDataException as scikit-learn raises: a class with fewer than 2 rows, or
     *     fewer train or test rows than classes
     */
    public static Split[] split(int[] labels, int splits, double testShare, long seed) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, got " + splits);
        }
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("test share must be in (0, 1), got " + testShare);
        }
        int n = labels.length;
        int nTest = (int) Math.ceil(testShare * n);
        int nTrain = n - nTest;
        int[] classes = distinctSorted(labels);
        int k = classes.length;
        int[] classOf = new int[n];
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            int c = Arrays.binarySearch(classes, labels[i]);
            classOf[i] = c;
            counts[c]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] < 2) {
                throw new InsufficientDataException("the least populated class has only " + counts[c]
                        + " row, too few for a stratified split (at least 2 are needed)");
            }
        }
        if (nTrain < k || nTest < k) {
            throw new InsufficientDataException("a stratified split of " + n + " rows into " + nTrain + " train and "
                    + nTest + " test rows cannot hold all " + k + " classes on both sides");
        }
        int[][] rowsOfClass = new int[k][];
        int[] filled = new int[k];
        for (int c = 0; c < k; c++) {
            rowsOfClass[c] = new int[(int) counts[c]];
        }
        for (int i = 0; i < n; i++) {
            int c = classOf[i];
            rowsOfClass[c][filled[c]++] = i;
        }
        MersenneTwister rng = new MersenneTwister(seed);
        Split[] out = new Split[splits];
        for (int s = 0; s < splits; s++) {
            long[] trainCounts = approximateMode(counts, nTrain, rng);
            long[] remaining = new long[k];
            for (int c = 0; c < k; c++) {
                remaining[c] = counts[c] - trainCounts[c];
            }
            long[] testCounts = approximateMode(remaining, nTest, rng);
            int[] train = new int[nTrain];
            int[] test = new int[nTest];
            int tr = 0;
            int te = 0;
            for (int c = 0; c < k; c++) {
                int[] permutation = rng.permutation((int) counts[c]);
                int[] rows = rowsOfClass[c];
                int ni = (int) trainCounts[c];
                int ti = (int) testCounts[c];
                for (int j = 0; j < ni; j++) {
                    train[tr++] = rows[permutation[j]];
                }
                for (int j = ni; j < ni + ti; j++) {
                    test[te++] = rows[permutation[j]];
                }
            }
            rng.shuffle(train, tr);
            rng.shuffle(test, te);
            out[s] = new Split(train, test);
        }
        return out;
    }

    /** scikit-learn's {@code _approximate_mode(class_counts, n_draws, rng)}. */
    static long[] approximateMode(long[] classCounts, int draws, MersenneTwister rng) {
        int k = classCounts.length;
        long total = 0;
        for (long c : classCounts) {
            total += c;
        }
        double[] continuous = new double[k];
        long[] floored = new long[k];
        double flooredSum = 0;
        for (int c = 0; c < k; c++) {
            continuous[c] = (double) classCounts[c] / total * draws;
            floored[c] = (long) Math.floor(continuous[c]);
            flooredSum += Math.floor(continuous[c]);
        }
        int needToAdd = (int) (draws - flooredSum);
        if (needToAdd > 0) {
            double[] remainder = new double[k];
            for (int c = 0; c < k; c++) {
                remainder[c] = continuous[c] - Math.floor(continuous[c]);
            }
            double[] values = remainder.clone();
            Arrays.sort(values);
            for (int v = values.length - 1; v >= 0 && needToAdd > 0; v--) {
                if (v < values.length - 1 && values[v] == values[v + 1]) {
                    continue; // np.unique: each value once, largest first
                }
                double value = values[v];
                int m = 0;
                int[] inds = new int[k];
                for (int c = 0; c < k; c++) {
                    if (remainder[c] == value) {
                        inds[m++] = c;
                    }
                }
                int addNow = Math.min(m, needToAdd);
                int[] permutation = rng.permutation(m); // choice(inds, add_now, replace=False)
                for (int j = 0; j < addNow; j++) {
                    floored[inds[permutation[j]]]++;
                }
                needToAdd -= addNow;
            }
        }
        return floored;
    }

    private static int[] distinctSorted(int[] labels) {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }
}
