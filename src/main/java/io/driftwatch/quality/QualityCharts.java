package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the report draws of a model's quality, computed from the rows the metrics were scored on
 * (after Evidently's cleaning) on each side of a check: for a classifier with probabilities, the ROC
 * and precision-recall curves of the scored probability (a binary classifier's positive class; a
 * multiclass classifier's classes one against the rest, at most {@value #MAX_CLASSES_DRAWN} of them);
 * for a regression, the binned density of (actual, predicted) and the histogram of the errors, both
 * sides on the same bins. Curves are thinned to at most {@value #MAX_POINTS} points (multiclass:
 * {@value #MAX_POINTS_PER_CLASS}) with their exact endpoints kept, so a million-row batch draws as
 * small as a thousand-row one.
 *
 * <p>Thread-safe: immutable (arrays are copied in and out).
 *
 * @param current the current batch's charts; {@link Side#EMPTY} when it could not be scored
 * @param reference the reference's charts; null when the check has none, {@link Side#EMPTY} when it has
 *     nothing to draw (it could not be scored, or was measured without keeping its rows)
 */
public record QualityCharts(Side current, Side reference) {
    /** The most points of a binary classifier's curve. */
    public static final int MAX_POINTS = 200;
    /** The most points of each class's curve for a multiclass classifier. */
    public static final int MAX_POINTS_PER_CLASS = 100;
    /** The most classes of a multiclass classifier whose curves are drawn (the first in sorted order). */
    public static final int MAX_CLASSES_DRAWN = 10;
    /** Bins of the (actual, predicted) density along each axis. */
    public static final int DENSITY_BINS = 40;
    /** Bins of the error histogram. */
    public static final int ERROR_BINS = 40;

    /** No charts (the current batch could not be scored, and there is no reference). */
    public static final QualityCharts NONE = new QualityCharts(Side.EMPTY, null);

    public QualityCharts {
        Objects.requireNonNull(current, "current");
    }

    /**
     * One side's charts.
     *
     * @param curves a classifier's curves, in the order of their classes (sorted); empty without probabilities
     * @param density a regression's (actual, predicted) density; null for a classifier
     * @param errors a regression's error histogram; null for a classifier
     */
    public record Side(List<Curves> curves, Density density, Histogram errors) {
        /** A side with nothing to draw. */
        public static final Side EMPTY = new Side(List.of(), null, null);

        public Side {
            curves = List.copyOf(curves);
        }
    }

    /**
     * The ROC and precision-recall curves of one class's probability against the rest, over the
     * thresholds at the distinct probabilities from the highest down (ties are one threshold). The ROC
     * curve runs from (0, 0) to (1, 1); the precision-recall curve from (recall 0, precision 1), as
     * scikit-learn's {@code precision_recall_curve} starts it, to (1, the class's share). Both are thinned
     * alike: a threshold is kept when it moves the ROC point by at least {@code 2 / (cap − 2)} in
     * {@code |Δfpr| + |Δtpr|} from the last kept (the curve is {@code 2} long in that measure, so at most
     * the cap are kept), and the last threshold always is.
     *
     * @param label the class
     * @param rocAuc the ROC AUC of the class's probability, exactly as the metric (not from the thinned curve)
     * @param positives scored rows of the class
     * @param negatives the other scored rows
     * @param fpr the ROC curve's false-positive rates, rising
     * @param tpr the ROC curve's true-positive rates, aligned with {@code fpr}
     * @param recall the precision-recall curve's recalls, rising
     * @param precision the precision-recall curve's precisions, aligned with {@code recall}
     */
    public record Curves(ClassLabel label, double rocAuc, int positives, int negatives, double[] fpr, double[] tpr,
            double[] recall, double[] precision) {

        public Curves {
            Objects.requireNonNull(label, "label");
            fpr = fpr.clone();
            tpr = tpr.clone();
            recall = recall.clone();
            precision = precision.clone();
            if (fpr.length != tpr.length || recall.length != precision.length) {
                throw new IllegalArgumentException("unaligned curve: " + fpr.length + " fpr, " + tpr.length + " tpr, "
                        + recall.length + " recall, " + precision.length + " precision");
            }
        }

        @Override
        public double[] fpr() {
            return fpr.clone();
        }

        @Override
        public double[] tpr() {
            return tpr.clone();
        }

        @Override
        public double[] recall() {
            return recall.clone();
        }

        @Override
        public double[] precision() {
            return precision.clone();
        }

        /** The class's share of the scored rows: the precision of a model that ranks at random. */
        public double prevalence() {
            return (double) positives / (positives + negatives);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Curves c && label.equals(c.label) && Double.compare(rocAuc, c.rocAuc) == 0
                    && positives == c.positives && negatives == c.negatives && Arrays.equals(fpr, c.fpr)
                    && Arrays.equals(tpr, c.tpr) && Arrays.equals(recall, c.recall) && Arrays.equals(precision, c.precision);
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, rocAuc, positives, negatives) * 31 + Arrays.hashCode(tpr);
        }

        @Override
        public String toString() {
            return "Curves[label=" + label + ", rocAuc=" + rocAuc + ", positives=" + positives + ", negatives="
                    + negatives + ", points=" + fpr.length + "]";
        }
    }

    /**
     * A regression's scored rows counted into a square grid of {@code bins × bins} cells over
     * {@code [lo, hi]} on both axes (actual along x, predicted along y), the same grid for both sides, so
     * the line {@code predicted = actual} is the grid's diagonal.
     *
     * @param lo the grid's lower edge on both axes
     * @param hi its upper edge
     * @param bins cells along each axis
     * @param counts {@code counts[i * bins + j]}: rows whose actual is in bin {@code i} and prediction in bin {@code j}
     * @param outside scored rows whose actual or prediction lies outside {@code [lo, hi]} (far outliers the
     *     range leaves out); the counts and this add up to the rows scored
     */
    public record Density(double lo, double hi, int bins, long[] counts, long outside) {

        public Density {
            counts = counts.clone();
            if (counts.length != bins * bins) {
                throw new IllegalArgumentException(counts.length + " counts for " + bins + " × " + bins + " bins");
            }
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        /** Rows whose actual is in bin {@code i} and prediction in bin {@code j}. */
        public long count(int i, int j) {
            return counts[i * bins + j];
        }

        /** The rows inside the grid. */
        public long inside() {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Density d && Double.compare(lo, d.lo) == 0 && Double.compare(hi, d.hi) == 0
                    && bins == d.bins && outside == d.outside && Arrays.equals(counts, d.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(lo, hi, bins, outside) * 31 + Arrays.hashCode(counts);
        }

        @Override
        public String toString() {
            return "Density[lo=" + lo + ", hi=" + hi + ", bins=" + bins + ", inside=" + inside() + ", outside=" + outside
                    + "]";
        }
    }

    /**
     * A regression's errors ({@code predicted − actual}) counted into equal-width bins, the same edges for
     * both sides.
     *
     * @param edges the bin edges, one more than the bins; a bin holds {@code [edges[k], edges[k+1])}, the
     *     last one its upper edge too
     * @param counts rows per bin
     * @param below rows whose error is below the first edge (far outliers the range leaves out)
     * @param above rows whose error is above the last edge
     */
    public record Histogram(double[] edges, long[] counts, long below, long above) {

        public Histogram {
            edges = edges.clone();
            counts = counts.clone();
            if (edges.length != counts.length + 1) {
                throw new IllegalArgumentException(edges.length + " edges for " + counts.length + " bins");
            }
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        /** Every row counted: inside the bins, below and above them. */
        public long total() {
            long sum = below + above;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Histogram h && below == h.below && above == h.above && Arrays.equals(edges, h.edges)
                    && Arrays.equals(counts, h.counts);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(edges) * 31 + Arrays.hashCode(counts)) * 31 + Long.hashCode(below + 7 * above);
        }

        @Override
        public String toString() {
            return "Histogram[bins=" + counts.length + ", from=" + edges[0] + ", to=" + edges[edges.length - 1]
                    + ", below=" + below + ", above=" + above + "]";
        }
    }
}
