package io.driftwatch.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The FastCSV callback handler that parses every field straight into the column builders of
 * {@code data}: numbers into {@link NumericColumnBuilder}s, text into
 * {@link CategoricalColumnBuilder}s from a slice of FastCSV's buffer, which is never kept.
 *
 * <p>The first non-empty record is the header. Each later field goes to its column according to
 * the column's current {@code mode}: a column is a number, boolean or timestamp candidate until a
 * cell does not fit. While only missing cells have been seen a column may still change candidate;
 * once it holds a value, a misfit cell makes it {@link #SWITCHED}: its builder is dropped and the
 * column must be read again as text by a second pass ({@link #forTextPass}), so that earlier
 * cells keep their original text. Declared numeric columns never switch: a misfit is an error.
 *
 * <p>For {@link CsvStream}, {@link #forTypeBlock} reads only the first rows to decide the types and
 * {@link #forStream} reads with those types fixed, handing the rows on as a {@link Table} every
 * batch and starting its builders afresh; there a misfit that would make a column text is an error.
 *
 * <p>Errors stop the read by throwing {@link UnreadableDatasetException} from the callback (at
 * most once per read, never per cell on the normal path); FastCSV wraps it and {@link CsvReader}
 * unwraps it.
 *
 * <p>Deliberately low-level: per-column state lives in parallel primitive arrays indexed by
 * column, the per-cell path copies nothing and allocates nothing. Not thread-safe: one instance
 * per read.
 */
final class CsvColumnsHandler extends AbstractBaseCsvCallbackHandler<Object> {
    static final byte SKIP = 0;
    static final byte NUMBER = 1;
    static final byte BOOLEAN = 2;
    static final byte TIMESTAMP = 3;
    static final byte TEXT = 4;
    static final byte SWITCHED = 5;

    /** Values staged per column before they go to the builder in bulk. */
    private static final int STAGED = 256;
    /** Slice length per column: a cache line more than {@link #STAGED}, so the slices do not alias. */
    private static final int STAGING_STRIDE = STAGED + 8;

    /** What a refusal of a NUL character suggests. */
    private static final String NUL_ADVICE = "CSV text never holds one: is this a binary file, or text saved as"
            + " UTF-16 rather than UTF-8?";

    /** Eight bytes of the file at a time, for {@link #shortLabelCell}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** What FastCSV reads into its buffer in one go: the buffer must have this much room beyond a field. */
    private static final int FASTCSV_READ_SIZE = 8192;
    /** FastCSV's first buffer size; it doubles from there. */
    private static final int FASTCSV_FIRST_BUFFER = 2 * FASTCSV_READ_SIZE;

    private final String source;
    private final CsvOptions options;
    private final int maxLineChars;
    private final Limit maxColumns;
    private final Limit maxCellLength;
    /** {@link #maxColumns} and {@link #maxCellLength} as ints, for the per-field checks. */
    private final int columnLimit;
    private final int cellLimit;
    private final int expectedRows;
    private final Set<String> numericColumns;
    private final Set<String> textColumns;
    /** Second pass only: the columns to read as text, all others skipped. */
    private final boolean[] textPassColumns;
    /** A part of a file read in parts: each column's shared arrays ({@link #intoSlices}), else null. */
    private NumericColumnBuilder.Parts[] sharedNumbers;
    private CategoricalColumnBuilder.Parts[] sharedText;
    private int part;
    private final CsvCellParser cells = new CsvCellParser();
    /** The characters of a byte-level cell that takes the character path (cold: misfits, dates, booleans). */
    private char[] widened = new char[64];

    // missing tokens, grouped for a cheap first-character rejection
    private final char[][] missingTokens;
    private final boolean[] missingFirstChars = new boolean[128];
    private final boolean nonAsciiMissingToken;
    /**
     * Whether {@link #numberCell} may take a number without the missing-token test: false when a
     * missing token is itself a plain number (say {@code -999}), which the test must then catch.
     */
    private final boolean quickNumbers;

    private List<String> headerNames = new ArrayList<>();
    private String[] names;
    private int columnCount = -1;
    private byte[] modes;
    private boolean[] declaredNumeric;
    private boolean[] hasValue;
    private boolean[] sawDecimal;
    private boolean[] sawMissing;
    private NumericColumnBuilder[] numeric;
    /** Per numeric column, a slice of {@link #STAGING_STRIDE} values not yet in its builder (see {@link #stage}). */
    private double[] staging;
    private int[] stagingCodes;
    private int[] staged;
    private CategoricalColumnBuilder[] text;

    private long recordChars;
    private int rows;
    private boolean needsTextPass;
    /** Lines of the file before the part this handler reads, added to FastCSV's line numbers. */
    private long lineOffset;
    /** Whether the read stops after the header record (see {@link #forHeader}). */
    private boolean headerOnly;
    /** When positive, the read stops after this many data rows (see {@link #forTypeBlock}). */
    private int rowLimit;

    // streamed read only (see forStream): the columns read as text, where each batch goes, its size
    private boolean[] streamText;
    private Consumer<Table> sink;
    private int batchRows;
    private int typeBlockRows;
    private long streamedRows;

    private CsvColumnsHandler(String source, CsvOptions options, int maxLineChars, int expectedRows,
                              boolean[] textPassColumns) {
        this.source = source;
        this.options = options;
        this.maxLineChars = maxLineChars;
        this.maxColumns = options.limits().maxColumns();
        this.maxCellLength = options.limits().maxCellLength();
        this.columnLimit = (int) maxColumns.max();
        this.cellLimit = (int) maxCellLength.max();
        this.expectedRows = expectedRows;
        this.numericColumns = options.numericColumns();
        this.textColumns = options.textColumns();
        this.textPassColumns = textPassColumns;
        List<char[]> tokens = new ArrayList<>();
        boolean nonAscii = false;
        for (String token : options.missingTokens()) {
            if (token.isEmpty()) {
                continue;
            }
            tokens.add(token.toCharArray());
            char first = token.charAt(0);
            if (first < 128) {
                missingFirstChars[first] = true;
            } else {
                nonAscii = true;
            }
        }
        this.missingTokens = tokens.toArray(new char[0][]);
        this.nonAsciiMissingToken = nonAscii;
        this.quickNumbers = !anyPlainNumber(this.missingTokens);
    }

    /** A handler for the first pass, which detects every column's type. */
    static CsvColumnsHandler forTypedPass(String source, CsvOptions options, int maxLineChars, int expectedRows) {
        return new CsvColumnsHandler(source, options, maxLineChars, expectedRows, null);
    }

    /**
     * A handler that only reads and checks the header: {@code buildRecord} returns a record once the
     * header is done, which ends the iteration that drives the parser.
     */
    static CsvColumnsHandler forHeader(String source, CsvOptions options, int maxLineChars) {
        CsvColumnsHandler handler = new CsvColumnsHandler(source, options, maxLineChars, 0, null);
        handler.headerOnly = true;
        return handler;
    }

    /**
     * Reads a part of the file that starts after the header, whose column {@code names} are already
     * known and checked, and that starts {@code lineOffset} lines into the file.
     */
    CsvColumnsHandler afterHeader(String[] names, long lines) {
        headerNames = new ArrayList<>(List.of(names));
        startColumns();
        lineOffset = lines;
        return this;
    }

    /** Sets the number of lines of the file before the part this handler reads. */
    void lineOffset(long lines) {
        lineOffset = lines;
    }

    /**
     * A handler for the first {@code rows} data rows only, which detects the types of the columns as
     * {@link #forTypedPass} does on those rows; the read stops after them.
     */
    static CsvColumnsHandler forTypeBlock(String source, CsvOptions options, int maxLineChars, int rows) {
        CsvColumnsHandler handler = new CsvColumnsHandler(source, options, maxLineChars, rows, null);
        handler.rowLimit = rows;
        return handler;
    }

    /**
     * A handler for a streamed read: the columns {@code text} marks (decided from the first
     * {@code typeBlockRows} rows) are read as text, the others as numbers, booleans or timestamps;
     * every {@code batchRows} rows, and at {@link #finishStream()}, the rows so far go to {@code sink}
     * as a {@link Table} and the builders start afresh. A cell that would turn a non-text column into
     * text fails the read (see {@link #misfit}).
     */
    static CsvColumnsHandler forStream(String source, CsvOptions options, int maxLineChars, boolean[] text,
                                       int typeBlockRows, int batchRows, Consumer<Table> sink) {
        CsvColumnsHandler handler = new CsvColumnsHandler(source, options, maxLineChars, batchRows, null);
        handler.streamText = text.clone();
        handler.typeBlockRows = typeBlockRows;
        handler.batchRows = batchRows;
        handler.sink = sink;
        return handler;
    }

    /** Streamed read: sends the rows not yet sent, if any, to the sink. */
    void finishStream() {
        if (rows > 0) {
            emitBatch();
        }
    }

    /** Data rows read by a streamed read, sent or not. */
    long streamedRows() {
        return streamedRows + rows;
    }

    /** Streamed read: the rows so far as a table to the sink, then fresh builders. */
    private void emitBatch() {
        List<io.driftwatch.data.Column> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            flush(i);
            if (numeric[i] != null) {
                PhysicalType type = switch (modes[i]) {
                    case BOOLEAN -> PhysicalType.BOOLEAN;
                    case TIMESTAMP -> PhysicalType.TIMESTAMP;
                    default -> hasValue[i] && !sawDecimal[i] && !sawMissing[i] ? PhysicalType.INTEGER
                            : PhysicalType.FLOAT;
                };
                numeric[i].physicalType(type);
                columns.add(numeric[i].build());
                numeric[i] = new NumericColumnBuilder(names[i], PhysicalType.FLOAT, batchRows);
            } else {
                columns.add(text[i].build());
                text[i] = new CategoricalColumnBuilder(names[i], batchRows);
            }
        }
        streamedRows += rows;
        rows = 0;
        sink.accept(Table.of(columns));
    }

    /** A handler for the second pass, which reads only {@code columns} again, as text. */
    static CsvColumnsHandler forTextPass(String source, CsvOptions options, int maxLineChars, int rows,
                                         boolean[] columns) {
        return new CsvColumnsHandler(source, options, maxLineChars, rows, columns.clone());
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        recordChars = 0;
    }

    /**
     * The most characters FastCSV may buffer for one field: room for a cell of
     * {@link CsvOptions.Limits#maxCellLength()} characters and one read beyond it, so a longer cell
     * fails ({@link #cellTooLong}) before it takes much more memory than the limit. A power of two:
     * FastCSV doubles its buffer from {@value #FASTCSV_FIRST_BUFFER}, and a cap that is not one of
     * those sizes can leave it less room than a read needs (FastCSV 4.4 then fails with an index out
     * of bounds instead of its buffer-size error).
     */
    int fieldBufferLimit() {
        int needed = cellLimit + FASTCSV_READ_SIZE;
        return Math.max(FASTCSV_FIRST_BUFFER, Integer.highestOneBit(needed - 1) << 1);
    }

    @Override
    protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
        if (len > cellLimit) {
            throw cellTooLong(index, null);
        }
        if ((recordChars += len) > maxLineChars) {
            throw lineTooLong();
        }
        if (index >= columnCount) {
            if (columnCount < 0) {
                header(index, buf, off, len);
            }
            return; // too many fields: reported once the record is complete
        }
        byte mode = modes[index];
        if (mode == SKIP || mode == SWITCHED) {
            return;
        }
        int start = off;
        int end = off + len;
        boolean missing;
        if (len == 0) {
            missing = true;
        } else {
            if (!quoted && (buf[start] <= ' ' || buf[end - 1] <= ' ')) {
                while (start < end && isBlank(buf[start])) {
                    start++;
                }
                while (end > start && isBlank(buf[end - 1])) {
                    end--;
                }
            }
            char first = start < end ? buf[start] : 0;
            // a cheap first-character test rejects almost every cell before any token is compared
            missing = start == end
                    || ((first < 128 ? missingFirstChars[first] : nonAsciiMissingToken)
                        && isMissingToken(buf, start, end - start));
        }
        int trimmed = end - start;
        switch (mode) {
            case NUMBER -> {
                if (missing) {
                    stage(index, Double.NaN);
                    sawMissing[index] = true;
                    return;
                }
                CsvCellParser parser = cells;
                double value = parser.parseNumber(buf, start, trimmed);
                int kind = parser.kind;
                if (kind == CsvCellParser.NOT_A_NUMBER) {
                    misfit(index, buf, off, len, start, trimmed);
                } else {
                    takeNumber(index, value, kind);
                }
            }
            case TEXT -> {
                if (missing) {
                    stageCode(index, CategoricalColumn.MISSING);
                    return;
                }
                CategoricalColumnBuilder builder = text[index];
                int known = builder.dictionarySize();
                int code = builder.code(buf, off, len);
                if (code >= known) {
                    // a label met for the first time: every later equal cell is the same label
                    requireNoNul(index, buf, off, len);
                }
                stageCode(index, code);
            }
            case BOOLEAN -> {
                if (missing) {
                    stage(index, Double.NaN);
                    sawMissing[index] = true;
                    return;
                }
                int bool = CsvCellParser.parseBoolean(buf, start, trimmed);
                if (bool >= 0) {
                    stage(index, bool);
                    hasValue[index] = true;
                } else {
                    misfit(index, buf, off, len, start, trimmed);
                }
            }
            case TIMESTAMP -> {
                if (missing) {
                    stage(index, Double.NaN);
                    sawMissing[index] = true;
                    return;
                }
                long millis = CsvCellParser.parseTimestamp(buf, start, trimmed);
                if (millis != CsvCellParser.NOT_A_TIMESTAMP) {
                    stage(index, millis);
                    hasValue[index] = true;
                } else {
                    misfit(index, buf, off, len, start, trimmed);
                }
            }
            default -> throw new IllegalStateException("column mode " + mode);
        }
    }

    /**
     * A handler in the state this one was created in, for a part read again by FastCSV after the
     * byte-level reader declined it ({@link CsvFastScan}).
     */
    CsvColumnsHandler fresh() {
        CsvColumnsHandler copy = new CsvColumnsHandler(source, options, maxLineChars, expectedRows, textPassColumns);
        copy.headerOnly = headerOnly;
        copy.sharedNumbers = sharedNumbers;
        copy.sharedText = sharedText;
        copy.part = part;
        return copy;
    }

    /**
     * Makes this handler, which reads part {@code part} of a file read in parts, put the numbers of
     * column {@code i} into its slice of {@code numbers[i]}'s array, or its codes into its slice of
     * {@code text[i]}'s once the column is text.
     */
    CsvColumnsHandler intoSlices(NumericColumnBuilder.Parts[] numbers, CategoricalColumnBuilder.Parts[] text,
                                 int part) {
        this.sharedNumbers = numbers;
        this.sharedText = text;
        this.part = part;
        return this;
    }

    /** A text builder for column {@code i}: its slice of the shared codes when reading a part. */
    private CategoricalColumnBuilder newTextBuilder(int i) {
        return sharedText != null ? sharedText[i].part(part) : new CategoricalColumnBuilder(names[i], expectedRows);
    }

    /** The most bytes a cell may hold for the byte-level reader: a cell of more might still fit in characters. */
    int cellByteLimit() {
        return cellLimit;
    }

    /** The most bytes a line may hold for the byte-level reader (likewise). */
    int lineByteLimit() {
        return maxLineChars;
    }

    /**
     * One unquoted field of a data record from the byte-level reader ({@link CsvFastScan}): the same
     * as {@link #handleField} with the bytes' characters, for a field of ASCII bytes without NUL, of at
     * most {@link #cellByteLimit()} bytes, in a record of at most {@link #lineByteLimit()}, and
     * {@code index} below {@link #columnCount()} (the reader checks all of these). Numbers, text and
     * missing cells are handled on the bytes; the rare rest (booleans, dates, a cell that does not
     * fit its column) is widened to characters and goes through {@link #handleField}.
     */
    void handleAsciiField(int index, byte[] buf, int off, int len) {
        byte mode = modes[index];
        if (mode == SKIP || mode == SWITCHED) {
            return;
        }
        if (mode != NUMBER && mode != TEXT) {
            handleField(index, widen(buf, off, len), 0, len, false);
            return;
        }
        int start = off;
        int end = off + len;
        boolean missing;
        if (len == 0) {
            missing = true;
        } else {
            if (buf[start] <= ' ' || buf[end - 1] <= ' ') {
                while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
                    start++;
                }
                while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
                    end--;
                }
            }
            missing = start == end || (missingFirstChars[buf[start]] && isMissingToken(buf, start, end - start));
        }
        if (mode == TEXT) {
            stageCode(index, missing ? CategoricalColumn.MISSING : text[index].codeOfAscii(buf, off, len));
            return;
        }
        if (missing) {
            stage(index, Double.NaN);
            sawMissing[index] = true;
            return;
        }
        CsvCellParser parser = cells;
        double value = parser.parseNumber(buf, start, end - start);
        int kind = parser.kind;
        if (kind == CsvCellParser.NOT_A_NUMBER) {
            handleField(index, widen(buf, off, len), 0, len, false);
            return;
        }
        takeNumber(index, value, kind);
    }

    /** Takes a number of column {@code index} that the parser read as {@code kind} (an integer or a decimal). */
    private void takeNumber(int index, double value, int kind) {
        stage(index, value);
        hasValue[index] = true;
        if (kind == CsvCellParser.DECIMAL) {
            sawDecimal[index] = true;
        }
    }

    /**
     * A cell of column {@code index} read as the byte-level reader looks for its end, so that its
     * bytes are gone over once: a plain number of a number column ({@link #numberCell}) or a short
     * label of a text column ({@link #shortLabelCell}), taken as {@link #handleAsciiField} would take
     * the cell; the index of the delimiter or line end after it is returned. Otherwise -1, and
     * nothing is taken: the reader goes on to find the cell's end and hands it to
     * {@link #handleAsciiField}.
     */
    int quickCell(int index, byte[] buf, int off, int limit, byte delimiter) {
        byte mode = modes[index];
        if (mode == NUMBER) {
            return numberCell(index, buf, off, limit, delimiter);
        }
        if (mode == TEXT) {
            return shortLabelCell(index, buf, off, limit, delimiter);
        }
        return -1;
    }

    /**
     * A number of a number column: the bytes from {@code off} hold a plain number
     * ({@link CsvCellParser#parseNumberPrefix}) followed by {@code delimiter}, a line feed or a
     * carriage return.
     */
    private int numberCell(int index, byte[] buf, int off, int limit, byte delimiter) {
        if (!quickNumbers) {
            return -1;
        }
        CsvCellParser parser = cells;
        double value = parser.parseNumberPrefix(buf, off, limit);
        int end = parser.end;
        if (end < 0) {
            return -1;
        }
        byte next = buf[end];
        if (next != delimiter && next != '\n' && next != '\r') {
            return -1;
        }
        takeNumber(index, value, parser.kind);
        return end;
    }

    /** The end of a data record from the byte-level reader, whose field count it has checked. */
    void endAsciiRecord() {
        rows++;
        recordChars = 0;
    }

    /**
     * A label of a text column, of one to seven bytes that are ASCII, neither zero nor a quote, the
     * first above a space and no missing token's first, followed within the same eight bytes by
     * {@code delimiter}, a line feed or a carriage return.
     */
    private int shortLabelCell(int index, byte[] buf, int off, int limit, byte delimiter) {
        if (buf.length - off < Long.BYTES) {
            return -1;
        }
        long word = (long) LONGS.get(buf, off);
        long stops = CsvSource.bytesEqual(word, ONES * (delimiter & 0xff)) | CsvSource.bytesEqual(word, ONES * '\n')
                | CsvSource.bytesEqual(word, ONES * '\r') | CsvSource.bytesEqual(word, ONES * '"')
                | CsvSource.bytesEqual(word, 0) | (word & HIGH_BITS);
        int len = Long.numberOfTrailingZeros(stops) >>> 3; // 8 when none
        int end = off + len;
        if (len == 0 || len == Long.BYTES || end >= limit) {
            return -1;
        }
        byte next = buf[end];
        if (next != delimiter && next != '\n' && next != '\r') {
            return -1;
        }
        int first = buf[off];
        if (first <= ' ' || missingFirstChars[first]) {
            // blanks to trim, or perhaps a missing token: the long way (blanks at the end alone matter
            // only to a missing token, whose first character the test above catches)
            return -1;
        }
        long label = word & ((1L << (len << 3)) - 1);
        stageCode(index, text[index].codeOfShortAscii(label, buf, off, len));
        return end;
    }

    /** Whether one of {@code tokens} reads whole as a plain number ({@link CsvCellParser#parseNumberPrefix}). */
    private static boolean anyPlainNumber(char[][] tokens) {
        CsvCellParser parser = new CsvCellParser();
        for (char[] token : tokens) {
            // the token as a cell of a buffer of records: a line feed after it, and room after that
            byte[] bytes = new byte[token.length + 64];
            java.util.Arrays.fill(bytes, (byte) '\n');
            boolean ascii = true;
            for (int i = 0; i < token.length; i++) {
                ascii &= token[i] < 128;
                bytes[i] = (byte) token[i];
            }
            if (ascii) {
                parser.parseNumberPrefix(bytes, 0, bytes.length);
                if (parser.end == token.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isMissingToken(byte[] buf, int start, int len) {
        for (char[] token : missingTokens) {
            if (token.length == len && sameChars(token, buf, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameChars(char[] token, byte[] buf, int start) {
        for (int i = 0; i < token.length; i++) {
            if (token[i] != buf[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII bytes {@code buf[off, off + len)} as characters, in {@link #widened}. */
    private char[] widen(byte[] buf, int off, int len) {
        if (widened.length < len) {
            widened = new char[Math.max(len, 2 * widened.length)];
        }
        char[] chars = widened;
        for (int i = 0; i < len; i++) {
            chars[i] = (char) buf[off + i];
        }
        return chars;
    }

    /**
     * Stages a value (NaN for a missing cell) of numeric column {@code c}. Values go first to a small
     * per-column slice of {@link #staging} and reach the builder {@link #STAGED} at a time: the
     * builders' arrays are large and start at the same offset within a memory page, so writing
     * them cell by cell across all columns keeps evicting one another's cache lines.
     */
    private void stage(int c, double value) {
        int base = c * STAGING_STRIDE;
        int n = staged[c];
        staging[base + n] = value;
        if (++n == STAGED) {
            numeric[c].appendAll(staging, base, STAGED);
            n = 0;
        }
        staged[c] = n;
    }

    /** Stages a code of text column {@code c} as {@link #stage} does a value. */
    private void stageCode(int c, int code) {
        int base = c * STAGING_STRIDE;
        int n = staged[c];
        stagingCodes[base + n] = code;
        if (++n == STAGED) {
            text[c].appendCodes(stagingCodes, base, STAGED);
            n = 0;
        }
        staged[c] = n;
    }

    /** Moves the staged values or codes of column {@code c} to its builder. */
    private void flush(int c) {
        int n = staged[c];
        if (n > 0) {
            if (numeric[c] != null) {
                numeric[c].appendAll(staging, c * STAGING_STRIDE, n);
            } else {
                text[c].appendCodes(stagingCodes, c * STAGING_STRIDE, n);
            }
            staged[c] = 0;
        }
    }

    /** One field of the header: checked against the column limit as it streams, then kept as a name. */
    private void header(int index, char[] buf, int off, int len) {
        if (index >= columnLimit) {
            throw new DatasetLimitException(where() + "the header has more than "
                    + maxColumns.describe("columns") + ", the most a file may have" + maxColumns.settingSuffix()
                    + "; is the delimiter right, and is the first line the header?", maxColumns);
        }
        int nul = indexOfNul(buf, off, len);
        if (nul >= 0) {
            throw new UnreadableDatasetException(where() + "column " + (index + 1) + " of the header holds a NUL"
                    + " character (code 0) at character " + (nul + 1) + " of its name; " + NUL_ADVICE);
        }
        headerNames.add(new String(buf, off, len));
    }

    /** Refuses a cell of column {@code index} that holds a NUL character. Cold path: new labels and misfits only. */
    private void requireNoNul(int index, char[] buf, int off, int len) {
        int nul = indexOfNul(buf, off, len);
        if (nul >= 0) {
            throw new UnreadableDatasetException(where() + "column '" + names[index] + "' (column " + (index + 1)
                    + ") holds a NUL character (code 0) at character " + (nul + 1) + " of the cell; " + NUL_ADVICE);
        }
    }

    /** The position of the first NUL in {@code buf[off, off + len)} relative to {@code off}, or -1. */
    private static int indexOfNul(char[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (buf[off + i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The failure for field {@code index} of the record being read when it is longer than
     * {@link CsvOptions.Limits#maxCellLength()}: found by this handler, or by FastCSV when the field
     * outgrew {@link #fieldBufferLimit()} before it ended.
     */
    DatasetLimitException cellTooLong(int index, Throwable cause) {
        String column = index < columnCount ? "column '" + names[index] + "' (column " + (index + 1) + ")"
                : columnCount < 0 ? "column " + (index + 1) + " of the header" : "field " + (index + 1);
        return new DatasetLimitException(where() + column + " holds a cell longer than the limit of "
                + maxCellLength.describeSize("characters") + " per cell" + maxCellLength.settingSuffix()
                + "; is a quote left open, or is this not a line-based CSV file?", maxCellLength, cause);
    }

    /** The index of the field being read when the parser stopped: the fields of the record so far. */
    int fieldsSoFar() {
        return getFieldCount();
    }

    /** A non-missing cell that does not fit its column's current candidate type. Cold path. */
    private void misfit(int index, char[] buf, int off, int len, int start, int trimmed) {
        requireNoNul(index, buf, off, len);
        flush(index);
        if (declaredNumeric[index]) {
            throw new UnreadableDatasetException(where() + "column '" + names[index]
                    + "' is declared numeric but holds '" + excerpt(buf, start, trimmed)
                    + "', which is not a number; fix the cell, add the token to the missing tokens,"
                    + " or do not declare the column numeric");
        }
        if (!hasValue[index]) {
            // only missing cells so far: any candidate is still possible
            int missingSoFar = numeric[index].length();
            if (CsvCellParser.parseBoolean(buf, start, trimmed) >= 0) {
                modes[index] = BOOLEAN;
                numeric[index].append(CsvCellParser.parseBoolean(buf, start, trimmed));
                hasValue[index] = true;
                return;
            }
            long millis = CsvCellParser.parseTimestamp(buf, start, trimmed);
            if (millis != CsvCellParser.NOT_A_TIMESTAMP) {
                modes[index] = TIMESTAMP;
                numeric[index].append(millis);
                hasValue[index] = true;
                return;
            }
            double value = cells.parseNumber(buf, start, trimmed);
            if (cells.kind != CsvCellParser.NOT_A_NUMBER) {
                modes[index] = NUMBER;
                numeric[index].append(value);
                hasValue[index] = true;
                sawDecimal[index] = cells.kind == CsvCellParser.DECIMAL;
                return;
            }
            if (sink != null) {
                throw streamMisfit(index, buf, start, trimmed);
            }
            CategoricalColumnBuilder builder = newTextBuilder(index);
            for (int i = 0; i < missingSoFar; i++) {
                builder.appendMissing();
            }
            builder.append(buf, off, len);
            text[index] = builder;
            numeric[index] = null;
            modes[index] = TEXT;
            return;
        }
        if (sink != null) {
            throw streamMisfit(index, buf, start, trimmed);
        }
        numeric[index] = null;
        modes[index] = SWITCHED;
        needsTextPass = true;
    }

    /**
     * A streamed read met a cell that would make a non-text column text: the column's type was
     * decided from the first rows, and the rows already profiled cannot be read again.
     */
    private UnreadableDatasetException streamMisfit(int index, char[] buf, int start, int trimmed) {
        String held = switch (modes[index]) {
            case BOOLEAN -> "booleans";
            case TIMESTAMP -> "dates";
            default -> hasValue[index] ? "numbers" : "only missing cells";
        };
        return new UnreadableDatasetException(where() + "column '" + names[index] + "' (column " + (index + 1)
                + ") holds '" + excerpt(buf, start, trimmed) + "', but held " + held + " in the first "
                + String.format(java.util.Locale.ROOT, "%,d", typeBlockRows) + " rows, from which a streamed"
                + " read decides each column's type; declare the column categorical (the monitor's"
                + " columns.categorical) or fix the cell");
    }

    private boolean isMissingToken(char[] buf, int start, int len) {
        for (char[] token : missingTokens) {
            if (token.length == len && sameChars(token, buf, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameChars(char[] token, char[] buf, int start) {
        for (int i = 0; i < token.length; i++) {
            if (token[i] != buf[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return null;
        }
        if (columnCount < 0) {
            startColumns();
            return headerOnly ? this : null;
        }
        int found = getFieldCount();
        if (found != columnCount) {
            throw new UnreadableDatasetException(where() + "expected " + columnCount
                    + " fields as in the header, found " + found
                    + (found > columnCount ? "; quote fields that contain the delimiter" : ""));
        }
        rows++;
        if (rows == rowLimit) {
            return this; // the type block is read: returning a record ends the iteration that drives the parser
        }
        if (rows == batchRows && sink != null) {
            emitBatch();
        }
        return null; // records are not materialised: FastCSV goes straight on to the next one
    }

    private void startColumns() {
        List<String> header = headerNames;
        headerNames = null;
        int n = header.size();
        Map<String, Integer> firstPosition = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = header.get(i);
            if (name.isBlank()) {
                throw new UnreadableDatasetException(where() + "column " + (i + 1) + " of the header has an empty"
                        + " name; every column needs a name");
            }
            Integer previous = firstPosition.putIfAbsent(name, i);
            if (previous != null) {
                throw new UnreadableDatasetException(where() + "duplicate column name '" + name + "' at columns "
                        + (previous + 1) + " and " + (i + 1) + " of the header; column names must be unique");
            }
        }
        // A declared column the header lacks is not the reader's business: the check that lines the
        // batch up with its reference reports it with every other mismatch, whatever the format.
        names = header.toArray(new String[0]);
        modes = new byte[n];
        declaredNumeric = new boolean[n];
        hasValue = new boolean[n];
        sawDecimal = new boolean[n];
        sawMissing = new boolean[n];
        numeric = new NumericColumnBuilder[n];
        staging = new double[n * STAGING_STRIDE];
        stagingCodes = new int[n * STAGING_STRIDE];
        staged = new int[n];
        text = new CategoricalColumnBuilder[n];
        for (int i = 0; i < n; i++) {
            if (streamText != null && streamText[i]) {
                modes[i] = TEXT;
                text[i] = new CategoricalColumnBuilder(names[i], expectedRows);
            } else if (textPassColumns != null) {
                if (textPassColumns[i]) {
                    modes[i] = TEXT;
                    text[i] = new CategoricalColumnBuilder(names[i], expectedRows);
                }
            } else if (textColumns.contains(names[i])) {
                modes[i] = TEXT;
                text[i] = newTextBuilder(i);
            } else {
                modes[i] = NUMBER;
                declaredNumeric[i] = numericColumns.contains(names[i]);
                numeric[i] = sharedNumbers != null ? sharedNumbers[i].part(part, PhysicalType.FLOAT)
                        : new NumericColumnBuilder(names[i], PhysicalType.FLOAT, expectedRows);
            }
        }
        columnCount = n;
    }

    /** Whether the file had a header record. */
    boolean sawHeader() {
        return columnCount >= 0;
    }

    int columnCount() {
        return columnCount;
    }

    int rows() {
        return rows;
    }

    String name(int column) {
        return names[column];
    }

    /** Whether any column must be read again as text. */
    boolean needsTextPass() {
        if (needsTextPass) {
            return true;
        }
        for (int i = 0; i < columnCount; i++) {
            if (modes[i] == BOOLEAN && sawMissing[i]) {
                return true;
            }
        }
        return false;
    }

    /** Whether column {@code i} must be read again as text: it switched, or is boolean with missing cells. */
    boolean needsText(int i) {
        return modes[i] == SWITCHED || (modes[i] == BOOLEAN && sawMissing[i]);
    }

    /** The finished numeric builder of column {@code i}, with its physical type set, or null. */
    NumericColumnBuilder numericBuilder(int i) {
        NumericColumnBuilder builder = numeric[i];
        if (builder != null) {
            flush(i);
        }
        if (builder == null || needsText(i)) {
            return null;
        }
        PhysicalType type = switch (modes[i]) {
            case BOOLEAN -> PhysicalType.BOOLEAN;
            case TIMESTAMP -> PhysicalType.TIMESTAMP;
            default -> hasValue[i] && !sawDecimal[i] && !sawMissing[i] ? PhysicalType.INTEGER : PhysicalType.FLOAT;
        };
        builder.physicalType(type);
        return builder;
    }

    /** The header's column names, in order (a copy). */
    String[] names() {
        return names.clone();
    }

    /** The read mode column {@code i} ended in: {@link #NUMBER}, {@link #TEXT}, {@link #SWITCHED}… */
    byte mode(int i) {
        return modes[i];
    }

    /** Whether column {@code i} had a non-missing cell (in a numeric, boolean or timestamp mode). */
    boolean hasValue(int i) {
        return hasValue[i];
    }

    /** Whether column {@code i} had a number with a point or exponent, inf or nan. */
    boolean sawDecimal(int i) {
        return sawDecimal[i];
    }

    /** Whether column {@code i} had a missing cell while it was numeric, boolean or timestamp. */
    boolean sawMissing(int i) {
        return sawMissing[i];
    }

    /** The numeric builder of column {@code i} as it is, physical type not set; null unless numeric. */
    NumericColumnBuilder rawNumericBuilder(int i) {
        if (numeric[i] != null) {
            flush(i);
        }
        return numeric[i];
    }

    /** Drops this handler's builders of column {@code i}, once they have been used. */
    void release(int i) {
        numeric[i] = null;
        text[i] = null;
    }

    /** The text builder of column {@code i}, or null. */
    CategoricalColumnBuilder textBuilder(int i) {
        if (text[i] != null) {
            flush(i);
        }
        return text[i];
    }

    /** The prefix of a message about the record being read: source and line. */
    String where() {
        return source + " line " + (getStartingLineNumber() + lineOffset) + ": ";
    }

    long line() {
        return getStartingLineNumber() + lineOffset;
    }

    private UnreadableDatasetException lineTooLong() {
        return new UnreadableDatasetException(where() + "the line is longer than the limit of " + maxLineChars
                + " characters (" + (maxLineChars >> 20) + " MiB) per line; is a quote left open, or is this"
                + " not a line-based CSV file?");
    }

    private static String excerpt(char[] buf, int start, int len) {
        int shown = Math.min(len, 80);
        return new String(buf, start, shown) + (shown < len ? "…" : "");
    }
}
