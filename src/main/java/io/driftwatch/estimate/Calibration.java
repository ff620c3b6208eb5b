package io.driftwatch.estimate;

/**
 * Whether CBPE calibrates the model's probabilities on the reference before estimating
 * ({@code calibrate:} in a monitor definition).
 */
public enum Calibration {
    /**
     * NannyML's rule ({@code nannyml.calibration.needs_calibration}): calibrate when isotonic
     * calibration lowers the expected calibration error in a cross-validation on the reference;
     * never when the reference holds one class or its ROC AUC exceeds 0.999.
     */
    AUTO,
    /** Always fit and apply the isotonic calibrator. */
    ALWAYS,
    /** Use the probabilities as they are. */
    NEVER
}
