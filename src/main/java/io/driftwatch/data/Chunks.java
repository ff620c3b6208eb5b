package io.driftwatch.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits one batch into chunks, one drift check each (NannyML's "chunking"): by time, into windows
 * of a fixed length over a timestamp column, or by row count, into consecutive runs of rows; and
 * {@link #select selects} a chunk's rows as a table of their own.
 *
 * <p>Time windows are aligned, not anchored on the first row: a window of length {@code s} starts
 * at a multiple of {@code s} after 1970-01-01T00:00Z, so hourly windows start on the hour and daily
 * windows at midnight UTC. A length that is a whole number of weeks counts from Monday
 * 1970-01-05T00:00Z instead (1970-01-01 was a Thursday), so weekly windows are ISO weeks, Monday to
 * Monday, UTC. A window is {@code [fromMillis, toMillis)}: a row exactly on a boundary belongs to
 * the later window.
 *
 * <p>Linear time: each row's window start is computed once and numbered through an open-addressing
 * table keyed by the start (no boxing), so only the distinct windows are sorted.
 *
 * <p>Thread-safe: stateless; the chunks returned are immutable.
 */
public final class Chunks {
    /** The longest window, 2^62 ms (about 146 million years), so that no bound overflows. */
    public static final long MAX_WINDOW_MILLIS = 1L << 62;
    /** Times further than this from the epoch (±100,000,000 days, as JavaScript dates) are rejected. */
    static final double MAX_ABS_TIME_MILLIS = 8.64e15;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long WEEK_MILLIS = 7 * DAY_MILLIS;
    /** Monday 1970-01-05T00:00Z, the origin of windows that are whole weeks. */
    private static final long FIRST_MONDAY_MILLIS = 4 * DAY_MILLIS;

    private Chunks() {
    }

    /** A chunk of a table: the rows it holds, in their original order. */
    public sealed interface Chunk permits TimeChunk, RowChunk {

        /** The row indices of the chunk in ascending order; a new array on each call. */
        int[] rows();

        /** Number of rows in the chunk. */
        int rowCount();
    }

    /**
     * The rows whose time lies in the window {@code [fromMillis, toMillis)}, epoch milliseconds UTC.
     *
     * @param fromMillis start of the window, inclusive
     * @param toMillis end of the window, exclusive
     * @param rows row indices, ascending; the record keeps a copy
     */
    public record TimeChunk(long fromMillis, long toMillis, int[] rows) implements Chunk {
        public TimeChunk {
            if (toMillis <= fromMillis) {
                throw new IllegalArgumentException("empty window [" + fromMillis + ", " + toMillis + ")");
            }
            rows = rows.clone();
        }

        /** The start of the window. */
        public Instant from() {
            return Instant.ofEpochMilli(fromMillis);
        }

        /** The end of the window, exclusive. */
        public Instant to() {
            return Instant.ofEpochMilli(toMillis);
        }

        @Override
        public int[] rows() {
            return rows.clone();
        }

        @Override
        public int rowCount() {
            return rows.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimeChunk other && fromMillis == other.fromMillis && toMillis == other.toMillis
                    && Arrays.equals(rows, other.rows);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromMillis, toMillis, Arrays.hashCode(rows));
        }

        @Override
        public String toString() {
            return "TimeChunk[" + from() + ", " + to() + ", " + rows.length + " rows]";
        }
    }

    /**
     * The consecutive rows {@code [fromRow, toRow)}.
     *
     * @param fromRow first row, inclusive
     * @param toRow last row, exclusive
     */
    public record RowChunk(int fromRow, int toRow) implements Chunk {
        public RowChunk {
            if (fromRow < 0 || toRow < fromRow) {
                throw new IllegalArgumentException("bad row range [" + fromRow + ", " + toRow + ")");
            }
        }

        @Override
        public int[] rows() {
            int[] rows = new int[toRow - fromRow];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = fromRow + i;
            }
            return rows;
        }

        @Override
        public int rowCount() {
            return toRow - fromRow;
        }
    }

    /**
     * The result of chunking by time.
     *
     * @param chunks the non-empty windows, in time order
     * @param rowsWithoutTime rows whose time is missing, which are in no chunk
     */
    public record TimeChunking(List<TimeChunk> chunks, int rowsWithoutTime) {
        public TimeChunking {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Splits {@code table} into windows of {@code windowMillis} over the timestamp column
     * {@code column}, aligned as the class comment says. Only windows holding at least one row are
     * returned; rows whose time is missing are counted, not placed.
     *
     * @throws IllegalArgumentException when the window is not positive or exceeds
     *     {@link #MAX_WINDOW_MILLIS}, when there is no such column or it is not a
     *     {@link PhysicalType#TIMESTAMP} column, or when a time lies more than 8.64e15 ms (about
     *     273,790 years) from the epoch
     */
    public static TimeChunking byTime(Table table, String column, long windowMillis) {
        if (windowMillis <= 0 || windowMillis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("chunk window must be between 1 ms and " + MAX_WINDOW_MILLIS
                    + " ms, got " + windowMillis + " ms");
        }
        Column found = table.column(column).orElseThrow(() -> new IllegalArgumentException(
                "cannot chunk by time: no column '" + column + "' among " + names(table.schema())));
        if (!(found instanceof NumericColumn) || found.physicalType() != PhysicalType.TIMESTAMP) {
            throw new IllegalArgumentException("cannot chunk by time on column '" + column + "': it holds "
                    + found.physicalType() + " values, not dates or timestamps (TIMESTAMP)");
        }
        NumericColumn times = (NumericColumn) found;
        long origin = windowMillis % WEEK_MILLIS == 0 ? FIRST_MONDAY_MILLIS : 0;
        int n = times.length();
        int[] windowOfRow = new int[n];
        WindowIndex index = new WindowIndex();
        int withoutTime = 0;
        long lastStart = Long.MIN_VALUE; // no window starts there: starts are >= -8.64e15 - 2^62
        int lastWindow = -1;
        for (int i = 0; i < n; i++) {
            double v = times.value(i);
            if (v != v) {
                windowOfRow[i] = -1;
                withoutTime++;
                continue;
            }
            if (!(Math.abs(v) <= MAX_ABS_TIME_MILLIS)) {
                throw new IllegalArgumentException("cannot chunk by time on column '" + column + "': row " + i
                        + " holds " + v + " ms, more than 8.64e15 ms from 1970-01-01");
            }
            long t = (long) Math.floor(v);
            long start = t - Math.floorMod(t - origin, windowMillis);
            if (start != lastStart) {
                lastStart = start;
                lastWindow = index.numberOf(start);
            }
            windowOfRow[i] = lastWindow;
        }
        int windows = index.size();
        long[] sortedStarts = Arrays.copyOf(index.starts, windows);
        Arrays.sort(sortedStarts);
        int[] rankOfWindow = new int[windows];
        for (int w = 0; w < windows; w++) {
            rankOfWindow[w] = Arrays.binarySearch(sortedStarts, index.starts[w]);
        }
        int[] counts = new int[windows];
        for (int i = 0; i < n; i++) {
            int w = windowOfRow[i];
            if (w >= 0) {
                counts[rankOfWindow[w]]++;
            }
        }
        int[][] rows = new int[windows][];
        for (int r = 0; r < windows; r++) {
            rows[r] = new int[counts[r]];
        }
        int[] filled = new int[windows];
        for (int i = 0; i < n; i++) {
            int w = windowOfRow[i];
            if (w >= 0) {
                int r = rankOfWindow[w];
                rows[r][filled[r]++] = i;
            }
        }
        List<TimeChunk> chunks = new ArrayList<>(windows);
        for (int r = 0; r < windows; r++) {
            chunks.add(new TimeChunk(sortedStarts[r], sortedStarts[r] + windowMillis, rows[r]));
        }
        return new TimeChunking(chunks, withoutTime);
    }

    /**
     * Splits {@code table} into consecutive runs of {@code size} rows; the last run holds the
     * remainder and may be shorter. A table without rows has no chunk.
     *
     * @throws IllegalArgumentException when {@code size} is not positive
     */
    public static List<RowChunk> byRows(Table table, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be at least 1 row, got " + size);
        }
        int n = table.rowCount();
        List<RowChunk> chunks = new ArrayList<>(n / size + 1);
        for (int from = 0; from < n; from += size) {
            chunks.add(new RowChunk(from, (int) Math.min((long) from + size, n)));
        }
        return chunks;
    }

    /**
     * What NannyML's {@code SizeBasedChunker} and {@code CountBasedChunker} do with the rows left
     * over when the row count is not a multiple of the chunk size ({@code incomplete=}).
     */
    public enum Remainder {
        /** A last, shorter chunk holds them (NannyML's default, {@code 'keep'}). */
        KEEP,
        /** They are added to the last full chunk, which becomes longer ({@code 'append'}). */
        APPEND,
        /** They are in no chunk ({@code 'drop'}). */
        DROP
    }

    /**
     * Splits {@code rowCount} rows into consecutive runs of {@code size} rows, the leftover rows
     * treated as {@code remainder} says: NannyML's {@code SizeBasedChunker(chunk_size, incomplete)}.
     * With {@link Remainder#APPEND} and fewer rows than {@code size}, there is no full chunk to append
     * to, so the rows form one chunk (NannyML fails with an {@code IndexError} there).
     *
     * @throws IllegalArgumentException when {@code size} is not positive or {@code rowCount} negative
     */
    public static List<RowChunk> byRows(int rowCount, int size, Remainder remainder) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be at least 1 row, got " + size);
        }
        if (rowCount < 0) {
            throw new IllegalArgumentException("row count must not be negative, got " + rowCount);
        }
        Objects.requireNonNull(remainder, "remainder");
        int full = rowCount / size;
        int left = rowCount - full * size;
        List<RowChunk> chunks = new ArrayList<>(full + 1);
        for (int c = 0; c < full; c++) {
            chunks.add(new RowChunk(c * size, (c + 1) * size));
        }
        if (left > 0) {
            switch (remainder) {
                case KEEP -> chunks.add(new RowChunk(full * size, rowCount));
                case APPEND -> {
                    if (full == 0) {
                        chunks.add(new RowChunk(0, rowCount));
                    } else {
                        chunks.set(full - 1, new RowChunk((full - 1) * size, rowCount));
                    }
                }
                case DROP -> {
                }
            }
        }
        return chunks;
    }

    /**
     * Splits {@code table} into {@code count} chunks as NannyML's {@code CountBasedChunker} does:
     * the chunk size is {@code rowCount / count} (rounded down) and the leftover rows are treated as
     * {@code remainder} says, so with {@link Remainder#KEEP} (NannyML's default) a row count that is
     * not a multiple of {@code count} gives {@code count + 1} chunks, the last one shorter. A table
     * without rows has no chunk.
     *
     * @throws IllegalArgumentException when {@code count} is not positive, or exceeds the row count of
     *     a table that has rows (each chunk needs at least one row)
     */
    public static List<RowChunk> byCount(Table table, int count, Remainder remainder) {
        return byCount(table.rowCount(), count, remainder);
    }

    /** {@link #byCount(Table, int, Remainder)} on {@code rowCount} rows. */
    public static List<RowChunk> byCount(int rowCount, int count, Remainder remainder) {
        if (count <= 0) {
            throw new IllegalArgumentException("chunk count must be at least 1, got " + count);
        }
        if (rowCount == 0) {
            return List.of();
        }
        if (count > rowCount) {
            throw new IllegalArgumentException("cannot split " + rowCount + " rows into " + count
                    + " chunks: each chunk needs at least one row");
        }
        return byRows(rowCount, rowCount / count, remainder);
    }

    /**
     * A new table of the same schema holding the cells of {@code rows}, in that order (repeats
     * allowed). Numeric cells are copied with their missing cells; a categorical column keeps only
     * the labels the selected cells use, in their order of first appearance.
     *
     * @throws IndexOutOfBoundsException when a row is outside the table
     */
    public static Table select(Table table, int[] rows) {
        int rowCount = table.rowCount();
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (row < 0 || row >= rowCount) {
                throw new IndexOutOfBoundsException("rows[" + i + "] = " + row + " is outside the table of "
                        + rowCount + " rows");
            }
        }
        List<Column> columns = new ArrayList<>(table.columnCount());
        for (Column column : table.columns()) {
            if (column instanceof NumericColumn numeric) {
                columns.add(numeric.select(rows));
            } else {
                columns.add(((CategoricalColumn) column).select(rows));
            }
        }
        return Table.of(columns);
    }

    private static List<String> names(Schema schema) {
        List<String> names = new ArrayList<>(schema.size());
        for (Field field : schema.fields()) {
            names.add(field.name());
        }
        return names;
    }

    /**
     * Numbers window starts in order of first appearance: an open-addressing table from start to
     * number, linear probing, kept at most half full.
     */
    private static final class WindowIndex {
        long[] starts = new long[16];
        private int size;
        private long[] slotStarts = new long[32];
        private int[] slotNumbers = new int[32]; // number + 1, 0 = empty

        int size() {
            return size;
        }

        int numberOf(long start) {
            int mask = slotNumbers.length - 1;
            int slot = hash(start) & mask;
            while (slotNumbers[slot] != 0) {
                if (slotStarts[slot] == start) {
                    return slotNumbers[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
            }
            starts[size] = start;
            slotStarts[slot] = start;
            slotNumbers[slot] = ++size;
            if (2 * size > slotNumbers.length) {
                rehash();
            }
            return size - 1;
        }

        private void rehash() {
            long[] keys = new long[slotStarts.length * 2];
            int[] numbers = new int[keys.length];
            int mask = keys.length - 1;
            for (int w = 0; w < size; w++) {
                int slot = hash(starts[w]) & mask;
                while (numbers[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = starts[w];
                numbers[slot] = w + 1;
            }
            slotStarts = keys;
            slotNumbers = numbers;
        }

        /** Starts are multiples of the window, so the bits are mixed (MurmurHash3's finaliser). */
        private static int hash(long key) {
            long h = key;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) h;
        }
    }
}
