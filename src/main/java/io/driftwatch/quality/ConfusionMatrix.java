package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import java.util.Arrays;
import java.util.List;

/**
 * A confusion matrix as Evidently reports it: rows are the true class, columns the predicted class,
 * both in the order of {@link #labels()} (sorted); rows whose true or predicted class is not one of
 * the labels are not counted (scikit-learn's {@code confusion_matrix(labels=…)}).
 *
 * <p>Thread-safe: immutable (the counts are copied in and out). Two matrices are equal when their
 * labels and counts are.
 *
 * @param labels the classes, sorted
 * @param counts {@code counts[i * k + j]}: rows of true class {@code i} predicted as {@code j}
 */
public record ConfusionMatrix(List<ClassLabel> labels, long[] counts) {

    public ConfusionMatrix {
        labels = List.copyOf(labels);
        counts = counts.clone();
        if (counts.length != labels.size() * labels.size()) {
            throw new IllegalArgumentException(counts.length + " counts for " + labels.size() + " labels");
        }
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Rows of true class {@code actual} predicted as {@code predicted} (indexes into {@link #labels()}). */
    public long count(int actual, int predicted) {
        return counts[actual * labels.size() + predicted];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && labels.equals(m.labels) && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[labels=" + labels + ", counts=" + Arrays.toString(counts) + "]";
    }
}
