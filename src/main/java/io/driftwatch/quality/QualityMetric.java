package io.driftwatch.quality;

import io.driftwatch.analysis.ModelTask;

/**
 * One model-quality metric: its key in the JSON result (Evidently's metric name in snake_case, or a
 * Driftwatch name for Driftwatch's corrected metrics), Evidently's class name, whether its value is a
 * mean with a standard deviation, and which way is better.
 *
 * <p>Thread-safe: implementations are enums.
 */
public sealed interface QualityMetric permits ClassificationMetric, RegressionMetric {

    /** Which way a metric is better (what a degradation test needs to know). */
    enum Better {
        /** Larger is better (accuracy, R²). */
        HIGHER,
        /** Smaller is better (log loss, RMSE). */
        LOWER,
        /** Closer to zero is better (mean error, a bias). */
        TOWARDS_ZERO
    }

    /** The key in the JSON result: {@code accuracy}, {@code mean_error}, {@code mape_abs}. */
    String key();

    /** Evidently's metric class ({@code Accuracy}, {@code MAPE}), or null for Driftwatch's own. */
    String evidentlyName();

    /** Whether the value is a mean with a standard deviation (Evidently's tests test the mean). */
    boolean hasStd();

    /** Which way is better. */
    Better better();

    /** The metrics of a model doing {@code task}, in Evidently's order (then Driftwatch's own). */
    static java.util.List<QualityMetric> of(ModelTask task) {
        return java.util.List.of(task.isClassification() ? ClassificationMetric.values() : RegressionMetric.values());
    }
}
