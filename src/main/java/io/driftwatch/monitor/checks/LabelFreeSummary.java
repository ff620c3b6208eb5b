package io.driftwatch.monitor.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.analysis.Sections;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.ColumnContribution;
import io.driftwatch.multivariate.ColumnImportance;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check found without labels, in brief, as the store keeps it ({@code check_label_free}) and the
 * dashboard's charts, the Prometheus gauges and the history read it: per estimated metric (CBPE, DLE)
 * and per multivariate method (PCA reconstruction error, domain classifier) one {@link Series} that
 * sums up its chunks.
 *
 * <p>Thread-safe: immutable.
 *
 * @param estimateMethod {@code cbpe} or {@code dle}; null when the monitor estimates nothing
 * @param estimate one series per estimated metric, in the section's order (empty when it could not run)
 * @param multivariateChecked whether the check had a multivariate analysis
 * @param multivariate one series per multivariate method that ran, PCA first
 * @param errors what kept an analysis or a method from running
 */
public record LabelFreeSummary(String estimateMethod, List<Series> estimate, boolean multivariateChecked,
        List<Series> multivariate, List<String> errors) {
    /** How many columns a multivariate series names as its drivers. */
    static final int DRIVERS = 3;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public LabelFreeSummary {
        estimate = estimate == null ? List.of() : List.copyOf(estimate);
        multivariate = multivariate == null ? List.of() : List.copyOf(multivariate);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One estimated metric or multivariate method over the chunks of a check. Values that are not
     * finite (a metric undefined on every chunk, a missing threshold) are null.
     *
     * @param name the metric ({@code roc_auc}, {@code mae}…) or the method ({@code pca},
     *     {@code domain_classifier})
     * @param chunks how many chunks the batch was split into
     * @param alerting how many of them alerted
     * @param mean the mean over the chunks of their values, weighted by their rows
     * @param min the least chunk value
     * @param max the greatest chunk value
     * @param lower the lower threshold; null when there is none
     * @param upper the upper threshold; null when there is none
     * @param realized an estimated metric realized on the rows of the batch whose target was known
     *     (NannyML's definition, all those rows as one chunk); null without labels and for a
     *     multivariate method
     * @param labelled how many rows had a known target (0 for a multivariate method)
     * @param drivers the columns that weigh most in the method's value over the chunks (the
     *     reconstruction error's share, the classifier's importance), largest first; empty for a metric
     */
    public record Series(String name, int chunks, int alerting, Double mean, Double min, Double max, Double lower,
            Double upper, Double realized, int labelled, List<String> drivers) {
        public Series {
            drivers = drivers == null ? List.of() : List.copyOf(drivers);
        }

        /** Whether some chunk alerted. */
        public boolean alerts() {
            return alerting > 0;
        }
    }

    /**
     * The summary of a check's sections; null when they have neither an estimate nor a multivariate
     * section.
     *
     * @param realized each estimated metric realized on the batch's labelled rows (empty without labels)
     */
    public static LabelFreeSummary of(Sections sections, Map<String, Double> realized) {
        EstimateResult estimate = sections.find(EstimateResult.class).orElse(null);
        MultivariateResult multivariate = sections.find(MultivariateResult.class).orElse(null);
        if (estimate == null && multivariate == null) {
            return null;
        }
        List<Series> metrics = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (estimate != null) {
            errors.addAll(estimate.errors());
            for (MetricEstimates m : estimate.metrics()) {
                Summed s = new Summed();
                int labelled = 0;
                for (ChunkEstimate c : m.chunks()) {
                    s.add(c.value(), c.rows(), c.alert());
                    labelled += c.labelledRows();
                }
                metrics.add(s.series(m.metric(), m.thresholds().lower(), m.thresholds().upper(),
                        finite(realized.getOrDefault(m.metric(), Double.NaN)), labelled, List.of()));
            }
        }
        List<Series> methods = new ArrayList<>();
        if (multivariate != null) {
            errors.addAll(multivariate.errors());
            MultivariateResult.Reconstruction pca = multivariate.pca();
            if (pca != null) {
                Summed s = new Summed();
                Map<String, Double> weight = new LinkedHashMap<>();
                for (ReconstructionChunk c : pca.chunks()) {
                    s.add(c.reconstructionError(), c.rowCount(), c.alert());
                    for (ColumnContribution col : c.columns()) {
                        weigh(weight, col.column(), col.meanSquaredError());
                    }
                }
                methods.add(s.series("pca", pca.lowerThreshold(), pca.upperThreshold(), null, 0, drivers(weight)));
            }
            MultivariateResult.Classifier classifier = multivariate.domainClassifier();
            if (classifier != null) {
                Summed s = new Summed();
                Map<String, Double> weight = new LinkedHashMap<>();
                for (ClassifierChunk c : classifier.chunks()) {
                    s.add(c.auroc(), c.rowCount(), c.alert());
                    for (ColumnImportance col : c.importance()) {
                        weigh(weight, col.column(), col.share());
                    }
                }
                methods.add(s.series("domain_classifier", classifier.lowerThreshold(), classifier.upperThreshold(),
                        null, 0, drivers(weight)));
            }
        }
        return new LabelFreeSummary(estimate == null ? null : estimate.method(), metrics, multivariate != null, methods,
                errors);
    }

    /** Whether some estimated metric alerted; null when the check estimated nothing. */
    public Boolean estimateAlert() {
        return estimateMethod == null ? null : estimate.stream().anyMatch(Series::alerts);
    }

    /** Whether some multivariate method alerted; null when none ran or was asked for. */
    public Boolean multivariateAlert() {
        return multivariateChecked ? multivariate.stream().anyMatch(Series::alerts) : null;
    }

    /** This summary as the JSON the store keeps. */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a label-free summary", e);
        }
    }

    /** The summary the store kept as {@code json}. */
    static LabelFreeSummary fromJson(String json) {
        try {
            return JSON.readValue(json, LabelFreeSummary.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored label-free summary does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** Realized metrics as the store keeps them (an evaluation's {@code estimate_realized}); null for none. */
    static String realizedJson(Map<String, Double> realized) {
        if (realized == null) {
            return null;
        }
        Map<String, Double> finite = new LinkedHashMap<>();
        realized.forEach((k, v) -> finite.put(k, finite(v)));
        try {
            return JSON.writeValueAsString(finite);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write realized metrics", e);
        }
    }

    /** The realized metrics the store kept as {@code json}; null for null. */
    static Map<String, Double> realizedFromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored realized metrics do not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static void weigh(Map<String, Double> weight, String column, double value) {
        if (value > 0) {
            weight.merge(column, value, Double::sum);
        }
    }

    private static List<String> drivers(Map<String, Double> weight) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(weight.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(DRIVERS, sorted.size()); i++) {
            names.add(sorted.get(i).getKey());
        }
        return names;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The chunk values of one series, added up. */
    private static final class Summed {
        private int chunks;
        private int alerting;
        private double weighted;
        private long rows;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double value, int rowCount, boolean alert) {
            chunks++;
            alerting += alert ? 1 : 0;
            if (Double.isFinite(value)) {
                weighted += value * rowCount;
                rows += rowCount;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }

        Series series(String name, double lower, double upper, Double realized, int labelled, List<String> drivers) {
            return new Series(name, chunks, alerting, rows == 0 ? null : weighted / rows, rows == 0 ? null : min,
                    rows == 0 ? null : max, finite(lower), finite(upper), realized, labelled, drivers);
        }
    }
}
