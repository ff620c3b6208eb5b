package io.driftwatch.stats;

import io.driftwatch.data.DoubleRadixSort;

/**
 * Two ranking metrics of binary scores against binary labels, with scikit-learn's semantics:
 * {@code roc_auc_score} (the area under the ROC curve whose points are the distinct score
 * thresholds, so tied scores count half, as a Mann-Whitney U statistic) and
 * {@code average_precision_score} ({@code Σ (R_i − R_{i−1}) · P_i} over the distinct thresholds in
 * descending order, no interpolation).
 *
 * <p>Computed by sorting the positives' and the negatives' scores separately and merging them from
 * the top, so no index sort and no per-row objects. NaN scores are not allowed (the callers check).
 *
 * <p>Thread-safe: stateless.
 */
public final class RankingScores {
    private RankingScores() {
    }

    /**
     * scikit-learn's {@code roc_auc_score(y, scores)} for {@code n} rows; NaN when only one class is
     * present (scikit-learn raises there).
     *
     * @param scores the scores, higher meaning more likely positive
     * @param positive whether each row is positive
     */
    public static double rocAuc(double[] scores, boolean[] positive, int n) {
        double[][] split = split(scores, positive, n);
        return rocAuc(split[0], split[1]);
    }

    /**
     * {@link #rocAuc} and {@link #averagePrecision} at once, sorting the scores once:
     * {@code {roc_auc, average_precision}}.
     */
    public static double[] rocAucAndAveragePrecision(double[] scores, boolean[] positive, int n) {
        double[][] split = split(scores, positive, n);
        return new double[] {rocAuc(split[0], split[1]), averagePrecision(split[0], split[1])};
    }

    private static double rocAuc(double[] pos, double[] neg) {
        if (pos.length == 0 || neg.length == 0) {
            return Double.NaN;
        }
        // Σ over positives of (#neg below + ½ #neg tied), walking both ascending
        double u = 0;
        int j = 0;
        int i = 0;
        while (i < pos.length) {
            double s = pos[i];
            int samePos = i;
            while (samePos < pos.length && pos[samePos] == s) {
                samePos++;
            }
            while (j < neg.length && neg[j] < s) {
                j++;
            }
            int tied = j;
            while (tied < neg.length && neg[tied] == s) {
                tied++;
            }
            u += (samePos - i) * (j + 0.5 * (tied - j));
            i = samePos;
        }
        return u / ((double) pos.length * neg.length);
    }

    /**
     * scikit-learn's {@code average_precision_score(y, scores)} for {@code n} rows; NaN when no row
     * is positive (scikit-learn warns and returns a meaningless value there).
     */
    public static double averagePrecision(double[] scores, boolean[] positive, int n) {
        double[][] split = split(scores, positive, n);
        return averagePrecision(split[0], split[1]);
    }

    private static double averagePrecision(double[] pos, double[] neg) {
        if (pos.length == 0) {
            return Double.NaN;
        }
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        double ap = 0;
        double lastRecall = 0;
        while (i >= 0) { // thresholds after the last positive add no recall
            double s = Math.max(pos[i], j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == s) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == s) {
                fp++;
                j--;
            }
            double recall = (double) tp / pos.length;
            ap += (recall - lastRecall) * ((double) tp / (tp + fp));
            lastRecall = recall;
        }
        return ap;
    }

    private static double[][] split(double[] scores, boolean[] positive, int n) {
        int p = 0;
        for (int r = 0; r < n; r++) {
            if (positive[r]) {
                p++;
            }
        }
        double[] pos = new double[p];
        double[] neg = new double[n - p];
        int a = 0;
        int b = 0;
        for (int r = 0; r < n; r++) {
            if (positive[r]) {
                pos[a++] = scores[r];
            } else {
                neg[b++] = scores[r];
            }
        }
        DoubleRadixSort.sort(pos, pos.length);
        DoubleRadixSort.sort(neg, neg.length);
        return new double[][] {pos, neg};
    }
}
