package io.driftwatch.profile;

import io.driftwatch.data.PhysicalType;
import java.util.Objects;

/**
 * What the data summary needs of one column beyond its {@link ColumnProfile}: the missing count,
 * whether the column is constant, how many rows its dominant value fills, and for numbers the
 * statistics pandas computes (missing values skipped, ±∞ kept, as pandas keeps them). Computed from
 * the raw column by {@link TableFacts#of}, for the reference and the current batch alike, so both
 * sides of a check are summarised by the same code.
 *
 * <p>Thread-safe: immutable.
 *
 * @param name the column
 * @param physicalType how the source stored it
 * @param rows cells, missing ones included
 * @param missing missing cells
 * @param majority rows holding the value that fills more than half of the rows, or 0 when no value
 *     does (enough to decide Evidently's almost-constant test, whose threshold is 95 %)
 * @param constant whether the column has at most one distinct non-missing value (pandas'
 *     {@code nunique() <= 1}: an all-missing column is constant)
 * @param numbers the numeric statistics, or null for a text column
 */
public record ColumnFacts(String name, PhysicalType physicalType, int rows, int missing, int majority,
        boolean constant, Numbers numbers) {

    public ColumnFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(physicalType, "physicalType");
        if (physicalType.isNumericStorage() != (numbers != null)) {
            throw new IllegalArgumentException("column '" + name + "': numbers go with numeric storage only");
        }
    }

    /**
     * A numeric column's statistics as pandas 1.5 computes them on a {@code float64} or
     * {@code int64} series (NaN skipped, ±∞ kept): {@code min()}, {@code max()}, {@code mean()}
     * (NumPy's pairwise sum over the column with missing cells as 0, divided by the count),
     * {@code std()} (two-pass, ddof 1), {@code quantile(q)} (NumPy's linear interpolation, including
     * its arithmetic on infinities); NaN where pandas gives NaN (no value; the deviation of one value).
     *
     * @param negativeInfinite cells holding −∞
     * @param positiveInfinite cells holding +∞
     */
    public record Numbers(int negativeInfinite, int positiveInfinite, double min, double max, double mean, double std,
            double quantile25, double quantile50, double quantile75) {
    }
}
