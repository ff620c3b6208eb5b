package io.driftwatch.integrity;

import java.util.List;
import java.util.Objects;

/**
 * Evidently 0.7.21's {@code DataSummaryPreset} metrics of one batch: the dataset statistics, then the
 * value statistics of every categorical column and then every numerical column (datetime and text
 * columns count in the dataset statistics only). Definitions are Evidently's (see docs/integrity.md):
 * duplicated and almost-duplicated columns are counted in pairs, all-missing columns also count as
 * constant, and the dataset's missing share is missing cells per row.
 *
 * <p>Thread-safe: immutable.
 *
 * @param rows rows of the batch
 * @param columnCounts columns of the batch, in total and by type
 * @param duplicatedRows rows equal to an earlier row in every column (missing equals missing)
 * @param duplicatedColumns pairs of columns of the same storage type with equal values in every row
 *     (missing equals missing)
 * @param almostDuplicatedColumns pairs of columns of the same storage type equal in at least 95 % of
 *     the rows (missing never equal)
 * @param almostConstantColumns columns whose most frequent value fills at least 95 % of the rows
 * @param emptyRows rows missing in every column
 * @param emptyColumns columns missing in every row
 * @param constantColumns columns with at most one distinct non-missing value
 * @param missingCells missing cells in the batch
 * @param columns value statistics, categorical columns first, then numerical, each in table order
 */
public record DataSummary(int rows, ColumnCounts columnCounts, long duplicatedRows, int duplicatedColumns,
        int almostDuplicatedColumns, int almostConstantColumns, long emptyRows, int emptyColumns,
        int constantColumns, long missingCells, List<ValueStats> columns) {

    public DataSummary {
        Objects.requireNonNull(columnCounts, "columnCounts");
        columns = List.copyOf(columns);
    }

    /** Missing cells per row, as Evidently defines the dataset's share (it can exceed 1); NaN without rows. */
    public double missingShare() {
        return rows == 0 ? Double.NaN : (double) missingCells / rows;
    }

    /** The columns of a batch, in total and by type. */
    public record ColumnCounts(int total, int numerical, int categorical, int datetime, int text) {
    }

    /** One column's value statistics (Evidently's {@code ValueStats}). */
    public sealed interface ValueStats permits NumericStats, CategoricalStats {
        /** The column. */
        String column();

        /** Rows of the batch. */
        int rows();

        /** Missing cells of the column. */
        long missing();

        /** Missing cells per row of the column; NaN without rows. */
        default double missingShare() {
            return rows() == 0 ? Double.NaN : (double) missing() / rows();
        }
    }

    /**
     * A numerical column's statistics, missing values skipped: min, max, mean, sample standard
     * deviation (ddof 1) and the quartiles with linear interpolation (pandas' default); NaN when the
     * column has no value (and the deviation with a single value).
     */
    public record NumericStats(String column, int rows, long missing, double min, double max, double mean,
            double std, double quantile25, double quantile50, double quantile75) implements ValueStats {
    }

    /**
     * A categorical column's value counts (missing values not counted), most frequent first (ties in
     * label order; numbers shown as categories by value).
     *
     * @param labels the distinct values as text
     * @param counts how many rows hold each
     */
    public record CategoricalStats(String column, int rows, long missing, List<String> labels, long[] counts)
            implements ValueStats {
        public CategoricalStats {
            labels = List.copyOf(labels);
            counts = counts.clone();
            if (labels.size() != counts.length) {
                throw new IllegalArgumentException("one count per label");
            }
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        /** The number of distinct values. */
        public int distinct() {
            return counts.length;
        }
    }
}
