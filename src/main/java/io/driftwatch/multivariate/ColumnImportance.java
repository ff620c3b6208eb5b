package io.driftwatch.multivariate;

import java.util.Objects;

/**
 * One feature column's part in a domain classifier: its share of the trees' total split gain
 * (Smile's {@code importance()}: the decrease in squared error of every split on the column,
 * summed over the trees of all folds).
 *
 * <p>Thread-safe: immutable.
 *
 * @param column the feature column
 * @param share the column's gain over all columns' (0 to 1; NaN when the trees made no split)
 */
public record ColumnImportance(String column, double share) {
    public ColumnImportance {
        Objects.requireNonNull(column, "column");
    }
}
