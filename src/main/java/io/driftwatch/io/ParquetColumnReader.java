package io.driftwatch.io;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Appends the values of one flat Parquet column, row group after row group, to the storage of a
 * {@code data} column: numbers, booleans, dates and timestamps into one {@code double[]} (NaN for a
 * missing cell, as {@link NumericColumn#wrap} expects), strings as dictionary codes. Levels and
 * values are decoded by parquet-column's {@link ColumnReaderImpl} over the pages of
 * {@link ParquetPages}. A dictionary-encoded string page maps each dictionary entry to a label once,
 * when first used, so a column keeps only the labels it holds, in order of first appearance, as the
 * CSV and Arrow readers do; UTF-8 is checked.
 *
 * <p>Not thread-safe: one instance per column and per read; different instances may run on
 * different threads at the same time.
 */
final class ParquetColumnReader {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day field. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    final String name;
    private final ParquetColumnType type;
    private final ColumnDescriptor descriptor;
    private final int scale;
    private final VersionParser.ParsedVersion writer;
    private PhysicalType physicalType;
    private double[] values;
    private final CategoricalColumnBuilder strings;
    private int[] codes = new int[0];
    private int length;

    /**
     * @param descriptor the column as parquet-column decodes it (flat: no repetition, definition 0 or 1)
     * @param scale a decimal's scale, else 0
     * @param expectedRows rows to allocate for at first (the storage grows past it when needed)
     */
    ParquetColumnReader(String name, ParquetColumnType type, ColumnDescriptor descriptor, int scale,
            VersionParser.ParsedVersion writer, int expectedRows) {
        this.name = name;
        this.type = type;
        this.descriptor = descriptor;
        this.scale = scale;
        this.writer = writer;
        this.physicalType = type.physicalType;
        if (type == ParquetColumnType.STRING) {
            strings = new CategoricalColumnBuilder(name, expectedRows);
        } else {
            strings = null;
            values = new double[expectedRows];
        }
    }

    /** A descriptor of a flat column of {@code primitive} type. */
    static ColumnDescriptor descriptor(String name, PrimitiveType.PrimitiveTypeName primitive, int typeLength,
            boolean optional) {
        PrimitiveType type = new PrimitiveType(optional ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED,
                primitive, typeLength, name);
        return new ColumnDescriptor(new String[] {name}, type, 0, optional ? 1 : 0);
    }

    /** Appends the {@code rows} values of one column chunk, read from {@code pages}. */
    void append(ParquetPages pages, long rows) {
        if (rows > Integer.MAX_VALUE - 8 - length) {
            throw new ParquetPages.ParquetFault("more rows than a column can hold");
        }
        int n = (int) rows;
        if (strings == null) {
            reserve(n);
        }
        Sink sink = new Sink();
        ColumnReaderImpl reader;
        try {
            reader = new ColumnReaderImpl(descriptor, pages, sink, writer);
        } catch (ParquetDecodingException | IllegalArgumentException | IllegalStateException
                | UnsupportedOperationException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            // UnsupportedOperationException: a dictionary page declaring an encoding no dictionary has;
            // IndexOutOfBoundsException: entries running past the dictionary page
            throw new ParquetPages.ParquetFault("cannot read its dictionary (" + problem(e) + ")", e);
        }
        int max = descriptor.getMaxDefinitionLevel();
        try {
            if (strings != null) {
                appendStrings(reader, sink, n, max);
            } else {
                appendNumbers(reader, n, max);
            }
        } catch (ParquetDecodingException | IllegalArgumentException | IllegalStateException
                | UnsupportedOperationException | IndexOutOfBoundsException | ArithmeticException
                | java.nio.BufferUnderflowException e) {
            if (e.getCause() instanceof ParquetPages.ParquetFault fault) {
                throw fault;
            }
            throw new ParquetPages.ParquetFault("malformed Parquet data (" + problem(e) + ")", e);
        }
    }

    /** What parquet-column said; its bounds checks say nothing, so then what they mean. */
    private static String problem(RuntimeException e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : "values run past the end of their page";
    }

    private void reserve(int n) {
        int needed = length + n;
        if (needed > values.length) {
            values = Arrays.copyOf(values, Math.max(needed, values.length + (values.length >> 1) + 16));
        }
    }

    private void appendNumbers(ColumnReaderImpl reader, int n, int max) {
        double[] out = values;
        int at = length;
        boolean missing = false;
        for (int i = 0; i < n; i++) {
            if (reader.getCurrentDefinitionLevel() != max) {
                out[at + i] = Double.NaN;
                missing = true;
            } else {
                out[at + i] = value(reader);
            }
            reader.consume();
        }
        if (missing && physicalType == PhysicalType.INTEGER) {
            physicalType = PhysicalType.FLOAT;
        }
        length = at + n;
    }

    private double value(ColumnReaderImpl reader) {
        switch (type) {
            case DOUBLE:
                return reader.getDouble();
            case FLOAT:
                return reader.getFloat();
            case INT32:
                return reader.getInteger();
            case UINT32:
                return Integer.toUnsignedLong(reader.getInteger());
            case INT64:
                return reader.getLong();
            case UINT64:
                long u = reader.getLong();
                return u >= 0 ? u : (double) (u >>> 1) * 2.0 + (u & 1);
            case BOOLEAN:
                return reader.getBoolean() ? 1 : 0;
            case DATE_DAYS:
                return reader.getInteger() * (double) MILLIS_PER_DAY;
            case EPOCH_MILLIS:
                return reader.getLong();
            case EPOCH_MICROS:
                return Math.floorDiv(reader.getLong(), 1_000L);
            case EPOCH_NANOS:
                return Math.floorDiv(reader.getLong(), 1_000_000L);
            case INT96_TIMESTAMP:
                return int96Millis(reader.getBinary());
            case DECIMAL_INT32:
                return BigDecimal.valueOf(reader.getInteger(), scale).doubleValue();
            case DECIMAL_INT64:
                return BigDecimal.valueOf(reader.getLong(), scale).doubleValue();
            case DECIMAL_BINARY:
                return new BigDecimal(new BigInteger(reader.getBinary().getBytesUnsafe()), scale).doubleValue();
            default:
                throw new IllegalStateException("not a numeric column: " + type);
        }
    }

    /** Epoch milliseconds of an INT96 timestamp: nanoseconds of the day, then the Julian day. */
    private static double int96Millis(Binary binary) {
        if (binary.length() != 12) {
            throw new ParquetPages.ParquetFault("an INT96 value of " + binary.length() + " bytes");
        }
        ByteBuffer b = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = b.getLong(b.position());
        long day = b.getInt(b.position() + 8) & 0xFFFFFFFFL;
        return (day - JULIAN_EPOCH_DAY) * MILLIS_PER_DAY + Math.floorDiv(nanos, 1_000_000L);
    }

    private void appendStrings(ColumnReaderImpl reader, Sink sink, int n, int max) {
        if (codes.length < n) {
            codes = new int[n];
        }
        int[] out = codes;
        for (int i = 0; i < n; i++) {
            if (reader.getCurrentDefinitionLevel() != max) {
                out[i] = CategoricalColumn.MISSING;
            } else {
                reader.writeCurrentValueToConverter();
                out[i] = sink.code;
            }
            reader.consume();
        }
        strings.appendCodes(out, 0, n);
        length += n;
    }

    /** The finished column; the reader must not be used afterwards. */
    Column build() {
        if (strings != null) {
            return strings.build();
        }
        double[] exact = values.length == length ? values : Arrays.copyOf(values, length);
        values = null;
        return NumericColumn.wrap(name, physicalType, exact, length);
    }

    /**
     * Receives string values from the column reader: a dictionary-encoded value by its id (each
     * id's label looked up once, when first used), a plainly encoded one by its bytes.
     */
    private final class Sink extends PrimitiveConverter {
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private Dictionary dictionary;
        private int[] codeOfId = new int[0];
        int code;

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            this.dictionary = dictionary;
            codeOfId = new int[dictionary.getMaxId() + 1];
            Arrays.fill(codeOfId, -1);
        }

        @Override
        public void addValueFromDictionary(int id) {
            if (id < 0 || id >= codeOfId.length) {
                throw new ParquetPages.ParquetFault("a dictionary index " + id + " outside its dictionary of "
                        + codeOfId.length + " values");
            }
            int c = codeOfId[id];
            if (c < 0) {
                c = codeOf(dictionary.decodeToBinary(id));
                codeOfId[id] = c;
            }
            code = c;
        }

        @Override
        public void addBinary(Binary value) {
            code = codeOf(value);
        }

        private int codeOf(Binary value) {
            CharBuffer chars;
            try {
                chars = utf8.decode(value.toByteBuffer());
            } catch (CharacterCodingException e) {
                throw new ParquetPages.ParquetFault("a value that is not valid UTF-8", e);
            }
            return strings.code(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
        }
    }
}
