package io.driftwatch.estimate;

import java.util.Locale;

/**
 * The regression metrics DLE estimates; all are at least 0, which clips their lower thresholds and
 * bands, and have no upper limit. NannyML models each metric's per-row loss: MAE the absolute error,
 * MSE and RMSE the squared error (RMSE is the root of the mean estimate), MAPE the absolute
 * percentage error {@code |y − ŷ| / max(ε, |y|)}.
 */
public enum DleMetric {
    MAE,
    MSE,
    RMSE,
    MAPE;

    /** NannyML's name: {@code mae}, {@code mse}, {@code rmse}, {@code mape}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
