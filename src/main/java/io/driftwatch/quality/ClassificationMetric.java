package io.driftwatch.quality;

/**
 * The single-value metrics of Evidently's {@code ClassificationPreset}, in its order. ROC AUC and
 * log loss need probabilities; TPR, TNR, FPR and FNR belong to binary classification.
 *
 * <p>Thread-safe: an enum.
 */
public enum ClassificationMetric implements QualityMetric {
    /** Share of rows whose predicted label is the true one. */
    ACCURACY("accuracy", "Accuracy", Better.HIGHER),
    /** Binary: of {@code pos_label}; otherwise the unweighted mean over the classes present. */
    PRECISION("precision", "Precision", Better.HIGHER),
    /** Binary: of {@code pos_label}; otherwise the unweighted mean over the classes present. */
    RECALL("recall", "Recall", Better.HIGHER),
    /** Harmonic mean of precision and recall (per class, then averaged for multiclass). */
    F1_SCORE("f1_score", "F1Score", Better.HIGHER),
    /** Area under the ROC curve, the unweighted mean over the probability columns (one-vs-rest). */
    ROC_AUC("roc_auc", "RocAuc", Better.HIGHER),
    /** Mean negative log-likelihood of the true class (probabilities clipped and renormalised). */
    LOG_LOSS("log_loss", "LogLoss", Better.LOWER),
    /** TP / (TP + FN) for {@code pos_label} (NaN for 0/0). */
    TPR("tpr", "TPR", Better.HIGHER),
    /** TN / (TN + FP) for {@code pos_label} (NaN for 0/0). */
    TNR("tnr", "TNR", Better.HIGHER),
    /** FP / (FP + TN) for {@code pos_label} (NaN for 0/0). */
    FPR("fpr", "FPR", Better.LOWER),
    /** FN / (FN + TP) for {@code pos_label} (NaN for 0/0). */
    FNR("fnr", "FNR", Better.LOWER);

    private final String key;
    private final String evidentlyName;
    private final Better better;

    ClassificationMetric(String key, String evidentlyName, Better better) {
        this.key = key;
        this.evidentlyName = evidentlyName;
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
        return false;
    }

    @Override
    public Better better() {
        return better;
    }

    /** Whether the metric needs probabilities (ROC AUC, log loss). */
    public boolean needsProbabilities() {
        return this == ROC_AUC || this == LOG_LOSS;
    }

    /** Whether the metric belongs to binary classification only (the rates). */
    public boolean binaryOnly() {
        return this == TPR || this == TNR || this == FPR || this == FNR;
    }
}
