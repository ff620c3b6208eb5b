package io.driftwatch.analysis;

import io.driftwatch.data.Chunks;
import io.driftwatch.data.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the estimate and multivariate analyses split a batch into chunks, each with its own value
 * (the {@code chunks:} of a monitor's {@code estimate:} and {@code multivariate:} sections): into
 * {@code count} chunks (NannyML's {@code CountBasedChunker}, its default being 10), into runs of
 * {@code size} rows ({@code SizeBasedChunker}), or into windows of {@code period} over the monitor's
 * datetime column ({@code PeriodBasedChunker}, windows aligned as {@link Chunks#byTime} says). Rows
 * left over by a count or a size form a last, shorter chunk, NannyML's default ({@code incomplete='keep'}).
 * The reference is split with the same rule, and its chunks give the thresholds.
 *
 * <p>Thread-safe: immutable.
 *
 * @param kind how the batch is split
 * @param count the number of chunks ({@link Kind#COUNT}), else 0
 * @param size the rows per chunk ({@link Kind#SIZE}), else 0
 * @param period the window length ({@link Kind#PERIOD}), else null
 * @param column the timestamp column windows are cut by ({@link Kind#PERIOD}), else null
 */
public record Chunking(Kind kind, int count, int size, Duration period, String column) {
    /** NannyML's default chunker: 10 chunks by count. */
    public static final int DEFAULT_COUNT = 10;

    /** How a batch is split. */
    public enum Kind {
        /** A given number of chunks. */
        COUNT,
        /** Chunks of a given number of rows. */
        SIZE,
        /** Windows of a given length over a timestamp column. */
        PERIOD
    }

    public Chunking {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case COUNT -> {
                if (count < 1) {
                    throw new IllegalArgumentException("chunk count must be at least 1, got " + count);
                }
            }
            case SIZE -> {
                if (size < 1) {
                    throw new IllegalArgumentException("chunk size must be at least 1 row, got " + size);
                }
            }
            case PERIOD -> {
                Objects.requireNonNull(period, "period");
                Objects.requireNonNull(column, "column");
                if (period.toMillis() < 1) {
                    throw new IllegalArgumentException("chunk period must be at least 1 ms, got " + period);
                }
            }
        }
    }

    /** {@code n} chunks. */
    public static Chunking count(int n) {
        return new Chunking(Kind.COUNT, n, 0, null, null);
    }

    /** Chunks of {@code rows} rows. */
    public static Chunking size(int rows) {
        return new Chunking(Kind.SIZE, 0, rows, null, null);
    }

    /** Windows of {@code period} over the timestamp column {@code column}. */
    public static Chunking period(Duration period, String column) {
        return new Chunking(Kind.PERIOD, 0, 0, period, column);
    }

    /** NannyML's default: {@value #DEFAULT_COUNT} chunks. */
    public static Chunking defaults() {
        return count(DEFAULT_COUNT);
    }

    /**
     * The chunks of {@code table}, in row or time order; rows whose time is missing are in no window.
     *
     * @throws IllegalArgumentException with a message for the user when the table cannot be split so
     *     (more chunks than rows, no such timestamp column, a column that holds no times)
     */
    public List<? extends Chunks.Chunk> split(Table table) {
        return switch (kind) {
            case COUNT -> {
                if (table.rowCount() < count) {
                    throw new IllegalArgumentException("cannot split " + table.rowCount() + " rows into " + count
                            + " chunks: give fewer chunks (chunks: {count: …}) or a size ({size: …})");
                }
                yield Chunks.byCount(table, count, Chunks.Remainder.KEEP);
            }
            case SIZE -> Chunks.byRows(table.rowCount(), size, Chunks.Remainder.KEEP);
            case PERIOD -> Chunks.byTime(table, column, period.toMillis()).chunks();
        };
    }

    /** {@code 10 chunks}, {@code chunks of 5000 rows}, {@code 1d chunks by dteday}, for messages and reports. */
    public String describe() {
        return switch (kind) {
            case COUNT -> count + (count == 1 ? " chunk" : " chunks");
            case SIZE -> "chunks of " + size + (size == 1 ? " row" : " rows");
            case PERIOD -> periodText() + " chunks by " + column;
        };
    }

    /** The period as a monitor file writes it ({@code 1d}, {@code 6h}, {@code 90s}); null for row chunks. */
    public String periodText() {
        if (period == null) {
            return null;
        }
        long ms = period.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        throw new AssertionError("every whole millisecond count is a multiple of 1 ms");
    }

    /**
     * Where one chunk lies in its batch: its rows {@code [fromRow, toRow)} for a row chunk, its window
     * {@code [from, to)} for a time chunk (the other pair null).
     *
     * @param index the chunk's position in its batch, from 0
     * @param rows the chunk's row count
     */
    public record Window(int index, int rows, Integer fromRow, Integer toRow, Instant from, Instant to) {
        /** {@code rows 0–499} or {@code 2011-01-01 – 2011-01-02}, for reports. */
        public String label() {
            if (from != null) {
                return from + " – " + to;
            }
            return String.format(Locale.ROOT, "rows %,d–%,d", fromRow, toRow - 1);
        }
    }

    /** Where each of {@code chunks} lies, in order. */
    public static List<Window> windows(List<? extends Chunks.Chunk> chunks) {
        List<Window> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunks.Chunk c = chunks.get(i);
            if (c instanceof Chunks.TimeChunk t) {
                out.add(new Window(i, t.rowCount(), null, null, t.from(), t.to()));
            } else {
                Chunks.RowChunk r = (Chunks.RowChunk) c;
                out.add(new Window(i, r.rowCount(), r.fromRow(), r.toRow(), null, null));
            }
        }
        return List.copyOf(out);
    }
}
