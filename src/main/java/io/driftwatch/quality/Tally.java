package io.driftwatch.quality;

import io.driftwatch.stats.PairwiseSummation;

/**
 * The contingency table of true against predicted classes on one side, counted in one pass, and
 * scikit-learn 1.2's per-class precision, recall and F1 derived from it ({@code zero_division} read
 * as 0, as Evidently leaves it).
 *
 * <p>Not thread-safe while built; read-only afterwards.
 */
final class Tally {
    final int size;
    final int rows;
    private final long[] cells;
    private final long[] truthTotals;
    private final long[] predictedTotals;
    private final long correct;

    private Tally(int size, int rows, long[] cells, long[] truthTotals, long[] predictedTotals, long correct) {
        this.size = size;
        this.rows = rows;
        this.cells = cells;
        this.truthTotals = truthTotals;
        this.predictedTotals = predictedTotals;
        this.correct = correct;
    }

    /** Counts {@code (truth[i], predicted[i])} for {@code i < n}; codes lie in {@code [0, size)}. */
    static Tally of(int[] truth, int[] predicted, int n, int size) {
        long[] cells = new long[size * size];
        for (int i = 0; i < n; i++) {
            cells[truth[i] * size + predicted[i]]++;
        }
        long[] truthTotals = new long[size];
        long[] predictedTotals = new long[size];
        long correct = 0;
        for (int t = 0; t < size; t++) {
            for (int p = 0; p < size; p++) {
                long c = cells[t * size + p];
                truthTotals[t] += c;
                predictedTotals[p] += c;
            }
            correct += cells[t * size + t];
        }
        return new Tally(size, n, cells, truthTotals, predictedTotals, correct);
    }

    /** Rows whose true class is {@code c}. */
    long truthTotal(int c) {
        return truthTotals[c];
    }

    /** Whether class {@code c} occurs as a true or a predicted class (scikit-learn's {@code unique_labels}). */
    boolean present(int c) {
        return truthTotals[c] + predictedTotals[c] > 0;
    }

    /** Number of classes that occur as a true or a predicted class. */
    int presentCount() {
        int k = 0;
        for (int c = 0; c < size; c++) {
            if (present(c)) {
                k++;
            }
        }
        return k;
    }

    /** Rows predicted right. */
    long correct() {
        return correct;
    }

    /** Share of rows predicted right; NaN without rows. */
    double accuracy() {
        return (double) correct / rows;
    }

    /** TP / (TP + FP) of class {@code c}; 0 when nothing was predicted as {@code c}. */
    double precision(int c) {
        long predicted = predictedTotals[c];
        return predicted == 0 ? 0.0 : (double) cells[c * size + c] / predicted;
    }

    /** TP / (TP + FN) of class {@code c}; 0 when no row is of class {@code c}. */
    double recall(int c) {
        long actual = truthTotals[c];
        return actual == 0 ? 0.0 : (double) cells[c * size + c] / actual;
    }

    /** scikit-learn's F1 from a precision and a recall: {@code 2·P·R / (P + R)}, 0 when both are 0. */
    static double f1(double precision, double recall) {
        double denominator = precision + recall;
        if (denominator == 0) {
            denominator = 1;
        }
        return 2 * precision * recall / denominator;
    }

    /**
     * The unweighted means of precision, recall and F1 over the classes present (scikit-learn's
     * {@code average="macro"}, NumPy's pairwise mean), the classes taken in {@code sortedCodes} order.
     */
    double[] macro(int[] sortedCodes) {
        double[] p = new double[sortedCodes.length];
        double[] r = new double[sortedCodes.length];
        double[] f = new double[sortedCodes.length];
        int k = 0;
        for (int c : sortedCodes) {
            if (!present(c)) {
                continue;
            }
            p[k] = precision(c);
            r[k] = recall(c);
            f[k] = f1(p[k], r[k]);
            k++;
        }
        return new double[] {PairwiseSummation.mean(p, 0, k), PairwiseSummation.mean(r, 0, k),
                PairwiseSummation.mean(f, 0, k)};
    }

    /** The counts of the classes {@code codes} against each other (rows of other classes left out). */
    long[] confusion(int[] codes) {
        int k = codes.length;
        long[] out = new long[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = cells[codes[i] * size + codes[j]];
            }
        }
        return out;
    }
}
