package io.driftwatch.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A regression model's quality on one side of a check: Evidently's {@code RegressionPreset} metrics
 * and Driftwatch's {@link RegressionMetric#MAPE_ABS}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param rowsRead rows of the batch
 * @param rowsUsed rows with a finite target and prediction, the rows scored
 * @param nearZeroTargets scored rows whose target is within ε of zero (MAPE's special rows)
 * @param error why the side could not be scored at all, or null
 * @param metrics the metrics in Evidently's order, then {@code mape_abs}
 * @param evidentlyFailures what Evidently 0.7.21 would raise on this side
 */
public record RegressionSide(int rowsRead, int rowsUsed, int nearZeroTargets, String error,
        Map<QualityMetric, MetricValue> metrics, List<EvidentlyFailure> evidentlyFailures) implements QualitySide {

    public RegressionSide {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        evidentlyFailures = List.copyOf(evidentlyFailures);
    }
}
