package io.driftwatch.multivariate;

/**
 * How a feature column is encoded, decided by how it is stored, as NannyML decides by pandas dtype
 * ({@code nannyml.base._split_features_by_type}): text and true/false columns are categorical
 * (dtypes {@code object}, {@code string}, {@code category}, {@code bool}); decimal and whole numbers
 * are continuous.
 */
public enum FeatureKind {
    /** Numbers: imputed with the reference mean (PCA); split on their order (domain classifier). */
    CONTINUOUS,
    /** Labels: imputed with the reference's most frequent label and frequency-encoded (PCA); nominal (domain classifier). */
    CATEGORICAL
}
