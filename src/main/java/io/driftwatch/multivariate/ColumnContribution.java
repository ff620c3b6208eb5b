package io.driftwatch.multivariate;

import java.util.Objects;

/**
 * One feature column's part in a chunk's reconstruction error: the mean over the chunk's rows of
 * the squared difference between the column's standardised value and its reconstruction, and that
 * mean's share of the sum over all columns. The squared row error is the sum of the columns'
 * squared differences, so the shares say which columns the principal components no longer explain.
 *
 * <p>Thread-safe: immutable.
 *
 * @param column the feature column
 * @param meanSquaredError mean over the chunk's rows of the column's squared reconstruction difference
 * @param share {@code meanSquaredError} over the sum of all columns' (0 to 1; NaN when that sum is 0)
 */
public record ColumnContribution(String column, double meanSquaredError, double share) {
    public ColumnContribution {
        Objects.requireNonNull(column, "column");
    }
}
