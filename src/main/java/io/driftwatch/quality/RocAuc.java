package io.driftwatch.quality;

import io.driftwatch.data.DoubleRadixSort;

/**
 * The area under the ROC curve of one score column against one class (scikit-learn's
 * {@code roc_auc_score} of a binary column), computed as the Mann–Whitney statistic with ties counted
 * one half: {@code AUC = (#{(p, n): s_p > s_n} + ½·#{(p, n): s_p = s_n}) / (n₊·n₋)} over the pairs of
 * a positive and a negative row. That is exactly the trapezoidal area under the ROC curve built on
 * the distinct score thresholds (Hanley &amp; McNeil, "The meaning and use of the area under a
 * receiver operating characteristic (ROC) curve", Radiology 143(1), 1982,
 * doi:10.1148/radiology.143.1.7063747), so rounded scores with many ties give scikit-learn's value.
 *
 * <p>Cost: one radix sort of the positive and of the negative scores, then one merge; twice the
 * statistic is an exact integer (a {@code long}) and the area is one division. Undefined (NaN) when
 * there is no positive or no negative row. Scores must not be NaN.
 *
 * <p>Thread-safe: stateless.
 */
final class RocAuc {
    private RocAuc() {
    }

    /** The area from the positive scores {@code pos[0, np)} and the negative {@code neg[0, nn)}, both sorted ascending. */
    static double ofSorted(double[] pos, int np, double[] neg, int nn) {
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        long twiceU = 0;
        int j = 0;
        int i = 0;
        while (i < np) {
            double v = pos[i];
            int end = i + 1;
            while (end < np && pos[end] == v) {
                end++;
            }
            while (j < nn && neg[j] < v) {
                j++;
            }
            int tiesEnd = j;
            while (tiesEnd < nn && neg[tiesEnd] == v) {
                tiesEnd++;
            }
            twiceU += (long) (end - i) * (2L * j + (tiesEnd - j));
            i = end;
        }
        return twiceU / (2.0 * np * nn);
    }

    /**
     * The ROC AUC of {@code scores[0, n)} for the rows whose class is {@code code} (there are
     * {@code positives} of them): their scores and the others' are split into {@code pos} and
     * {@code neg} (scratch of at least {@code positives} and {@code n − positives} values, reused across
     * columns), each sorted, then merged.
     */
    static double ofColumn(double[] scores, int[] truth, int n, int code, int positives, double[] pos, double[] neg) {
        split(scores, truth, n, code, positives, pos, neg);
        return ofSorted(pos, positives, neg, n - positives);
    }

    /**
     * Splits {@code scores[0, n)} into the rows of class {@code code} ({@code pos[0, positives)}) and
     * the others ({@code neg[0, n − positives)}), each sorted ascending.
     */
    static void split(double[] scores, int[] truth, int n, int code, int positives, double[] pos, double[] neg) {
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            double s = scores[i];
            if (truth[i] == code) {
                pos[a++] = s;
            } else {
                neg[b++] = s;
            }
        }
        if (a != positives) {
            throw new IllegalStateException("expected " + positives + " rows of class " + code + ", found " + a);
        }
        DoubleRadixSort.sort(pos, a);
        DoubleRadixSort.sort(neg, b);
    }

    /**
     * The area for the scores {@code 1 − x}, where the positives' {@code x} are {@code pos[0, np)} and
     * the negatives' {@code neg[0, nn)}, both sorted ascending: the complement column of a binary
     * classifier, read from its column's sorted scores backwards. Subtraction from 1 is monotone (it
     * never reorders, it may merge neighbours into ties, which the merge compares after subtracting),
     * so no second sort is needed.
     */
    static double ofComplementOfSorted(double[] pos, int np, double[] neg, int nn) {
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        long twiceU = 0;
        int j = 0;
        int i = 0;
        while (i < np) {
            double v = 1.0 - pos[np - 1 - i];
            int end = i + 1;
            while (end < np && 1.0 - pos[np - 1 - end] == v) {
                end++;
            }
            while (j < nn && 1.0 - neg[nn - 1 - j] < v) {
                j++;
            }
            int tiesEnd = j;
            while (tiesEnd < nn && 1.0 - neg[nn - 1 - tiesEnd] == v) {
                tiesEnd++;
            }
            twiceU += (long) (end - i) * (2L * j + (tiesEnd - j));
            i = end;
        }
        return twiceU / (2.0 * np * nn);
    }
}
