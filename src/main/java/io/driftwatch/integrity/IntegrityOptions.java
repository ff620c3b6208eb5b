package io.driftwatch.integrity;

/**
 * The monitor's {@code integrity:} settings.
 *
 * <p>Thread-safe: immutable.
 *
 * @param tests which tests run on the data summary
 * @param rangeMargin how far outside the reference's range a value may fall, as a share of the
 *     reference's range ({@code max − min}), before it counts as out of range; 0 = the range itself
 * @param missingTolerance how much the missing share of a column may exceed the reference's
 *     (absolute, e.g. 0.05 = five percentage points) before it is a finding
 * @param duplicatedTolerance likewise for the share of duplicated rows
 * @param confidence the confidence the reference-derived conditions are judged with: a share (missing,
 *     duplicated) is a finding only when its one-sided lower Clopper–Pearson bound exceeds the
 *     reference's share plus the tolerance, so a small batch does not alarm on noise; values out of
 *     range, new categories and columns that became constant or empty are findings only when a
 *     batch drawn like the reference would show them with probability below
 *     {@code (1 − confidence)}, shared among the columns compared (see docs/integrity-reference.md)
 */
public record IntegrityOptions(Tests tests, double rangeMargin, double missingTolerance, double duplicatedTolerance,
        double confidence) {

    /** Which tests the integrity analysis runs. */
    public enum Tests {
        /** Evidently's {@code DataSummaryPreset} default tests (with or without a reference). */
        EVIDENTLY("evidently"),
        /** Driftwatch's conditions derived from the reference profile. */
        REFERENCE("reference"),
        /** The data summary only, no tests. */
        NONE("none");

        private final String label;

        Tests(String label) {
            this.label = label;
        }

        /** The name used in monitor files and the JSON result. */
        public String label() {
            return label;
        }
    }

    public IntegrityOptions {
        java.util.Objects.requireNonNull(tests, "tests");
        if (!(rangeMargin >= 0) || !(missingTolerance >= 0) || !(duplicatedTolerance >= 0)) {
            throw new IllegalArgumentException("margins and tolerances must be at least 0");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive)");
        }
    }

    /** Evidently's tests; for the reference conditions a zero margin, 0.05 tolerances and 0.99 confidence. */
    public static IntegrityOptions defaults() {
        return new IntegrityOptions(Tests.EVIDENTLY, 0.0, 0.05, 0.05, 0.99);
    }

    /** These options with {@code tests}. */
    public IntegrityOptions withTests(Tests tests) {
        return new IntegrityOptions(tests, rangeMargin, missingTolerance, duplicatedTolerance, confidence);
    }
}
