package io.driftwatch.quality;

import io.driftwatch.analysis.ClassLabel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier's quality on one side of a check, as Evidently's {@code ClassificationPreset} reports
 * it: the single-value metrics, the classes with their by-label metrics, and the confusion matrix.
 *
 * <p>Thread-safe: immutable.
 *
 * @param rowsRead rows of the batch
 * @param rowsUsed rows with a target and a prediction, the rows scored
 * @param error why the side could not be scored at all, or null
 * @param metrics the single-value metrics of the preset, in its order (ROC AUC and log loss only with
 *     probabilities, the rates only for a binary classifier), each a value or an error
 * @param labels the classes Evidently scores with (for a binary classifier with probabilities, the
 *     positive and the negative class), sorted: the confusion matrix's order
 * @param confusionMatrix the confusion matrix over {@code labels}; null with {@code error}
 * @param byLabel the by-label metrics of the classes present in the target, sorted by class
 * @param evidentlyFailures what Evidently 0.7.21 would raise on this side
 */
public record ClassificationSide(int rowsRead, int rowsUsed, String error, Map<QualityMetric, MetricValue> metrics,
        List<ClassLabel> labels, ConfusionMatrix confusionMatrix, List<LabelMetrics> byLabel,
        List<EvidentlyFailure> evidentlyFailures) implements QualitySide {

    public ClassificationSide {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        labels = List.copyOf(labels);
        byLabel = List.copyOf(byLabel);
        evidentlyFailures = List.copyOf(evidentlyFailures);
    }

    /** A side that could not be scored: {@code error} says why. */
    static ClassificationSide failed(int rowsRead, int rowsUsed, String error, List<EvidentlyFailure> failures) {
        return new ClassificationSide(rowsRead, rowsUsed, error, Map.of(), List.of(), null, List.of(), failures);
    }
}
