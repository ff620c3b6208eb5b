package io.driftwatch.estimate;

import java.util.Locale;

/**
 * The metrics CBPE estimates, in NannyML's order ({@code roc_auc}, {@code f1}, {@code precision},
 * {@code recall}, {@code specificity}, {@code accuracy}, {@code average_precision}); all lie in
 * {@code [0, 1]}, which clips their thresholds and confidence bands. Multiclass values are macro
 * averages over the classes one-vs-rest (accuracy is the share of rows predicted right).
 */
public enum CbpeMetric {
    ROC_AUC,
    F1,
    PRECISION,
    RECALL,
    SPECIFICITY,
    ACCURACY,
    AVERAGE_PRECISION;

    /** NannyML's name: {@code roc_auc}, {@code f1}, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
