package io.driftwatch.data;

import java.util.Arrays;

/**
 * Distinct-value counts of a column, the one summary type inference needs. Counts exclude missing
 * cells, as pandas' {@code nunique()} does.
 */
public final class ColumnStats {
    private ColumnStats() {
    }

    /**
     * Whether {@code column} holds at most {@code limit} distinct non-missing values: the question
     * type inference asks of integer columns. One pass that remembers the first {@code limit}
     * distinct values and stops at one more, with no copy and no sort (a million-row column of
     * many values answers after a few cells).
     */
    public static boolean atMostDistinct(NumericColumn column, int limit) {
        double[] seen = new double[limit];
        int distinct = 0;
        for (int i = 0, n = column.length(); i < n; i++) {
            double x = column.value(i);
            if (x != x) {
                continue;
            }
            boolean known = false;
            for (int k = 0; k < distinct; k++) {
                if (seen[k] == x) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                if (distinct == limit) {
                    return false;
                }
                seen[distinct++] = x;
            }
        }
        return true;
    }

    /** Number of distinct non-missing values of {@code column}. */
    public static int distinctCount(Column column) {
        if (column instanceof NumericColumn n) {
            return distinctFinite(n);
        }
        return distinctCodes((CategoricalColumn) column);
    }

    private static int distinctFinite(NumericColumn column) {
        double[] v = new double[column.length()];
        int n = 0;
        for (int i = 0; i < column.length(); i++) {
            double x = column.value(i);
            if (x == x) {
                v[n++] = x;
            }
        }
        Arrays.sort(v, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || v[i] != v[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    private static int distinctCodes(CategoricalColumn column) {
        long[] counts = column.countsByCode();
        int distinct = 0;
        for (long c : counts) {
            if (c > 0) {
                distinct++;
            }
        }
        return distinct;
    }
}
