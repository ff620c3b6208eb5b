package io.driftwatch.monitor.policy;

import io.driftwatch.analysis.Sections;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.ColumnContribution;
import io.driftwatch.multivariate.ColumnImportance;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The label-free findings of a check as alerts print them, one line of plain text per estimated metric
 * or multivariate method that alerted in some chunk: how many chunks, the range of their values, the
 * thresholds, and (for multivariate drift) the columns that drove it:
 * {@code Estimated roc_auc below its threshold in 10 of 10 chunks: 0.72–0.8 against [0.865, 0.943]
 * (CBPE, no labels)}, {@code Multivariate drift (PCA reconstruction error) in 10 of 10 chunks:
 * 1.05–1.21 against [0.23, 0.26]; driven by x, y}. Every alerting metric and method is listed, whether
 * or not the policy watches it, as failed quality tests are. Channels escape and cut the lines.
 *
 * <p>Thread-safe: stateless.
 */
final class LabelFreeLines {
    /** How many columns a multivariate line names as its drivers. */
    static final int DRIVERS = 3;

    private LabelFreeLines() {
    }

    /** The lines of the check's estimate section, in its metric order; empty without one or without alerts. */
    static List<String> estimate(Sections sections) {
        EstimateResult result = sections.find(EstimateResult.class).orElse(null);
        if (result == null) {
            return List.of();
        }
        String method = result.method().toUpperCase(Locale.ROOT);
        List<String> lines = new ArrayList<>();
        for (MetricEstimates m : result.metrics()) {
            int alerting = 0;
            int below = 0;
            long rows = 0;
            long labelled = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (ChunkEstimate c : m.chunks()) {
                rows += c.rows();
                labelled += c.labelledRows();
                if (c.alert()) {
                    alerting++;
                    if (c.value() < c.lowerThreshold()) {
                        below++;
                    }
                    low = Math.min(low, c.value());
                    high = Math.max(high, c.value());
                }
            }
            if (alerting == 0) {
                continue;
            }
            String side = below == alerting ? "below its threshold" : below == 0 ? "above its threshold"
                    : "outside its thresholds";
            String labels = labelled == 0 ? "no labels" : labelled + " of " + rows + " rows labelled";
            lines.add("Estimated " + m.metric() + " " + side + " in " + alerting + " of " + m.chunks().size()
                    + " chunks: " + range(low, high) + " against " + band(m.thresholds().lower(), m.thresholds().upper())
                    + " (" + method + ", " + labels + ")");
        }
        return List.copyOf(lines);
    }

    /** The lines of the check's multivariate section, PCA first; empty without one or without alerts. */
    static List<String> multivariate(Sections sections) {
        MultivariateResult result = sections.find(MultivariateResult.class).orElse(null);
        if (result == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        MultivariateResult.Reconstruction pca = result.pca();
        if (pca != null && pca.alerts()) {
            int alerting = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            Map<String, Double> weight = new LinkedHashMap<>();
            for (ReconstructionChunk c : pca.chunks()) {
                if (c.alert()) {
                    alerting++;
                    low = Math.min(low, c.reconstructionError());
                    high = Math.max(high, c.reconstructionError());
                    for (ColumnContribution col : c.columns()) {
                        weight.merge(col.column(), col.meanSquaredError(), Double::sum);
                    }
                }
            }
            lines.add("Multivariate drift (PCA reconstruction error) in " + alerting + " of " + pca.chunks().size()
                    + " chunks: " + range(low, high) + " against " + band(pca.lowerThreshold(), pca.upperThreshold())
                    + drivers(weight));
        }
        MultivariateResult.Classifier classifier = result.domainClassifier();
        if (classifier != null && classifier.alerts()) {
            int alerting = 0;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            Map<String, Double> weight = new LinkedHashMap<>();
            for (ClassifierChunk c : classifier.chunks()) {
                if (c.alert()) {
                    alerting++;
                    low = Math.min(low, c.auroc());
                    high = Math.max(high, c.auroc());
                    for (ColumnImportance col : c.importance()) {
                        if (!Double.isNaN(col.share())) {
                            weight.merge(col.column(), col.share(), Double::sum);
                        }
                    }
                }
            }
            lines.add("Multivariate drift (domain classifier ROC AUC) in " + alerting + " of "
                    + classifier.chunks().size() + " chunks: " + range(low, high) + " against "
                    + band(classifier.lowerThreshold(), classifier.upperThreshold()) + drivers(weight));
        }
        return List.copyOf(lines);
    }

    /** "; driven by x, y, z": the columns weighing most over the alerting chunks; "" when none weigh. */
    private static String drivers(Map<String, Double> weight) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(weight.entrySet());
        sorted.removeIf(e -> !(e.getValue() > 0));
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        if (sorted.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(DRIVERS, sorted.size()); i++) {
            names.add(sorted.get(i).getKey());
        }
        return "; driven by " + String.join(", ", names);
    }

    private static String range(double low, double high) {
        String a = ModelQualityLines.number(low);
        String b = ModelQualityLines.number(high);
        return a.equals(b) ? a : a + "–" + b;
    }

    private static String band(double lower, double upper) {
        return "[" + ModelQualityLines.number(lower) + ", " + ModelQualityLines.number(upper) + "]";
    }
}
