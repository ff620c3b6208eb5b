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
     * The scores {@code scores[0, n)} of the rows whose class is {@code code} and of the others, each
     * sorted ascending: {@code {positives, negatives}}.
     */
    static double[][] splitSorted(double[] scores, int[] truth, int n, int code, int positives) {
        double[] pos = new double[positives];
        double[] neg = new double[n - positives];
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
        return new double[][] {pos, neg};
    }

    /**
     * {@code 1 − x} of the sorted {@code sorted[0, length)}, sorted ascending: the values reversed.
     * Subtraction from 1 is monotone (never reorders, may merge neighbours into ties), so the
     * complement column's sorted scores come from the column's without another sort.
     */
    static double[] complementOfSorted(double[] sorted, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = 1.0 - sorted[length - 1 - i];
        }
        return out;
    }
}
