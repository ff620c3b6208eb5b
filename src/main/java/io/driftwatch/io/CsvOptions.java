package io.driftwatch.io;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link CsvReader} reads a file: the field delimiter, the tokens that mean "missing", and
 * columns whose kind the caller declares instead of leaving it to detection.
 *
 * <p>Start from {@link #defaults()} and change one thing at a time with the {@code with…}
 * methods, each of which returns a new instance.
 *
 * <p>Thread-safe: immutable (the sets are unmodifiable copies).
 *
 * @param delimiter the field delimiter, or {@link #AUTO_DETECT} to pick one of {@code ,} {@code ;}
 *     TAB {@code |} from the header line
 * @param missingTokens cell texts read as missing; compared after surrounding spaces and tabs of an
 *     unquoted cell are trimmed, exactly for a quoted cell; the empty cell is always missing
 * @param numericColumns columns every non-missing cell of which must be a number (else the read
 *     fails naming the line, the column and the token)
 * @param textColumns columns kept as text ({@link io.driftwatch.data.PhysicalType#STRING}) even
 *     when their cells look like numbers, booleans or dates
 * @param limits the most columns and the longest cell a file may have
 */
public record CsvOptions(char delimiter, Set<String> missingTokens, Set<String> numericColumns,
                         Set<String> textColumns, Limits limits) {

    /** The {@link #delimiter()} value that asks for detection from the header line. */
    public static final char AUTO_DETECT = '\0';

    /** The default missing tokens: the empty cell, {@code NA}, {@code NaN}, {@code null} and {@code ?}. */
    public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("", "NA", "NaN", "null", "?");

    /** The default {@link Limits#maxColumns()}: 10,000 columns. */
    public static final int DEFAULT_MAX_COLUMNS = 10_000;

    /**
     * What a file may hold at most; a file past a limit is refused with an
     * {@link UnreadableDatasetException} naming the line, the column, the limit and its setting.
     *
     * @param maxColumns columns per file, checked while the header is read, so a header of millions
     *     of fields fails after the first few thousand instead of exhausting memory
     * @param maxCellLength characters per cell (a field), at most {@link CsvReader#MAX_LINE_CHARS};
     *     the parser never buffers much more than this for one field
     */
    public record Limits(Limit maxColumns, Limit maxCellLength) {
        public Limits {
            Objects.requireNonNull(maxColumns, "maxColumns");
            Objects.requireNonNull(maxCellLength, "maxCellLength");
            if (maxColumns.max() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " columns can be read");
            }
            if (maxCellLength.max() > CsvReader.MAX_LINE_CHARS) {
                throw new IllegalArgumentException("a cell cannot be longer than a line, "
                        + CsvReader.MAX_LINE_CHARS + " characters");
            }
        }

        /**
         * {@value #DEFAULT_MAX_COLUMNS} columns and cells of up to {@link CsvReader#MAX_LINE_CHARS}
         * characters, as the command line reads; no setting names them.
         */
        public static Limits defaults() {
            return new Limits(Limit.builtIn(DEFAULT_MAX_COLUMNS), Limit.builtIn(CsvReader.MAX_LINE_CHARS));
        }
    }

    public CsvOptions {
        Objects.requireNonNull(limits, "limits");
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        missingTokens = Set.copyOf(Objects.requireNonNull(missingTokens, "missingTokens"));
        numericColumns = Set.copyOf(Objects.requireNonNull(numericColumns, "numericColumns"));
        textColumns = Set.copyOf(Objects.requireNonNull(textColumns, "textColumns"));
        Set<String> both = new HashSet<>(numericColumns);
        both.retainAll(textColumns);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("columns declared both numeric and text: " + both);
        }
    }

    /** Auto-detected delimiter, the default missing tokens, no declared columns, the default limits. */
    public static CsvOptions defaults() {
        return new CsvOptions(AUTO_DETECT, DEFAULT_MISSING_TOKENS, Set.of(), Set.of(), Limits.defaults());
    }

    /** These options with a fixed delimiter ({@link #AUTO_DETECT} turns detection back on). */
    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, missingTokens, numericColumns, textColumns, limits);
    }

    /** These options with {@code tokens} as the missing tokens (the empty cell stays missing). */
    public CsvOptions withMissingTokens(Set<String> tokens) {
        return new CsvOptions(delimiter, tokens, numericColumns, textColumns, limits);
    }

    /** These options with {@code columns} declared numeric. */
    public CsvOptions withNumericColumns(Set<String> columns) {
        return new CsvOptions(delimiter, missingTokens, columns, textColumns, limits);
    }

    /** These options with {@code columns} declared text. */
    public CsvOptions withTextColumns(Set<String> columns) {
        return new CsvOptions(delimiter, missingTokens, numericColumns, columns, limits);
    }

    /** These options with {@code newLimits}. */
    public CsvOptions withLimits(Limits newLimits) {
        return new CsvOptions(delimiter, missingTokens, numericColumns, textColumns, newLimits);
    }
}
