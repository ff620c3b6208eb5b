package io.driftwatch.profile;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.profile.internal.Workers;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Duplicated and empty rows of a table, as pandas counts them: {@code df.duplicated().sum()} (rows
 * equal in every column to an earlier row; missing equals missing, −0.0 equals 0.0) and
 * {@code df.isna().all(axis=1).sum()}.
 *
 * <p>How: every row has a 64-bit hash (added up column by column while {@link ColumnScan} reads the
 * columns); the rows are split by the hash's top bits into partitions of about a thousand rows, and
 * each partition (in parallel) walks its rows in order through a small open-addressing table of the
 * distinct rows seen so far. A row whose hash matches a kept row is compared with it cell by cell:
 * equal, it is a duplicate; unequal (a collision), the probe goes on, so distinct rows with equal
 * hashes are each kept. Linear time, no row objects. Empty rows take a pass of their own, and only
 * when every column has a missing cell.
 *
 * <p>Deliberately low-level. Thread-safe: stateless.
 */
final class RowDuplicates {
    private static final int RANGE = 4096;
    private static final int PARTITION_ROWS = 1024;

    private RowDuplicates() {
    }

    /** Rows missing in every column ({@code rows} when there is no column: {@code all} of nothing is true). */
    static long emptyRows(List<Column> columns, int rows, Executor executor) {
        for (Column c : columns) {
            if (c.missingCount() == 0) {
                return 0;
            }
        }
        if (columns.isEmpty()) {
            return rows;
        }
        AtomicLong empty = new AtomicLong();
        int ranges = (rows + RANGE - 1) / RANGE;
        Workers.run(executor, ranges, () -> new boolean[RANGE], (range, all) -> {
            int from = range * RANGE;
            int n = Math.min(RANGE, rows - from);
            java.util.Arrays.fill(all, 0, n, true);
            for (Column c : columns) {
                for (int i = 0; i < n; i++) {
                    all[i] &= c.isMissing(from + i);
                }
            }
            long e = 0;
            for (int i = 0; i < n; i++) {
                e += all[i] ? 1 : 0;
            }
            empty.addAndGet(e);
        });
        return empty.get();
    }

    /** Rows equal to an earlier row, given every row's hash (rows with equal hashes are compared cell by cell). */
    static long duplicates(List<Column> columns, long[] hashes, Executor executor) {
        int rows = hashes.length;
        int bits = 0;
        while (bits < 24 && (rows >>> bits) > PARTITION_ROWS) {
            bits++;
        }
        int partitions = 1 << bits;
        int[] start = new int[partitions + 1];
        int shift = 64 - bits;
        for (long h : hashes) {
            start[bits == 0 ? 1 : (int) (h >>> shift) + 1]++;
        }
        int largest = 0;
        for (int p = 0; p < partitions; p++) {
            largest = Math.max(largest, start[p + 1]);
            start[p + 1] += start[p];
        }
        int[] fill = java.util.Arrays.copyOf(start, partitions);
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            int p = bits == 0 ? 0 : (int) (hashes[r] >>> shift);
            order[fill[p]++] = r; // rows ascending within each partition
        }
        Column[] cols = columns.toArray(new Column[0]);
        AtomicLong duplicated = new AtomicLong();
        int tableSize = Integer.highestOneBit(Math.max(1, largest)) << 2;
        Workers.run(executor, partitions, () -> new int[tableSize], (p, table) -> {
            long d = partition(cols, hashes, order, start[p], start[p + 1], table);
            if (d > 0) {
                duplicated.addAndGet(d);
            }
        });
        return duplicated.get();
    }

    /** Duplicates among rows {@code order[from, to)} (ascending), with a table of kept rows (row + 1, 0 = free). */
    private static long partition(Column[] columns, long[] hashes, int[] order, int from, int to, int[] table) {
        int size = to - from;
        if (size < 2) {
            return 0;
        }
        int capacity = Integer.highestOneBit(size) << 2;
        int mask = capacity - 1;
        java.util.Arrays.fill(table, 0, capacity, 0);
        long duplicated = 0;
        for (int k = from; k < to; k++) {
            int row = order[k];
            long h = hashes[row];
            int slot = (int) h & mask;
            while (true) {
                int kept = table[slot];
                if (kept == 0) {
                    table[slot] = row + 1;
                    break;
                }
                if (hashes[kept - 1] == h && rowsEqual(columns, kept - 1, row)) {
                    duplicated++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return duplicated;
    }

    /** Whether rows {@code a} and {@code b} hold equal cells in every column (missing equals missing). */
    static boolean rowsEqual(Column[] columns, int a, int b) {
        for (Column column : columns) {
            if (column instanceof NumericColumn numbers) {
                double x = numbers.value(a);
                double y = numbers.value(b);
                if (x != y && (x == x || y == y)) {
                    return false;
                }
            } else {
                CategoricalColumn labels = (CategoricalColumn) column;
                if (labels.code(a) != labels.code(b)) {
                    return false;
                }
            }
        }
        return true;
    }
}
