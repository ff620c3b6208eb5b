package io.driftwatch.multivariate;

import java.util.Arrays;

/**
 * The area under the ROC curve of scores for a two-class target, as scikit-learn's
 * {@code roc_auc_score} (trapezoidal rule) computes it: equal to the Mann–Whitney statistic
 * {@code (R₁ − n₁(n₁ + 1)/2) / (n₁ n₀)} with tied scores given their mid-rank, i.e. counted half.
 *
 * <p>Thread-safe: stateless.
 */
final class RocAuc {
    private RocAuc() {
    }

    /**
     * The AUC of {@code scores} for the positives {@code y == 1}; 0.5 when one class is absent
     * (NannyML's convention: nothing to tell apart).
     */
    static double of(double[] scores, int[] y) {
        int n = scores.length;
        int[] order = sortedIndices(scores);
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks i+1 … j+1
            for (int t = i; t <= j; t++) {
                if (y[order[t]] == 1) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Row indices sorted by score (ties by index): one sort of the scores, then each row placed at the next free slot of its value. */
    private static int[] sortedIndices(double[] scores) {
        int n = scores.length;
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        // a stable counting placement: for each score, its first free slot among equal sorted values
        int[] order = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            int slot = lowerBound(sorted, scores[i]);
            int at = slot + next[slot]++;
            order[at] = i;
        }
        return order;
    }

    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
