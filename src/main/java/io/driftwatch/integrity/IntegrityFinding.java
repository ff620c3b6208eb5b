package io.driftwatch.integrity;

import java.util.List;
import java.util.Objects;

/**
 * One condition derived from the reference profile that the current batch broke: which condition,
 * which column (null for the dataset as a whole), what the reference led to expect, what was seen,
 * how many rows of the current batch show it, and a few example values (raw: renderers escape them).
 *
 * <p>Thread-safe: immutable.
 *
 * @param condition the condition
 * @param column the column, or null for a dataset-level condition (duplicated rows)
 * @param expected what the reference led to expect, in words ({@code "values in [0.02, 0.98]"})
 * @param seen what the current batch showed, in words ({@code "12 values above 0.98, up to 97.5"})
 * @param rows how many current rows show it (0 when the condition is about the column as a whole)
 * @param examples at most a few example values
 */
public record IntegrityFinding(Condition condition, String column, String expected, String seen, long rows,
        List<String> examples) {

    /** At most this many example values are kept per finding. */
    public static final int MAX_EXAMPLES = 5;

    public IntegrityFinding {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(seen, "seen");
        examples = List.copyOf(examples.subList(0, Math.min(examples.size(), MAX_EXAMPLES)));
    }

    /** How bad a finding is: what a policy's {@code severity} selects on. */
    public enum Severity {
        WARNING, CRITICAL;

        /** The lower-case name used in monitor files and the JSON result. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The conditions derived from the reference, each with its severity. */
    public enum Condition {
        /** A column of the reference is not in the current batch. */
        COLUMN_MISSING("column_missing", Severity.CRITICAL),
        /** The current batch has a column the reference does not. */
        COLUMN_NEW("column_new", Severity.WARNING),
        /** Numbers in a column that was categorical in the reference, or the reverse. */
        TYPE_CHANGED("type_changed", Severity.CRITICAL),
        /** A column with values in the reference has none in the current batch. */
        BECAME_EMPTY("became_empty", Severity.CRITICAL),
        /** A column with several values in the reference has a single one in the current batch. */
        BECAME_CONSTANT("became_constant", Severity.CRITICAL),
        /** The missing share is above the reference's by more than the tolerance (one-sided, with confidence). */
        MISSING_SHARE("missing_share", Severity.WARNING),
        /** Values outside the reference's range (with the margin). */
        OUT_OF_RANGE("out_of_range", Severity.WARNING),
        /** Categories the reference never had. */
        NEW_CATEGORY("new_category", Severity.WARNING),
        /** The share of duplicated rows is above the reference's by more than the tolerance. */
        DUPLICATED_ROWS("duplicated_rows", Severity.WARNING);

        private final String label;
        private final Severity severity;

        Condition(String label, Severity severity) {
            this.label = label;
            this.severity = severity;
        }

        /** The snake_case name used in the JSON result and in policies. */
        public String label() {
            return label;
        }

        /** How bad this condition is. */
        public Severity severity() {
            return severity;
        }
    }
}
