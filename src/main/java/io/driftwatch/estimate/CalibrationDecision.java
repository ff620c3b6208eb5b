package io.driftwatch.estimate;

import java.util.Objects;

/**
 * Whether CBPE calibrated one probability column (binary: the positive class's; multiclass: one per
 * class, one-vs-rest), why, and the two expected calibration errors NannyML's rule compares: of the
 * model's probabilities and of the isotonic-calibrated ones, on the held-out rows of ten stratified
 * 90/10 splits of the reference (see {@link Calibration#AUTO}). The errors are NaN where the rule
 * stops before computing them (one class, ROC AUC above 0.999).
 *
 * <p>Thread-safe: immutable.
 *
 * @param mode the option asked for
 * @param calibrated whether the isotonic calibrator is applied
 * @param reason why
 * @param eceUncalibrated the cross-validated expected calibration error of the model's probabilities
 * @param eceCalibrated the same after isotonic calibration
 */
public record CalibrationDecision(Calibration mode, boolean calibrated, Reason reason, double eceUncalibrated,
        double eceCalibrated) {

    /** Why the probabilities were calibrated or not. */
    public enum Reason {
        /** {@link Calibration#ALWAYS} was asked for. */
        ALWAYS_ASKED,
        /** {@link Calibration#NEVER} was asked for. */
        NEVER_ASKED,
        /** Calibration lowered the cross-validated expected calibration error. */
        LOWERS_CALIBRATION_ERROR,
        /** Calibration did not lower it (equal or higher). */
        DOES_NOT_LOWER_CALIBRATION_ERROR,
        /** The reference labels hold a single class: nothing to calibrate against. */
        SINGLE_CLASS,
        /** The reference ROC AUC exceeds 0.999: the scores separate the classes already. */
        NEAR_PERFECT_ROC_AUC
    }

    public CalibrationDecision {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
    }
}
