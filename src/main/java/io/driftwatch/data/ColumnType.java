package io.driftwatch.data;

/**
 * What a column means for drift testing, as Evidently 0.7 types columns: numerical and categorical
 * columns are drift-tested; text, datetime and unsupported columns are not (text drift needs a
 * text classifier, which is out of scope).
 */
public enum ColumnType {
    NUMERICAL("numerical"),
    CATEGORICAL("categorical"),
    TEXT("text"),
    DATETIME("datetime"),
    /** Nothing Evidently would test: an all-missing text column, say. */
    UNSUPPORTED("unsupported");

    private final String label;

    ColumnType(String label) {
        this.label = label;
    }

    /** The lower-case name used in monitor files, JSON results and reports. */
    public String label() {
        return label;
    }

    /** Whether columns of this type are drift-tested. */
    public boolean isTested() {
        return this == NUMERICAL || this == CATEGORICAL;
    }

    /** The type called {@code label} (case-insensitive). */
    public static ColumnType fromLabel(String label) {
        for (ColumnType t : values()) {
            if (t.label.equalsIgnoreCase(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + label + "'");
    }
}
