package io.driftwatch.quality;

import io.driftwatch.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Driftwatch's degradation tests ({@code quality.tests: degradation}): for each watched metric, whether
 * the current batch's value is worse than the reference's by more than its tolerance, with the stated
 * one-sided confidence.
 *
 * <p>Thread-safe: stateless.
 */
final class Degradation {
    /** The default tolerance: 5 % of the reference's value. */
    static final QualityOptions.Tolerance DEFAULT_TOLERANCE = QualityOptions.Tolerance.relative(0.05);

    private Degradation() {
    }

    /**
     * The metrics watched when a monitor names none, each with {@link #DEFAULT_TOLERANCE}: for a
     * classifier accuracy, precision, recall and F1 (and ROC AUC and log loss with probabilities); for a
     * regression MAE, RMSE and R².
     */
    static Map<QualityMetric, QualityOptions.Tolerance> defaultTolerances(ModelSpec spec) {
        Map<QualityMetric, QualityOptions.Tolerance> out = new LinkedHashMap<>();
        if (spec.task().isClassification()) {
            for (ClassificationMetric m : List.of(ClassificationMetric.ACCURACY, ClassificationMetric.PRECISION,
                    ClassificationMetric.RECALL, ClassificationMetric.F1_SCORE)) {
                out.put(m, DEFAULT_TOLERANCE);
            }
            if (spec.hasProbabilities()) {
                out.put(ClassificationMetric.ROC_AUC, DEFAULT_TOLERANCE);
                out.put(ClassificationMetric.LOG_LOSS, DEFAULT_TOLERANCE);
            }
        } else {
            out.put(RegressionMetric.MAE, DEFAULT_TOLERANCE);
            out.put(RegressionMetric.RMSE, DEFAULT_TOLERANCE);
            out.put(RegressionMetric.R2_SCORE, DEFAULT_TOLERANCE);
        }
        return out;
    }

    /**
     * The degradation tests of {@code current} against {@code reference}.
     *
     * @param reference the reference's rows of the model's columns
     * @param referenceSide the reference measured ({@link QualityEvaluator#measureReference})
     * @param currentSide the current batch measured
     */
    static List<DegradationTest> tests(ModelSpec spec, Table reference, Table current, QualitySide referenceSide,
            QualitySide currentSide, QualityOptions options) {
        throw new UnsupportedOperationException("degradation tests are being built");
    }
}
