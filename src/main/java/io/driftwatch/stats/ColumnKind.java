package io.driftwatch.stats;

/** The two kinds of column a drift test can apply to. */
public enum ColumnKind {
    NUMERICAL,
    CATEGORICAL;

    /** The kind of {@code sample}: {@link NumericSamples} are numerical, {@link CategoryCounts} categorical. */
    public static ColumnKind of(ColumnSample sample) {
        return sample instanceof NumericSamples ? NUMERICAL : CATEGORICAL;
    }
}
