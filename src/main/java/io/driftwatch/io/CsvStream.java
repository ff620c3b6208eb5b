package io.driftwatch.io;

import io.driftwatch.data.Table;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a CSV file of any size as a sequence of bounded {@link Table} batches, for the sketch
 * profiles, which never need the whole table: the heap a read needs is a batch of
 * {@link #BATCH_ROWS} rows, whatever the file's length.
 *
 * <p>The cells are read exactly as {@link CsvReader} reads them (the same FastCSV handler): the same
 * delimiter detection, missing tokens, trimming, number, boolean and date parsing, declared numeric
 * and text columns, limits, and the same error messages naming file, line and column. What differs
 * is how a column's type is decided, since a stream cannot see the whole file before it hands rows
 * on:
 * <ul>
 *   <li>the first {@link #TYPE_BLOCK_ROWS} data rows are read once on their own, as
 *       {@link CsvReader} would read a file of just those rows, and decide each column's type: text
 *       when the exact reader would make it {@code STRING} there (a word among numbers, booleans
 *       with a missing cell), else a number, boolean or date column;</li>
 *   <li>the file is then read from the start in batches of {@link #BATCH_ROWS} rows with those
 *       types. A later cell that would make a non-text column text (a word in a numeric column) is
 *       an error naming file, line, column, the cell and this rule: the rows before it are already
 *       profiled and cannot be read again as labels. Declaring the column categorical (text) avoids
 *       it;</li>
 *   <li>a column's physical type in a batch follows what was seen up to that batch (an integer
 *       column that later shows a decimal point is {@code FLOAT} from then on); a sketch keeps the
 *       type of the first batch. A boolean column that shows its first missing cell after the type
 *       block stays boolean with that cell missing, where the exact reader would make it text.</li>
 * </ul>
 * The byte-level fast path and the parallel parts of {@link CsvReader} are not used: one pass of
 * FastCSV over the file, on the calling thread.
 *
 * <p>Thread-safe: stateless; each call reads with its own parser. The sink is called on the calling
 * thread, one batch at a time; a batch is not used by the reader once handed on.
 */
public final class CsvStream {
    /** Rows per batch handed to the sink. */
    public static final int BATCH_ROWS = 1 << 16;
    /** Rows from which the column types are decided. */
    public static final int TYPE_BLOCK_ROWS = 1 << 16;

    private CsvStream() {
    }

    /**
     * Reads {@code file} in batches of at most {@code BATCH_ROWS} rows, handing each to {@code sink}.
     *
     * @return the number of data rows read
     * @throws UnreadableDatasetException when the file is missing, unreadable or malformed, or a cell
     *     does not fit the type its column was given from the first rows
     */
    public static long read(Path file, CsvOptions options, Consumer<Table> sink) {
        return read(file, options, TYPE_BLOCK_ROWS, BATCH_ROWS, sink);
    }

    /** As {@link #read(Path, CsvOptions, Consumer)} with other block sizes; for tests. */
    static long read(Path file, CsvOptions options, int typeBlockRows, int batchRows, Consumer<Table> sink) {
        String source = file.toString();
        CsvSource csv;
        try {
            csv = CsvSource.of(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(source + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDatasetException(source + ": permission denied", e);
        } catch (IOException e) {
            throw CsvReader.ioFailure(source, null, e);
        }
        CsvSource.Peek peek;
        try {
            peek = csv.peek();
        } catch (IOException e) {
            throw CsvReader.ioFailure(source, csv, e);
        }
        if (peek.empty()) {
            throw new UnreadableDatasetException(source + ": the file is empty; expected a header line naming"
                    + " the columns");
        }
        char delimiter = options.delimiter() == CsvOptions.AUTO_DETECT ? peek.delimiter() : options.delimiter();

        CsvColumnsHandler types = CsvColumnsHandler.forTypeBlock(source, options, CsvReader.MAX_LINE_CHARS,
                typeBlockRows);
        CsvReader.parse(csv, source, delimiter, types, -1, -1);
        if (!types.sawHeader()) {
            throw new UnreadableDatasetException(source + ": the file has no header line, only blank lines");
        }
        if (types.rows() == 0) {
            throw new UnreadableDatasetException(source + ": the file has a header line but no data rows");
        }
        int n = types.columnCount();
        boolean[] text = new boolean[n];
        for (int i = 0; i < n; i++) {
            text[i] = types.mode(i) == CsvColumnsHandler.TEXT || types.needsText(i);
        }
        CsvColumnsHandler stream = CsvColumnsHandler.forStream(source, options, CsvReader.MAX_LINE_CHARS, text,
                typeBlockRows, batchRows, sink);
        CsvReader.parse(csv, source, delimiter, stream, -1, -1);
        stream.finishStream();
        return stream.streamedRows();
    }
}
