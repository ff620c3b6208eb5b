package io.driftwatch.quality;

import java.util.Objects;

/**
 * A baseline a metric is tested against when there is no reference: Evidently's dummy metrics
 * ({@code dummy_accuracy}, … the scores of its stratified random classifier; {@code dummy_mae},
 * {@code dummy_rmse}, {@code dummy_mape}, which Evidently 0.7.21 sets to the model's own values), or
 * Driftwatch's regression baselines as Evidently meant them ({@code baseline_mae},
 * {@code baseline_rmse}, {@code baseline_mape_abs}: the errors of the best constant prediction).
 *
 * <p>Thread-safe: immutable.
 *
 * @param key the baseline's name in the JSON result
 * @param metric the metric it is a baseline for
 * @param value its value (NaN where its definition gives NaN)
 */
public record Baseline(String key, QualityMetric metric, double value) {
    public Baseline {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metric, "metric");
    }

    /** Whether this is one of Evidently's dummy metrics (else one of Driftwatch's baselines). */
    public boolean evidently() {
        return key.startsWith("dummy_");
    }
}
