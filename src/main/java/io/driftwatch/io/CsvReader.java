package io.driftwatch.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.Table;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads a CSV file into a columnar {@link Table}.
 *
 * <p><b>Format.</b> RFC 4180: fields separated by a delimiter, optionally enclosed in double
 * quotes, a quote inside a quoted field doubled ({@code ""}); a quoted field may hold delimiters
 * and line breaks. Lines end with LF or CRLF (a lone CR also ends a line). The last line may lack
 * its line break. Blank lines are skipped. The first non-blank line is the header and names the
 * columns: names must be non-empty and unique, and every later line must have as many fields.
 * Text is UTF-8, with or without a byte order mark; malformed UTF-8 is an error, never replaced.
 * A gzip-compressed file (any name; recognised by its first two bytes {@code 1f 8b}) is inflated
 * transparently. The delimiter is, unless {@link CsvOptions#withDelimiter(char) fixed}, whichever
 * of {@code ,} {@code ;} TAB {@code |} occurs most often in the header line outside quotes
 * ({@code ,} on a tie or when none occurs).
 *
 * <p><b>Cells.</b> Spaces and tabs around an <em>unquoted</em> cell are trimmed before it is
 * compared with the missing tokens and before it is read as a number, boolean or date; a quoted
 * cell is taken exactly as written. The empty cell and the {@linkplain CsvOptions#missingTokens()
 * missing tokens} (by default {@code NA}, {@code NaN}, {@code null}, {@code ?}) are missing, in
 * every kind of column. A text cell keeps its original text, untrimmed.
 *
 * <p><b>Physical types</b>, as pandas {@code read_csv} would give them, since Evidently infers
 * column kinds from them:
 * <ul>
 *   <li>{@code INTEGER}: every cell a whole number without point or exponent, none missing
 *       (pandas {@code int64}); whole numbers of more than 18 digits count as decimals;</li>
 *   <li>{@code FLOAT}: every non-missing cell a number, and some has a point or an exponent, or is
 *       {@code inf}/{@code nan}, or some cell is missing (pandas {@code float64}); a column with no
 *       value at all is {@code FLOAT} too;</li>
 *   <li>{@code BOOLEAN}: every cell {@code true} or {@code false} in any letter case, none missing
 *       (pandas {@code bool}); stored as 1 and 0. With a missing cell the column is {@code STRING}
 *       (pandas {@code object});</li>
 *   <li>{@code TIMESTAMP}: every non-missing cell an ISO-8601 date or date-time
 *       ({@code 2011-01-01}, {@code 2011-01-01 13:00:00}, {@code 2011-01-01T13:00:00.250+02:00},
 *       {@code …Z}); stored as epoch milliseconds, UTC when no offset is written. <em>This departs
 *       from pandas</em>, which without {@code parse_dates} keeps such a column as {@code object}
 *       text: Driftwatch reads dates as dates so a datetime column can order a report;</li>
 *   <li>{@code STRING} otherwise, stored as dictionary codes with every cell's original text: a
 *       column of numbers with one word in it keeps {@code "1.0"} and {@code "1"} distinct. Such a
 *       column is found out only when the word is met, so the file is read a second time for the
 *       columns that switched (only they are materialised in that pass).</li>
 * </ul>
 * A column {@linkplain CsvOptions#withNumericColumns declared numeric} must have a number (or a
 * missing token) in every cell, or the read fails; a column {@linkplain
 * CsvOptions#withTextColumns declared text} is {@code STRING} whatever it holds.
 *
 * <p><b>Limits and errors.</b> A line may hold at most {@link #MAX_LINE_CHARS} characters (16 MiB);
 * a cell at most {@link CsvOptions.Limits#maxCellLength()} (by default as many), which is all the
 * parser buffers for one field, so a file without line breaks, or with a quote never closed, fails
 * fast instead of exhausting memory. The header may name at most
 * {@link CsvOptions.Limits#maxColumns()} columns (by default {@value CsvOptions#DEFAULT_MAX_COLUMNS}),
 * checked field by field as the header is read. A NUL character, in a cell or in the header, is an
 * error: no CSV text holds one, and a file that does is binary or UTF-16. A column declared numeric
 * or text that the header lacks is not an error here (the caller lines the batch up with its
 * reference). Every failure is an {@link UnreadableDatasetException} whose message names the
 * source, the 1-based line where the offending record starts (the header is line 1) and the column
 * where one is known, and for a limit the limit and the setting that changes it.
 *
 * <p><b>Parallelism.</b> An uncompressed file of at least 8 MiB is cut into as many parts as there
 * are processors, at line breaks outside quotes, and the parts are parsed on their own threads
 * and joined; the result, errors included, is the same as from one pass (see
 * {@link CsvParallelRead}). Gzip input is read in one pass. Each part is first read by a byte-level
 * reader made for the plain records pandas writes ({@link CsvFastScan}: unquoted ASCII fields,
 * numbers parsed from the bytes); a part it declines (a quote, a lone CR, non-ASCII text, a blank
 * line, any error) is read by FastCSV, whose results and messages are the reference.
 *
 * <p><b>Memory.</b> Cells are parsed from the file's bytes or FastCSV's buffer straight into primitive column builders,
 * pre-sized from the file size and the mean line length of its first 64 KiB and handed to the
 * columns without a copy, so the heap needed beyond the resulting table is the parser's buffers
 * plus, for a file read in parts, the columns of the later parts until they are joined (about
 * half the table on two processors), never a copy of the file.
 *
 * <p>Thread-safe: stateless; each call reads with its own parser.
 */
public final class CsvReader {
    /** The most characters a field, and a line, may hold: 16 MiB. */
    public static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    /**
     * What is wrong with gzip data that ends too early (Java says only "Unexpected end of ZLIB input
     * stream", or nothing at all when the header or trailer is cut).
     */
    public static final String TRUNCATED_GZIP = "the gzip data is truncated: it starts like gzip (bytes 1f 8b) but"
            + " ends before the gzip stream does; expected a 10-byte header, the compressed data and an 8-byte"
            + " trailer. Was the file cut short while it was copied or compressed?";

    /**
     * Rows reserved per column when the row count cannot be estimated (gzip): at most 1,024, and no
     * more than {@link #UNKNOWN_ROWS_CELLS} cells over all columns, so a wide header with few rows
     * does not reserve megabytes per kilobyte of input (the builders grow geometrically anyway).
     */
    private static final int DEFAULT_EXPECTED_ROWS = 1024;
    private static final int UNKNOWN_ROWS_CELLS = 1 << 16;

    /**
     * When a file is read in parts: files of at least {@code minBytes} bytes, in {@code parts} parts
     * (at most; fewer when the file offers fewer places to cut). Package-private so that tests can
     * exercise the parallel path on small files.
     */
    record Parallelism(long minBytes, int parts) {
        /** 8 MiB, one part per processor. */
        static Parallelism defaults() {
            return new Parallelism(8L << 20, Runtime.getRuntime().availableProcessors());
        }

        /** Always one pass. */
        static Parallelism none() {
            return new Parallelism(Long.MAX_VALUE, 1);
        }
    }

    private CsvReader() {
    }

    /** Reads {@code file} with {@link CsvOptions#defaults()}. */
    public static Table read(Path file) {
        return read(file, CsvOptions.defaults());
    }

    /**
     * Reads {@code file}, named in error messages as given.
     *
     * @throws UnreadableDatasetException when the file is missing, unreadable or malformed
     */
    public static Table read(Path file, CsvOptions options) {
        return read(file, file.toString(), options, Parallelism.defaults());
    }

    /** Reads {@code file} as {@link #read(Path, CsvOptions)} does, in parts as {@code parallelism} says. */
    static Table read(Path file, CsvOptions options, Parallelism parallelism) {
        return read(file, file.toString(), options, parallelism);
    }

    /**
     * Reads CSV bytes from {@code in} (not closed), naming them {@code sourceName} in error messages.
     * The bytes are first copied to a temporary file, deleted afterwards, since a column that turns
     * out to be text needs a second pass.
     *
     * @throws UnreadableDatasetException when the bytes cannot be stored or are malformed
     */
    public static Table read(InputStream in, String sourceName, CsvOptions options) {
        Path spool;
        try {
            spool = Files.createTempFile("driftwatch-", ".csv");
        } catch (IOException e) {
            throw new UnreadableDatasetException(sourceName + ": cannot create a temporary file to read it: " + e, e);
        }
        try {
            try {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UnreadableDatasetException(sourceName + ": cannot read the uploaded bytes: " + e, e);
            }
            return read(spool, sourceName, options, Parallelism.defaults());
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // best effort: the file lives in the temporary directory
            }
        }
    }

    private static Table read(Path file, String source, CsvOptions options, Parallelism parallelism) {
        CsvSource csv;
        try {
            csv = CsvSource.of(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(source + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDatasetException(source + ": permission denied", e);
        } catch (IOException e) {
            throw ioFailure(source, null, e);
        }
        CsvSource.Peek peek;
        try {
            peek = csv.peek();
        } catch (IOException e) {
            throw ioFailure(source, csv, e);
        }
        if (peek.empty()) {
            throw new UnreadableDatasetException(source + ": the file is empty; expected a header line naming"
                    + " the columns");
        }
        char delimiter = options.delimiter() == CsvOptions.AUTO_DETECT ? peek.delimiter() : options.delimiter();
        int expectedRows = peek.estimatedRows() > 0 ? peek.estimatedRows()
                : Math.max(16, Math.min(DEFAULT_EXPECTED_ROWS, UNKNOWN_ROWS_CELLS / peek.headerColumns()));
        if (!csv.gzip() && parallelism.parts() > 1) {
            long size;
            try {
                size = csv.size();
            } catch (IOException e) {
                throw ioFailure(source, csv, e);
            }
            if (size >= parallelism.minBytes()) {
                Table table = CsvParallelRead.read(csv, source, options, delimiter, expectedRows, parallelism.parts());
                if (table != null) {
                    return table;
                }
            }
        }

        CsvColumnsHandler first = CsvColumnsHandler.forTypedPass(source, options, MAX_LINE_CHARS, expectedRows);
        parse(csv, source, delimiter, first, -1, -1);
        if (!first.sawHeader()) {
            throw new UnreadableDatasetException(source + ": the file has no header line, only blank lines");
        }
        if (first.rows() == 0) {
            throw new UnreadableDatasetException(source + ": the file has a header line but no data rows");
        }
        int n = first.columnCount();
        CsvColumnsHandler second = null;
        if (first.needsTextPass()) {
            boolean[] again = new boolean[n];
            for (int i = 0; i < n; i++) {
                again[i] = first.needsText(i);
            }
            second = CsvColumnsHandler.forTextPass(source, options, MAX_LINE_CHARS, first.rows(), again);
            parse(csv, source, delimiter, second, -1, -1);
            if (second.rows() != first.rows()) {
                throw new UnreadableDatasetException(source + ": the file changed while it was being read");
            }
        }
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NumericColumnBuilder numeric = first.numericBuilder(i);
            CategoricalColumnBuilder text = second != null && first.needsText(i)
                    ? second.textBuilder(i) : first.textBuilder(i);
            columns.add(numeric != null ? numeric.build() : text.build());
        }
        return Table.of(columns);
    }

    /**
     * Parses the whole file ({@code start < 0}) or its raw bytes {@code [start, end)} with
     * {@code handler}, until the end or until the handler returns a record.
     */
    static void parse(CsvSource csv, String source, char delimiter, CsvColumnsHandler handler, long start,
                      long end) {
        try (Reader reader = start < 0 ? csv.openReader() : csv.openReader(start, end);
             de.siegmar.fastcsv.reader.CsvReader<Object> records = de.siegmar.fastcsv.reader.CsvReader.builder()
                     .fieldSeparator(delimiter)
                     .quoteCharacter('"')
                     .skipEmptyLines(true)
                     .allowUnclosedQuote(false)
                     .extraFieldStrategy(FieldMismatchStrategy.IGNORE) // the handler checks field counts
                     .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                     .maxBufferSize(handler.fieldBufferLimit())
                     .build(handler, reader)) {
            // The handler returns no record (but to stop after the header): one hasNext() drives the parser
            // through the whole file.
            Iterator<Object> iterator = records.iterator();
            iterator.hasNext();
        } catch (CsvParseException e) {
            throw parseFailure(source, handler, e);
        } catch (UncheckedIOException e) {
            throw ioFailure(source, csv, e.getCause());
        } catch (IOException e) {
            throw ioFailure(source, csv, e);
        }
    }

    private static UnreadableDatasetException parseFailure(String source, CsvColumnsHandler handler,
                                                           CsvParseException e) {
        if (e.getCause() instanceof UnreadableDatasetException ours) {
            return ours;
        }
        if (e.getCause() instanceof VirtualMachineError fatal) {
            // FastCSV wraps whatever the handler throws: running out of memory is not bad input.
            throw fatal;
        }
        if (e.getCause() instanceof UncheckedIOException io) {
            return new UnreadableDatasetException(handler.where() + "cannot read the file: " + io.getCause(), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unclosed quoted field")) {
            return new UnreadableDatasetException(handler.where() + "a quoted field opened here is never closed"
                    + " (unterminated quote); close it with \" or double a quote inside the field as \"\"", e);
        }
        if (message.startsWith("The maximum buffer size")) {
            // FastCSV's buffer holds the field being read: it overflowed past the cell limit
            return handler.cellTooLong(handler.fieldsSoFar(), e);
        }
        if (message.startsWith("Unexpected character after closing quote")) {
            return new UnreadableDatasetException(handler.where() + "unexpected text after the closing quote of a"
                    + " field; a quote inside a quoted field must be doubled (\"\")", e);
        }
        return new UnreadableDatasetException(handler.where() + "malformed CSV: " + message, e);
    }

    static UnreadableDatasetException ioFailure(String source, CsvSource csv, Throwable cause) {
        if (cause instanceof CharacterCodingException && csv != null) {
            try {
                CsvSource.Malformed bad = csv.findMalformed();
                if (bad != null) {
                    return new UnreadableDatasetException(String.format(
                            "%s line %d: invalid UTF-8 byte 0x%02x at byte offset %d; save the file as UTF-8",
                            source, bad.line(), bad.firstByte(), bad.byteOffset()), cause);
                }
            } catch (IOException again) {
                cause.addSuppressed(again);
            }
            return new UnreadableDatasetException(source + ": the file is not valid UTF-8", cause);
        }
        if (csv != null && csv.gzip() && cause instanceof EOFException) {
            return new UnreadableDatasetException(source + ": " + TRUNCATED_GZIP, cause);
        }
        if (cause instanceof ZipException) {
            return new UnreadableDatasetException(source + ": the file starts like gzip but is not valid gzip data ("
                    + cause.getMessage() + ")", cause);
        }
        return new UnreadableDatasetException(source + ": cannot read the file: " + cause, cause);
    }
}
