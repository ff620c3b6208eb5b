package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import java.util.Arrays;

/**
 * Builds a class's ROC and precision-recall curves ({@link QualityCharts.Curves}) from its scores
 * already split and sorted for {@link RocAuc}: one merge down both sorted arrays from the highest
 * score, one threshold per distinct score, keeping a threshold when it moves the ROC point far enough
 * from the last kept one (see {@link QualityCharts.Curves}). No sort of its own: O(n) after the ROC
 * AUC's sort, and at most {@code cap} points out.
 *
 * <p>Thread-safe: stateless.
 */
final class ThresholdCurves {
    private ThresholdCurves() {
    }

    /**
     * The curves of the scores {@code pos[0, np)} of the class's rows against the others' {@code neg[0, nn)},
     * both sorted ascending; with {@code complement} the scores are {@code 1 − x} of those arrays (the other
     * column of a binary classifier, read backwards as {@link RocAuc#ofComplementOfSorted} does).
     *
     * @param cap the most points of each curve, at least 3
     * @throws IllegalArgumentException when either side has no row (the curves are undefined) or the cap is below 3
     */
    static QualityCharts.Curves of(ClassLabel label, double rocAuc, double[] pos, int np, double[] neg, int nn,
            boolean complement, int cap) {
        if (np <= 0 || nn <= 0) {
            throw new IllegalArgumentException("curves need rows of the class and others: " + np + " and " + nn);
        }
        if (cap < 3) {
            throw new IllegalArgumentException("a curve needs room for at least 3 points, not " + cap);
        }
        // a kept threshold moves the point by at least `step`; the curve is 2 long, so at most cap − 2 are kept
        // that way, plus the start and the last threshold (the margin absorbs rounding in the sum of the moves)
        double step = 2.0 / (cap - 2) * (1 + 1e-9);
        double[] fpr = new double[cap];
        double[] tpr = new double[cap];
        double[] precision = new double[cap];
        int kept = 1; // (0, 0), where precision is scikit-learn's 1
        precision[0] = 1;
        double lastFpr = 0;
        double lastTpr = 0;
        int a = 0;
        int b = 0;
        double pInv = 1.0 / np;
        double nInv = 1.0 / nn;
        // the next (highest unread) score of each side; −∞ once a side is read (scores are finite)
        double nextPos = score(pos, np, 0, complement);
        double nextNeg = score(neg, nn, 0, complement);
        while (a < np || b < nn) {
            double t = Math.max(nextPos, nextNeg);
            if (t != t) {
                throw new IllegalArgumentException("a score is NaN: the curves need the cleaned scores");
            }
            while (nextPos == t) {
                a++;
                nextPos = a < np ? score(pos, np, a, complement) : Double.NEGATIVE_INFINITY;
            }
            while (nextNeg == t) {
                b++;
                nextNeg = b < nn ? score(neg, nn, b, complement) : Double.NEGATIVE_INFINITY;
            }
            double x = b * nInv;
            double y = a * pInv;
            boolean last = a == np && b == nn;
            if (last || Math.abs(x - lastFpr) + Math.abs(y - lastTpr) >= step) {
                fpr[kept] = last ? 1.0 : x;
                tpr[kept] = last ? 1.0 : y;
                precision[kept] = (double) a / (a + b);
                kept++;
                lastFpr = x;
                lastTpr = y;
            }
        }
        double[] f = Arrays.copyOf(fpr, kept);
        double[] r = Arrays.copyOf(tpr, kept);
        double[] p = Arrays.copyOf(precision, kept);
        return new QualityCharts.Curves(label, rocAuc, np, nn, f, r, r, p);
    }

    /** The {@code k}-th highest score of an ascending array of {@code length} (of its complement: the k-th lowest). */
    private static double score(double[] sorted, int length, int k, boolean complement) {
        return complement ? 1.0 - sorted[k] : sorted[length - 1 - k];
    }
}
