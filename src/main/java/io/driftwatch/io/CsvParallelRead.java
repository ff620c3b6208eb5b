package io.driftwatch.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a large, uncompressed CSV file in parts on several threads and joins the parts into the
 * table a single {@link CsvReader} pass would give, cell for cell.
 *
 * <p>The file is cut at line feeds outside quotes ({@link CsvSource#splitPoints}); each part is
 * parsed by its own FastCSV reader into its own {@link CsvColumnsHandler}. A cut is trusted only
 * once the part before it ended outside a quoted field: the first part starts at the file start,
 * so by induction every part then starts at a record, exactly where a single pass would. A part
 * that ends inside an open quote means either a misleading quote count or a quote really left
 * open; either way the caller reads the file in one pass instead ({@link #read} returns null).
 *
 * <p>Joining: a column whose parts all kept one numeric candidate (number, boolean or timestamp)
 * is the parts' values one after the other, with the type flags of all parts (any decimal or
 * missing cell makes whole numbers {@code FLOAT}; a boolean column with a missing cell is text).
 * A column that every part read as text (or that held only missing cells in a part) is the
 * parts' text builders joined with their dictionaries remapped. Any other column (a part switched
 * to text, or the parts disagree) is read again as text, in parts too, as a single pass does.
 * Errors: the failure of the earliest failing part wins, since parts are in line order; its part
 * is parsed again knowing its first line so the message names the line in the file.
 *
 * <p>Memory: a numeric column's parts fill their slices of one array ({@link NumericColumnBuilder.Parts}),
 * sized from the line feeds counted while the cuts were sought ({@link CsvSource#cuts}), so the
 * joined column is that array, with no copy and no second array, when the prediction holds (a file
 * of plain records). Text columns likewise ({@link CategoricalColumnBuilder.Parts}): each later part's
 * codes are mapped onto the first part's dictionary where they lie.
 *
 * <p>Thread-safe: stateless; each call starts and stops its own threads.
 */
final class CsvParallelRead {
    private CsvParallelRead() {
    }

    /** The outcome of parsing one part: its handler, or the failure that stopped it. */
    private record Part(CsvColumnsHandler handler, UnreadableDatasetException failure) {
        boolean endedInsideQuotes() {
            return failure != null && failure.getCause() instanceof CsvParseException parse
                    && String.valueOf(parse.getMessage()).startsWith("Unclosed quoted field");
        }
    }

    /**
     * The table of the whole file, or null when the file should be read in one pass instead
     * (no header, too few line feeds to cut at, or a cut that turned out to fall inside quotes).
     */
    static Table read(CsvSource csv, String source, CsvOptions options, char delimiter, int expectedRows,
                      int parts) {
        String[] names = readHeader(csv, source, options, delimiter);
        if (names == null) {
            return null;
        }
        CsvSource.Cuts cuts;
        long[] starts;
        long size;
        try {
            cuts = csv.cuts(parts);
            starts = cuts.starts();
            size = csv.size();
        } catch (IOException e) {
            throw CsvReader.ioFailure(source, csv, e);
        }
        int m = starts.length;
        if (m < 2) {
            return null;
        }
        long[] ends = new long[m];
        for (int j = 0; j < m; j++) {
            ends[j] = j + 1 < m ? starts[j + 1] : size;
        }
        ExecutorService pool = Executors.newFixedThreadPool(m - 1, new PartThreads());
        try {
            // pass 1: every column's type, every numeric or text value; the numbers (or codes) of all
            // parts in one array per column, each part in its slice
            int[] predicted = predictedRows(cuts);
            NumericColumnBuilder.Parts[] numbers = new NumericColumnBuilder.Parts[names.length];
            CategoricalColumnBuilder.Parts[] labels = new CategoricalColumnBuilder.Parts[names.length];
            for (int i = 0; i < names.length; i++) {
                numbers[i] = new NumericColumnBuilder.Parts(names[i], predicted);
                labels[i] = new CategoricalColumnBuilder.Parts(names[i], predicted);
            }
            CsvColumnsHandler[] typed = new CsvColumnsHandler[m];
            for (int j = 0; j < m; j++) {
                int rows = j == 0 ? expectedRows : partRows(expectedRows, ends[j] - starts[j], size);
                typed[j] = CsvColumnsHandler.forTypedPass(source, options, CsvReader.MAX_LINE_CHARS, rows)
                        .intoSlices(numbers, labels, j);
            }
            Part[] first = parseAll(pool, csv, source, delimiter, starts, ends, names, typed);
            for (int j = 0; j < m; j++) {
                if (first[j].failure() == null) {
                    continue;
                }
                if (first[j].endedInsideQuotes() && j < m - 1) {
                    return null;
                }
                throw exactFailure(csv, source, options, delimiter, starts[j], ends[j], names, j,
                        first[j].failure());
            }
            CsvColumnsHandler head = typed[0];
            if (!head.sawHeader()) {
                return null; // cannot happen after readHeader, unless the file changed: read it once more
            }
            int totalRows = 0;
            for (CsvColumnsHandler h : typed) {
                totalRows = Math.addExact(totalRows, h.rows());
            }
            if (totalRows == 0) {
                throw new UnreadableDatasetException(source + ": the file has a header line but no data rows");
            }
            int n = head.columnCount();
            Column[] columns = new Column[n];
            boolean[] again = new boolean[n];
            boolean anyAgain = false;
            for (int i = 0; i < n; i++) {
                again[i] = !joinTyped(typed, i, columns);
                anyAgain |= again[i];
                for (CsvColumnsHandler h : typed) {
                    h.release(i);
                }
            }
            if (anyAgain) {
                // pass 2: the columns that turned out to be text, read again as text in the same parts
                CsvColumnsHandler[] text = new CsvColumnsHandler[m];
                for (int j = 0; j < m; j++) {
                    int rows = j == 0 ? totalRows : typed[j].rows();
                    text[j] = CsvColumnsHandler.forTextPass(source, options, CsvReader.MAX_LINE_CHARS, rows, again);
                }
                Part[] second = parseAll(pool, csv, source, delimiter, starts, ends, names, text);
                for (int j = 0; j < m; j++) {
                    if (second[j].failure() != null) {
                        throw second[j].failure();
                    }
                    if (text[j].rows() != typed[j].rows()) {
                        throw new UnreadableDatasetException(source + ": the file changed while it was being read");
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (again[i]) {
                        CategoricalColumnBuilder joined = text[0].textBuilder(i);
                        for (int j = 1; j < m; j++) {
                            joined.appendAll(text[j].textBuilder(i));
                            text[j].release(i);
                        }
                        columns[i] = joined.build();
                    }
                }
            }
            return Table.of(List.of(columns));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Joins column {@code i} of all parts into {@code columns[i]} when the parts alone tell its
     * content; false when it must be read again as text.
     */
    private static boolean joinTyped(CsvColumnsHandler[] parts, int i, Column[] columns) {
        byte kind = CsvColumnsHandler.SKIP; // the numeric candidate of the parts with values
        boolean anyText = false;
        boolean anyValue = false;
        boolean sawDecimal = false;
        boolean sawMissing = false;
        for (CsvColumnsHandler part : parts) {
            byte mode = part.mode(i);
            if (mode == CsvColumnsHandler.SWITCHED) {
                return false;
            }
            if (mode == CsvColumnsHandler.TEXT) {
                anyText = true;
                continue;
            }
            if (part.hasValue(i)) {
                if (anyValue && kind != mode) {
                    return false;
                }
                kind = mode;
                anyValue = true;
            }
            sawDecimal |= part.sawDecimal(i);
            sawMissing |= part.sawMissing(i);
        }
        if (anyText) {
            if (anyValue) {
                return false; // text and values of another kind: a single pass switches to text
            }
            // text parts joined, parts with only missing cells as missing cells
            CategoricalColumnBuilder joined = null;
            int missingBefore = 0;
            for (CsvColumnsHandler part : parts) {
                if (part.mode(i) != CsvColumnsHandler.TEXT) {
                    if (joined == null) {
                        missingBefore += part.rows();
                    } else {
                        joined.appendMissing(part.rows());
                    }
                } else if (joined == null) {
                    joined = part.textBuilder(i);
                    if (missingBefore > 0) {
                        // the first part with text was not the first part: keep the rows in order
                        CategoricalColumnBuilder ordered = new CategoricalColumnBuilder(joined.name(),
                                missingBefore + joined.length());
                        ordered.appendMissing(missingBefore);
                        ordered.appendAll(joined);
                        joined = ordered;
                    }
                } else {
                    joined.appendAll(part.textBuilder(i));
                }
            }
            columns[i] = joined.build();
            return true;
        }
        if (kind == CsvColumnsHandler.BOOLEAN && sawMissing) {
            return false; // pandas reads it as object: the original spellings are needed
        }
        NumericColumnBuilder joined = parts[0].rawNumericBuilder(i);
        for (int j = 1; j < parts.length; j++) {
            joined.appendAll(parts[j].rawNumericBuilder(i));
            parts[j].release(i);
        }
        PhysicalType type = switch (kind) {
            case CsvColumnsHandler.BOOLEAN -> PhysicalType.BOOLEAN;
            case CsvColumnsHandler.TIMESTAMP -> PhysicalType.TIMESTAMP;
            default -> anyValue && !sawDecimal && !sawMissing ? PhysicalType.INTEGER : PhysicalType.FLOAT;
        };
        joined.physicalType(type);
        columns[i] = joined.build();
        return true;
    }

    /**
     * The data rows each part is expected to hold, for the slices of the shared arrays: one per line
     * feed (the header's aside, and one more for a last record without one), which is exact for a
     * file of plain records. A wrong prediction (blank lines, line breaks inside quotes) costs a copy,
     * never a wrong cell ({@link NumericColumnBuilder.Parts}).
     */
    static int[] predictedRows(CsvSource.Cuts cuts) {
        long[] lineFeeds = cuts.lineFeeds();
        int m = lineFeeds.length;
        int[] rows = new int[m];
        for (int j = 0; j < m; j++) {
            long next = j + 1 < m ? lineFeeds[j + 1] : cuts.totalLineFeeds() + (cuts.endsWithLineFeed() ? 0 : 1);
            long feeds = next - lineFeeds[j] - (j == 0 ? 1 : 0);
            rows[j] = (int) Math.max(0, Math.min(feeds, Integer.MAX_VALUE - 16));
        }
        return rows;
    }

    private static int partRows(int expectedRows, long partBytes, long size) {
        double share = (double) partBytes / size;
        return (int) Math.min(Integer.MAX_VALUE - 16, expectedRows * share * 1.05 + 16);
    }

    /** Parses part {@code j} with {@code handlers[j]}, part 0 on the calling thread, the others in {@code pool}. */
    private static Part[] parseAll(ExecutorService pool, CsvSource csv, String source, char delimiter,
                                   long[] starts, long[] ends, String[] names, CsvColumnsHandler[] handlers) {
        int m = handlers.length;
        List<Future<Part>> futures = new ArrayList<>(m - 1);
        for (int j = 1; j < m; j++) {
            int part = j;
            Callable<Part> task = () -> parsePart(csv, source, delimiter, starts[part], ends[part], handlers[part],
                    names);
            futures.add(pool.submit(task));
        }
        Part[] parts = new Part[m];
        parts[0] = parsePart(csv, source, delimiter, starts[0], ends[0], handlers[0], names);
        try {
            for (int j = 1; j < m; j++) {
                parts[j] = futures.get(j - 1).get();
            }
            for (int j = 0; j < m; j++) {
                handlers[j] = parts[j].handler(); // FastCSV's, where the byte-level reader declined
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableDatasetException(source + ": interrupted while reading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return parts;
    }

    /**
     * Parses the raw bytes {@code [start, end)} with the byte-level reader where it can
     * ({@link CsvFastScan}), otherwise with FastCSV into a fresh copy of {@code handler}. Part 0
     * starts at the header: the byte-level reader skips it when it is a plain line.
     */
    private static Part parsePart(CsvSource csv, String source, char delimiter, long start, long end,
                                  CsvColumnsHandler handler, String[] names) {
        try {
            long dataStart = start == 0 ? csv.plainHeaderEnd() : start;
            if (dataStart >= 0 && dataStart <= end) {
                handler.afterHeader(names, start == 0 ? 1 : 0);
                if (CsvFastScan.scan(csv, dataStart, end, delimiter, handler)) {
                    return new Part(handler, null);
                }
                handler = handler.fresh();
            }
        } catch (IOException e) {
            return new Part(handler, CsvReader.ioFailure(source, csv, e));
        }
        if (start > 0) {
            handler.afterHeader(names, 0);
        }
        try {
            CsvReader.parse(csv, source, delimiter, handler, start, end);
            return new Part(handler, null);
        } catch (UnreadableDatasetException e) {
            return new Part(handler, e);
        }
    }

    /** Parses part {@code j} again knowing how many lines precede it, for the failure with its line in the file. */
    private static UnreadableDatasetException exactFailure(CsvSource csv, String source, CsvOptions options,
                                                           char delimiter, long start, long end, String[] names,
                                                           int j, UnreadableDatasetException first) {
        long lines;
        try {
            lines = csv.lineBreaksBefore(start);
        } catch (IOException e) {
            first.addSuppressed(e);
            return first;
        }
        CsvColumnsHandler handler = CsvColumnsHandler.forTypedPass(source, options, CsvReader.MAX_LINE_CHARS, 16);
        if (j > 0) {
            handler.afterHeader(names, lines);
        }
        try {
            CsvReader.parse(csv, source, delimiter, handler, start, end);
            return first;
        } catch (UnreadableDatasetException e) {
            return e;
        }
    }

    /** The header's column names, checked; null when the file holds no header (only blank lines). */
    private static String[] readHeader(CsvSource csv, String source, CsvOptions options, char delimiter) {
        CsvColumnsHandler handler = CsvColumnsHandler.forHeader(source, options, CsvReader.MAX_LINE_CHARS);
        CsvReader.parse(csv, source, delimiter, handler, -1, -1);
        return handler.sawHeader() ? handler.names() : null;
    }

    /** Daemon threads named after their role, so a stuck read does not keep the JVM alive. */
    private static final class PartThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "csv-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
