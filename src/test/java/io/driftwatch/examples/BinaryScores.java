package io.driftwatch.examples;

import java.util.Arrays;

/**
 * The quality of a binary classifier on one batch, measured independently of Driftwatch's own
 * quality code so that the README figures are a second opinion on it. Definitions are scikit-learn's
 * (which Evidently uses): accuracy, and precision, recall and F1 of the positive class from the
 * predicted labels; ROC AUC from the probabilities as the Mann-Whitney statistic with tied scores
 * counted one half. An immutable value; thread-safe.
 *
 * @param rows         the batch's rows
 * @param positiveRate share of rows whose true label is the positive class
 * @param accuracy     share of rows whose predicted label is the true one
 * @param precision    true positives / predicted positives
 * @param recall       true positives / actual positives
 * @param f1           harmonic mean of precision and recall
 * @param rocAuc       probability that a random positive scores above a random negative
 */
record BinaryScores(int rows, double positiveRate, double accuracy, double precision, double recall, double f1,
        double rocAuc) {

    /**
     * Scores one batch; {@code probability[i]} is P(positive) for row {@code i}.
     *
     * @throws IllegalArgumentException when the arrays differ in length or one class is absent (AUC undefined)
     */
    static BinaryScores of(boolean[] truth, boolean[] predicted, double[] probability) {
        int n = truth.length;
        if (predicted.length != n || probability.length != n) {
            throw new IllegalArgumentException("truth, predicted and probability differ in length: " + n + ", "
                    + predicted.length + ", " + probability.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (truth[i]) {
                positives++;
                if (predicted[i]) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted[i]) {
                fp++;
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes; the batch has " + positives
                    + " positives and " + negatives + " negatives");
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = (double) tp / positives;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double accuracy = (double) (n - fp - fn) / n;
        return new BinaryScores(n, (double) positives / n, accuracy, precision, recall, f1,
                rocAuc(truth, probability, positives, negatives));
    }

    /** Mann-Whitney U / (positives * negatives), with mid-ranks for ties. */
    private static double rocAuc(boolean[] truth, double[] probability, long positives, long negatives) {
        int n = truth.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probability[a], probability[b]));
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && probability[order[j + 1]] == probability[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]]) {
                    positiveRankSum += midRank;
                }
            }
            i = j + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
