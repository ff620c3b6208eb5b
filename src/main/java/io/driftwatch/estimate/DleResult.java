package io.driftwatch.estimate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * DLE's estimates for the chunks of one batch.
 *
 * <p>Thread-safe: immutable.
 *
 * @param metrics the metrics asked for ({@link Dle#withMetrics}; all four by default), in enum order
 * @param features the model inputs the loss models use, in order (the features, then the prediction)
 * @param seed the seed given to Smile's random generator before each fit
 */
public record DleResult(Map<DleMetric, MetricEstimates> metrics, List<String> features, long seed) {
    public DleResult {
        metrics = metrics.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(metrics));
        features = List.copyOf(features);
    }

    /** The estimates of {@code metric}. */
    public MetricEstimates metric(DleMetric metric) {
        return metrics.get(metric);
    }
}
