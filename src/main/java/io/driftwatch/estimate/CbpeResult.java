package io.driftwatch.estimate;

import io.driftwatch.analysis.ModelTask;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CBPE's estimates for the chunks of one batch.
 *
 * <p>Thread-safe: immutable.
 *
 * @param task binary or multiclass classification
 * @param calibration the calibration decision: one entry for a binary classifier, one per class
 *     (in class-code order) for a multiclass one
 * @param metrics every {@link CbpeMetric}, in enum order
 * @param expectedConfusion binary: the expected confusion matrix per chunk; multiclass: empty
 * @param seed the seed of the average precision's bootstrap (its sampling error)
 */
public record CbpeResult(ModelTask task, List<CalibrationDecision> calibration, Map<CbpeMetric, MetricEstimates> metrics,
        List<ExpectedConfusion> expectedConfusion, long seed) {
    public CbpeResult {
        Objects.requireNonNull(task, "task");
        calibration = List.copyOf(calibration);
        metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
        expectedConfusion = List.copyOf(expectedConfusion);
    }

    /** The estimates of {@code metric}. */
    public MetricEstimates metric(CbpeMetric metric) {
        return metrics.get(metric);
    }
}
