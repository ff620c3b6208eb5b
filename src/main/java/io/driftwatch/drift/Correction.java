package io.driftwatch.drift;

/**
 * Multiple-testing correction of the p-values of a check's p-value tests (distance tests are left
 * alone). Not in Evidently: with 50 columns and a 5 % threshold, about two columns of identical data
 * drift by chance; a correction keeps that false alarm rate per check instead of per column.
 */
public enum Correction {
    /** Evidently's behaviour: each column's p-value is compared with the threshold as it is. */
    NONE("none"),
    /** Each p-value times the number of p-value tests (capped at 1): controls the family-wise error rate. */
    BONFERRONI("bonferroni"),
    /** Benjamini-Hochberg step-up adjusted p-values: controls the false discovery rate. */
    BENJAMINI_HOCHBERG("benjamini-hochberg");

    private final String label;

    Correction(String label) {
        this.label = label;
    }

    /** The name used in monitor files and JSON. */
    public String label() {
        return label;
    }

    /** The correction called {@code label} (case-insensitive). */
    public static Correction fromLabel(String label) {
        for (Correction c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown correction '" + label + "' (none, bonferroni, benjamini-hochberg)");
    }
}
