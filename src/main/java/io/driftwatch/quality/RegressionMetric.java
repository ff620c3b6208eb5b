package io.driftwatch.quality;

/**
 * The metrics of Evidently's {@code RegressionPreset}, in its order, then Driftwatch's corrected
 * MAPE. With {@code e = prediction − target} over the rows used:
 *
 * <ul>
 *   <li>{@link #MEAN_ERROR}: mean and sample standard deviation of {@code e};</li>
 *   <li>{@link #MAPE}: Evidently's MAPE, {@code |e| / max(y, ε)} (not {@code |y|}: negative targets
 *       divide by ε), near-zero targets counted as 100 % on the current side and dropped on the
 *       reference side; the mean in percent, the standard deviation in fractions;</li>
 *   <li>{@link #RMSE}, {@link #MAE} (mean and standard deviation of {@code |e|}), {@link #R2_SCORE},
 *       {@link #ABS_MAX_ERROR};</li>
 *   <li>{@link #MAPE_ABS} (Driftwatch): {@code |e| / |y|} over the rows with {@code |y| > ε} on both
 *       sides alike, mean and standard deviation both in percent.</li>
 * </ul>
 *
 * <p>Thread-safe: an enum.
 */
public enum RegressionMetric implements QualityMetric {
    MEAN_ERROR("mean_error", "MeanError", true, Better.TOWARDS_ZERO),
    MAPE("mape", "MAPE", true, Better.LOWER),
    RMSE("rmse", "RMSE", false, Better.LOWER),
    MAE("mae", "MAE", true, Better.LOWER),
    R2_SCORE("r2_score", "R2Score", false, Better.HIGHER),
    ABS_MAX_ERROR("abs_max_error", "AbsMaxError", false, Better.LOWER),
    /** Driftwatch's MAPE: denominator {@code |y|}, one zero rule for both sides, both parts in percent. */
    MAPE_ABS("mape_abs", null, true, Better.LOWER);

    private final String key;
    private final String evidentlyName;
    private final boolean hasStd;
    private final Better better;

    RegressionMetric(String key, String evidentlyName, boolean hasStd, Better better) {
        this.key = key;
        this.evidentlyName = evidentlyName;
        this.hasStd = hasStd;
        this.better = better;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String evidentlyName() {
        return evidentlyName;
    }

    @Override
    public boolean hasStd() {
        return hasStd;
    }

    @Override
    public Better better() {
        return better;
    }
}
