package io.driftwatch.multivariate;

import io.driftwatch.stats.InsufficientDataException;
import java.util.SplittableRandom;

/**
 * Stratified k-fold test-fold labels for a two-class target, as scikit-learn's
 * {@code StratifiedKFold._make_test_folds} draws them (scikit-learn 1.2): classes are numbered in
 * order of first appearance; the target sorted by that number is dealt round-robin into k folds,
 * which fixes how many rows of each class each fold tests; then each class's rows, in order, get
 * fold 0 for its first share, fold 1 for the next, and so on (or those labels shuffled, for
 * {@link FoldAssignment#SHUFFLED}).
 *
 * <p>Thread-safe: stateless.
 */
final class StratifiedFolds {
    private StratifiedFolds() {
    }

    /**
     * The test fold of each row.
     *
     * @param y the class of each row, 0 or 1
     * @param k the number of folds, at least 2
     * @throws InsufficientDataException when both classes have fewer than {@code k} rows (scikit-learn raises too)
     */
    static int[] testFolds(int[] y, int k, FoldAssignment assignment, long seed) {
        int n = y.length;
        int first = n > 0 ? y[0] : 0;
        int[] counts = new int[2]; // by order of appearance: [first class, the other]
        for (int value : y) {
            counts[value == first ? 0 : 1]++;
        }
        if (counts[0] < k && counts[1] < k) {
            throw new InsufficientDataException("the domain classifier's " + k + " folds need at least " + k
                    + " rows of the reference or of the chunk; they have " + (first == 0 ? counts[0] : counts[1])
                    + " and " + (first == 0 ? counts[1] : counts[0]));
        }
        int[][] allocation = new int[k][2];
        for (int p = 0; p < n; p++) { // y sorted by class number, dealt round-robin
            allocation[p % k][p < counts[0] ? 0 : 1]++;
        }
        int[] folds = new int[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int cls = 0; cls < 2; cls++) {
            int[] labels = new int[counts[cls]];
            int at = 0;
            for (int f = 0; f < k; f++) {
                for (int j = 0; j < allocation[f][cls]; j++) {
                    labels[at++] = f;
                }
            }
            if (assignment == FoldAssignment.SHUFFLED) {
                for (int i = labels.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = labels[i];
                    labels[i] = labels[j];
                    labels[j] = t;
                }
            }
            int next = 0;
            for (int i = 0; i < n; i++) {
                if ((y[i] == first) == (cls == 0)) {
                    folds[i] = labels[next++];
                }
            }
        }
        return folds;
    }
}
