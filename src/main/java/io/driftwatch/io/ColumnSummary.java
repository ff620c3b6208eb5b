package io.driftwatch.io;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code driftwatch inspect} prints for one column: its inferred type, size, missing and
 * distinct counts, and the range (numbers, dates) or the most frequent categories.
 *
 * @param name the column name
 * @param type the inferred type
 * @param rows number of cells
 * @param missing number of missing cells
 * @param distinct number of distinct non-missing values
 * @param min the smallest finite value, NaN for categorical columns or when there is none
 * @param max the largest finite value, NaN for categorical columns or when there is none
 * @param topCategories the most frequent labels with their counts, most frequent first; empty for numbers
 */
public record ColumnSummary(String name, ColumnType type, int rows, int missing, int distinct, double min, double max,
        List<Category> topCategories) {

    /** A label and how often it occurs. */
    public record Category(String label, long count) {
    }

    public ColumnSummary {
        topCategories = List.copyOf(topCategories);
    }

    /** Summarises {@code column}, listing at most {@code maxCategories} categories. */
    public static ColumnSummary of(Column column, ColumnType type, int maxCategories) {
        if (column instanceof NumericColumn numbers) {
            return ofNumbers(numbers, type, maxCategories);
        }
        return ofCategories((CategoricalColumn) column, type, maxCategories);
    }

    private static ColumnSummary ofNumbers(NumericColumn column, ColumnType type, int maxCategories) {
        double[] values = column.values();
        int n = 0;
        for (double v : values) {
            if (v == v) {
                values[n++] = v;
            }
        }
        Arrays.sort(values, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        double min = Double.NaN;
        double max = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(values[i])) {
                min = values[i];
                break;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (Double.isFinite(values[i])) {
                max = values[i];
                break;
            }
        }
        List<Category> top = type == ColumnType.CATEGORICAL ? topValues(values, n, distinct, maxCategories) : List.of();
        return new ColumnSummary(column.name(), type, column.length(), column.missingCount(), distinct, min, max, top);
    }

    /** The most frequent values of {@code sorted[0, n)}, for numbers used as categories. */
    private static List<Category> topValues(double[] sorted, int n, int distinct, int max) {
        double[] keys = new double[distinct];
        long[] counts = new long[distinct];
        int k = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                keys[++k] = sorted[i];
            }
            counts[k]++;
        }
        Integer[] order = new Integer[distinct];
        for (int i = 0; i < distinct; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[b] != counts[a] ? Long.compare(counts[b], counts[a]) : Double.compare(keys[a], keys[b]));
        List<Category> top = new ArrayList<>();
        for (int i = 0; i < distinct && top.size() < max; i++) {
            double v = keys[order[i]];
            String label = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            top.add(new Category(label, counts[order[i]]));
        }
        return top;
    }

    private static ColumnSummary ofCategories(CategoricalColumn column, ColumnType type, int maxCategories) {
        long[] counts = column.countsByCode();
        Integer[] order = new Integer[counts.length];
        int distinct = 0;
        for (int i = 0; i < counts.length; i++) {
            order[i] = i;
            if (counts[i] > 0) {
                distinct++;
            }
        }
        Arrays.sort(order, (a, b) -> counts[b] != counts[a] ? Long.compare(counts[b], counts[a])
                : column.label(a).compareTo(column.label(b)));
        List<Category> top = new ArrayList<>();
        for (int i = 0; i < order.length && top.size() < maxCategories; i++) {
            if (counts[order[i]] > 0) {
                top.add(new Category(column.label(order[i]), counts[order[i]]));
            }
        }
        return new ColumnSummary(column.name(), type, column.length(), column.missingCount(), distinct, Double.NaN,
                Double.NaN, top);
    }
}
