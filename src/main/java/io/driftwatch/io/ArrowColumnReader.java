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
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.Float16;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Appends the rows of one Arrow column, batch after batch, to the storage of a {@code data} column:
 * a {@code double[]} or {@code int[]} codes allocated once at the row count the message scan found,
 * filled in bulk and handed to {@link NumericColumn#wrap} or {@link CategoricalColumn#wrap} without
 * a copy (UTF-8 strings, which need hashing per row, still go through a column builder). One
 * implementation per Arrow physical layout: fixed-width numbers (floats, integers, dates,
 * timestamps), bits, decimals, UTF-8 strings with 32- or 64-bit offsets, and dictionary-encoded
 * strings.
 *
 * <p>Deliberately low-level: the loops read Arrow's off-heap buffers through {@link MemoryUtil} at
 * computed addresses (no bounds checks, no boxing, no {@code getObject}), and take the no-validity
 * path after one check of the vector's null count. The addresses are valid only while the batch is
 * loaded, so {@link #append} must finish before the reader loads the next one.
 *
 * <p>Because those reads are unchecked, each {@link #append} first checks every buffer it will read
 * against the vector's value count, whatever the message scan already checked: the validity
 * bitmap (before the null count is read from it), fixed-width values, bits, dictionary indices
 * and offsets, all by their capacity in O(1); and, in one pass, that string offsets start at 0 or
 * more, never decrease and end inside the data buffer. A dictionary's entries are checked as each
 * is first used. A fault is a {@link MalformedVectorException}, thrown before any read.
 *
 * <p>Not thread-safe: one instance per column and per read. Different instances may append on
 * different threads at the same time; one instance may move between threads between batches when
 * the hand-over orders memory (as a completed task does).
 */
abstract class ArrowColumnReader {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Bytes per bulk copy through a direct-buffer view (a view's capacity is an int). */
    private static final int COPY_CHUNK = 1 << 30;
    /** The longest string value, in UTF-8 bytes, that can be decoded into a {@code char[]}. */
    private static final long MAX_VALUE_BYTES = Integer.MAX_VALUE - 8;

    final String name;

    private ArrowColumnReader(String name) {
        this.name = name;
    }

    /**
     * A reader for {@code field}, sized for {@code expectedRows} rows.
     *
     * @throws UnsupportedArrowTypeException when the field's type has no place in the columnar model
     */
    static ArrowColumnReader forField(Field field, int expectedRows) {
        String name = field.getName();
        ArrowType type = field.getType();
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            return new DictionaryStrings(name, expectedRows, encoding);
        }
        switch (type.getTypeID()) {
            case FloatingPoint:
                switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                    case HALF:
                        return new FixedWidth(name, PhysicalType.FLOAT, Layout.FLOAT16, expectedRows);
                    case SINGLE:
                        return new FixedWidth(name, PhysicalType.FLOAT, Layout.FLOAT32, expectedRows);
                    case DOUBLE:
                        return new FixedWidth(name, PhysicalType.FLOAT, Layout.FLOAT64, expectedRows);
                    default:
                        throw new UnsupportedArrowTypeException(type);
                }
            case Int:
                return new FixedWidth(name, PhysicalType.INTEGER, intLayout((ArrowType.Int) type), expectedRows);
            case Decimal:
                ArrowType.Decimal decimal = (ArrowType.Decimal) type;
                return new Decimals(name, decimal.getScale(), decimal.getBitWidth() / 8, expectedRows);
            case Bool:
                return new Bits(name, expectedRows);
            case Date:
                Layout dateLayout = ((ArrowType.Date) type).getUnit() == DateUnit.DAY
                        ? Layout.DATE_DAYS : Layout.EPOCH_MILLIS;
                return new FixedWidth(name, PhysicalType.TIMESTAMP, dateLayout, expectedRows);
            case Timestamp:
                return new FixedWidth(name, PhysicalType.TIMESTAMP, timestampLayout((ArrowType.Timestamp) type),
                        expectedRows);
            case Utf8:
                return new Utf8Strings(name, expectedRows, false);
            case LargeUtf8:
                return new Utf8Strings(name, expectedRows, true);
            case Utf8View:
                return new Utf8ViewStrings(name, expectedRows);
            default:
                throw new UnsupportedArrowTypeException(type);
        }
    }

    /** Appends all {@code vector.getValueCount()} rows of the current batch. */
    abstract void append(FieldVector vector, DictionaryProvider dictionaries);

    /** The finished column; the reader must not be used afterwards. */
    abstract Column build();

    /** Whether bit {@code i} of the validity bitmap at {@code validity} is set. */
    static boolean isValid(long validity, int i) {
        return (MemoryUtil.getByte(validity + (i >>> 3)) & (1 << (i & 7))) != 0;
    }

    private static Layout intLayout(ArrowType.Int type) {
        boolean signed = type.getIsSigned();
        switch (type.getBitWidth()) {
            case 8:
                return signed ? Layout.INT8 : Layout.UINT8;
            case 16:
                return signed ? Layout.INT16 : Layout.UINT16;
            case 32:
                return signed ? Layout.INT32 : Layout.UINT32;
            case 64:
                return signed ? Layout.INT64 : Layout.UINT64;
            default:
                throw new UnsupportedArrowTypeException(type);
        }
    }

    private static Layout timestampLayout(ArrowType.Timestamp type) {
        switch (type.getUnit()) {
            case SECOND:
                return Layout.EPOCH_SECONDS;
            case MILLISECOND:
                return Layout.EPOCH_MILLIS;
            case MICROSECOND:
                return Layout.EPOCH_MICROS;
            case NANOSECOND:
                return Layout.EPOCH_NANOS;
            default:
                throw new UnsupportedArrowTypeException(type);
        }
    }

    /**
     * What a column reader refuses; {@link ArrowReader} adds source, record batch and column to the
     * message, which is written for users.
     */
    abstract static class ColumnFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ColumnFault(String message) {
            super(message);
        }
    }

    /** An Arrow type the columnar model cannot hold. */
    static final class UnsupportedArrowTypeException extends ColumnFault {
        private static final long serialVersionUID = 1L;

        UnsupportedArrowTypeException(ArrowType type) {
            super("unsupported Arrow type " + ArrowReader.printable(String.valueOf(type)));
        }

        UnsupportedArrowTypeException(String message) {
            super(message);
        }
    }

    /** A dictionary index outside its dictionary, or a missing dictionary. */
    static final class BadDictionaryIndexException extends ColumnFault {
        private static final long serialVersionUID = 1L;

        BadDictionaryIndexException(String message) {
            super(message);
        }
    }

    /** A buffer too short for the vector's values, or string offsets that point outside the data. */
    static final class MalformedVectorException extends ColumnFault {
        private static final long serialVersionUID = 1L;

        MalformedVectorException(String message) {
            super("malformed Arrow data: " + message);
        }
    }

    /**
     * Fails unless the validity bitmap of {@code vector} has a bit for each of its {@code n}
     * values; call before {@code getNullCount()}, which reads it.
     */
    static void checkValidity(FieldVector vector, int n) {
        long capacity = vector.getValidityBuffer().capacity();
        long need = ((long) n + 7) >>> 3;
        if (capacity < need) {
            throw new MalformedVectorException("the validity bitmap has " + capacity + " bytes but " + n
                    + " values need " + need);
        }
    }

    /** Fails unless the data buffer of {@code vector} holds {@code n} values of {@code bits} bits. */
    static void checkData(FieldVector vector, int n, int bits) {
        long capacity = vector.getDataBuffer().capacity();
        long need = ((long) n * bits + 7) >>> 3;
        if (capacity < need) {
            throw new MalformedVectorException("the data buffer has " + capacity + " bytes but " + n + " values of "
                    + bits + " bits need " + need);
        }
    }

    /**
     * Fails unless the {@code n + 1} offsets of {@code vector} (4 or 8 bytes each) fit its offsets
     * buffer, the first is 0 or more, none is less than the one before and the last lies inside
     * the data buffer. One pass over the offsets; afterwards every value's bytes are inside the
     * data buffer and no value is longer than that buffer.
     */
    static void checkOffsets(FieldVector vector, int n, boolean large) {
        int width = large ? 8 : 4;
        long capacity = vector.getOffsetBuffer().capacity();
        long need = ((long) n + 1) * width;
        if (capacity < need) {
            throw new MalformedVectorException("the offsets buffer has " + capacity + " bytes but " + n
                    + " values need " + need);
        }
        long o = vector.getOffsetBufferAddress();
        long dataCapacity = vector.getDataBuffer().capacity();
        long previous = large ? MemoryUtil.getLong(o) : MemoryUtil.getInt(o);
        int bad = previous < 0 || previous > dataCapacity ? 0 : -1;
        if (large) {
            for (int i = 1; i <= n && bad < 0; i++) {
                long next = MemoryUtil.getLong(o + ((long) i << 3));
                if (next < previous || next > dataCapacity) {
                    bad = i;
                }
                previous = next;
            }
        } else {
            for (int i = 1; i <= n && bad < 0; i++) {
                long next = MemoryUtil.getInt(o + ((long) i << 2));
                if (next < previous || next > dataCapacity) {
                    bad = i;
                }
                previous = next;
            }
        }
        if (bad >= 0) {
            long before = bad == 0 ? 0 : large ? MemoryUtil.getLong(o + ((long) (bad - 1) << 3))
                    : MemoryUtil.getInt(o + ((long) (bad - 1) << 2));
            long offset = large ? MemoryUtil.getLong(o + ((long) bad << 3)) : MemoryUtil.getInt(o + ((long) bad << 2));
            throw new MalformedVectorException("offset " + bad + " is " + offset + ", " + (offset < 0 ? "negative"
                    : offset > dataCapacity ? "past the end of the " + dataCapacity + "-byte data buffer"
                            : "less than the one before (" + before + ")"));
        }
        if (large && dataCapacity > MAX_VALUE_BYTES) {
            for (int i = 0; i < n; i++) {
                long length = MemoryUtil.getLong(o + ((long) (i + 1) << 3)) - MemoryUtil.getLong(o + ((long) i << 3));
                if (length > MAX_VALUE_BYTES) {
                    throw new MalformedVectorException("value " + i + " is " + length + " bytes long, more than a "
                            + "string can hold");
                }
            }
        }
    }

    /** How the values of a fixed-width vector are stored and turned into doubles. */
    enum Layout {
        FLOAT16(16), FLOAT32(32), FLOAT64(64),
        INT8(8), UINT8(8), INT16(16), UINT16(16), INT32(32), UINT32(32), INT64(64), UINT64(64),
        DATE_DAYS(32), EPOCH_SECONDS(64), EPOCH_MILLIS(64), EPOCH_MICROS(64), EPOCH_NANOS(64);

        /** Bits per value. */
        final int bits;

        Layout(int bits) {
            this.bits = bits;
        }
    }

    /**
     * The numeric readers' storage: one {@code double[]} allocated at the expected row count (the
     * final size when the scan counted the rows) and filled batch by batch in bulk; a missing cell
     * holds NaN, so {@link NumericColumn#wrap} derives the validity bitmap in one pass at the end.
     * The array is allocated by the first batch's {@link #reserve}, on the thread that reads the
     * column: the JVM zeroes a new array, and the readers are made one after the other on one thread.
     */
    abstract static class Numbers extends ArrowColumnReader {
        private static final double[] NONE = new double[0];
        PhysicalType type;
        double[] values = NONE;
        int length;
        private final int expectedRows;

        Numbers(String name, PhysicalType type, int expectedRows) {
            super(name);
            this.type = type;
            this.expectedRows = Math.max(0, expectedRows);
        }

        /** Makes room for {@code n} more cells; grows only when the row count was not known. */
        final void reserve(int n) {
            int needed = length + n;
            if (needed > values.length) {
                int size = values == NONE ? Math.max(needed, expectedRows)
                        : Math.max(needed, values.length + (values.length >> 1) + 16);
                values = Arrays.copyOf(values, size);
            }
        }

        @Override
        final Column build() {
            double[] exact = values.length == length ? values : Arrays.copyOf(values, length);
            values = null;
            return NumericColumn.wrap(name, type, exact, length);
        }
    }

    /**
     * Writes NaN into {@code values[offset + i]} for every row {@code i < n} whose validity bit is
     * clear; whole bytes of valid rows are skipped with one test.
     */
    static void markMissing(double[] values, int offset, long validity, int n) {
        for (int i = 0; i < n; i += 8) {
            int bits = MemoryUtil.getByte(validity + (i >>> 3)) & 0xFF;
            if (bits == 0xFF) {
                continue;
            }
            int end = Math.min(8, n - i);
            for (int k = 0; k < end; k++) {
                if ((bits & (1 << k)) == 0) {
                    values[offset + i + k] = Double.NaN;
                }
            }
        }
    }

    /** Copies {@code n} native-order doubles at {@code address} into {@code dest[offset, offset + n)}. */
    static void copyDoubles(long address, double[] dest, int offset, int n) {
        int done = 0;
        while (done < n) {
            int chunk = Math.min(n - done, COPY_CHUNK >>> 3);
            MemoryUtil.directBuffer(address + ((long) done << 3), chunk << 3).order(ByteOrder.nativeOrder())
                    .asDoubleBuffer().get(dest, offset + done, chunk);
            done += chunk;
        }
    }

    /** Copies {@code n} native-order ints at {@code address} into {@code dest[offset, offset + n)}. */
    static void copyInts(long address, int[] dest, int offset, int n) {
        int done = 0;
        while (done < n) {
            int chunk = Math.min(n - done, COPY_CHUNK >>> 2);
            MemoryUtil.directBuffer(address + ((long) done << 2), chunk << 2).order(ByteOrder.nativeOrder())
                    .asIntBuffer().get(dest, offset + done, chunk);
            done += chunk;
        }
    }

    /**
     * Floats, integers, dates and timestamps. float64 is copied in bulk; every other layout has one
     * tight conversion loop. Null rows are overwritten with NaN afterwards, only when the batch has
     * nulls. An integer column that has a null anywhere becomes {@link PhysicalType#FLOAT}, as pandas
     * makes it {@code float64}.
     */
    static final class FixedWidth extends Numbers {
        private final Layout layout;

        FixedWidth(String name, PhysicalType type, Layout layout, int expectedRows) {
            super(name, type, expectedRows);
            this.layout = layout;
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            checkValidity(vector, n);
            checkData(vector, n, layout.bits);
            boolean nulls = vector.getNullCount() != 0;
            if (nulls && type == PhysicalType.INTEGER) {
                type = PhysicalType.FLOAT;
            }
            reserve(n);
            long d = vector.getDataBufferAddress();
            double[] out = values;
            int at = length;
            switch (layout) {
                case FLOAT64:
                    copyDoubles(d, out, at, n);
                    break;
                case FLOAT32:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = Float.intBitsToFloat(MemoryUtil.getInt(d + ((long) i << 2)));
                    }
                    break;
                case FLOAT16:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = Float16.toFloat(MemoryUtil.getShort(d + ((long) i << 1)));
                    }
                    break;
                case INT8:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getByte(d + i);
                    }
                    break;
                case UINT8:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getByte(d + i) & 0xFF;
                    }
                    break;
                case INT16:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getShort(d + ((long) i << 1));
                    }
                    break;
                case UINT16:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getShort(d + ((long) i << 1)) & 0xFFFF;
                    }
                    break;
                case INT32:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getInt(d + ((long) i << 2));
                    }
                    break;
                case UINT32:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getInt(d + ((long) i << 2)) & 0xFFFF_FFFFL;
                    }
                    break;
                case INT64:
                case EPOCH_MILLIS:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getLong(d + ((long) i << 3));
                    }
                    break;
                case UINT64:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = unsignedToDouble(MemoryUtil.getLong(d + ((long) i << 3)));
                    }
                    break;
                case DATE_DAYS:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getInt(d + ((long) i << 2)) * MILLIS_PER_DAY;
                    }
                    break;
                case EPOCH_SECONDS:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = MemoryUtil.getLong(d + ((long) i << 3)) * 1000.0;
                    }
                    break;
                case EPOCH_MICROS:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = Math.floorDiv(MemoryUtil.getLong(d + ((long) i << 3)), 1_000L);
                    }
                    break;
                case EPOCH_NANOS:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = Math.floorDiv(MemoryUtil.getLong(d + ((long) i << 3)), 1_000_000L);
                    }
                    break;
                default:
                    throw new AssertionError(layout);
            }
            if (nulls) {
                markMissing(out, at, vector.getValidityBufferAddress(), n);
            }
            length = at + n;
        }

        /** The unsigned 64-bit integer {@code bits}, correctly rounded (the low bit stays as a sticky bit). */
        static double unsignedToDouble(long bits) {
            if (bits >= 0) {
                return bits;
            }
            return (double) ((bits >>> 1) | (bits & 1L)) * 2.0;
        }
    }

    /** Booleans: 1 for true, 0 for false, nulls missing. */
    static final class Bits extends Numbers {
        Bits(String name, int expectedRows) {
            super(name, PhysicalType.BOOLEAN, expectedRows);
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            checkValidity(vector, n);
            checkData(vector, n, 1);
            reserve(n);
            long d = vector.getDataBufferAddress();
            double[] out = values;
            int at = length;
            for (int i = 0; i < n; i++) {
                out[at + i] = isValid(d, i) ? 1.0 : 0.0;
            }
            if (vector.getNullCount() != 0) {
                markMissing(out, at, vector.getValidityBufferAddress(), n);
            }
            length = at + n;
        }
    }

    /**
     * Decimals of 128 or 256 bits as their nearest double. An unscaled value within ±2^53 and a
     * scale of at most 22 is divided directly (both operands exact, so the quotient is correctly
     * rounded); anything else goes through {@link BigDecimal#doubleValue()}.
     */
    static final class Decimals extends Numbers {
        private static final double[] POWERS_OF_TEN = new double[23];
        private static final long EXACT_LIMIT = 1L << 53;

        static {
            double p = 1.0;
            for (int i = 0; i < POWERS_OF_TEN.length; i++) {
                POWERS_OF_TEN[i] = p;
                p *= 10.0;
            }
        }

        private final int scale;
        private final int byteWidth;

        Decimals(String name, int scale, int byteWidth, int expectedRows) {
            super(name, PhysicalType.FLOAT, expectedRows);
            this.scale = scale;
            this.byteWidth = byteWidth;
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            checkValidity(vector, n);
            checkData(vector, n, byteWidth * 8);
            reserve(n);
            boolean nulls = vector.getNullCount() != 0;
            long v = nulls ? vector.getValidityBufferAddress() : 0L;
            long d = vector.getDataBufferAddress();
            int words = byteWidth >>> 3;
            boolean directScale = scale >= 0 && scale < POWERS_OF_TEN.length;
            double[] out = values;
            int at = length;
            for (int i = 0; i < n; i++) {
                if (nulls && !isValid(v, i)) {
                    out[at + i] = Double.NaN;
                    continue;
                }
                long base = d + (long) i * byteWidth;
                long low = MemoryUtil.getLong(base);
                if (directScale && low > -EXACT_LIMIT && low < EXACT_LIMIT && fitsInLow(base, low, words)) {
                    out[at + i] = low / POWERS_OF_TEN[scale];
                } else {
                    out[at + i] = slowValue(base);
                }
            }
            length = at + n;
        }

        /** Whether every word above the lowest only extends the lowest word's sign. */
        private static boolean fitsInLow(long base, long low, int words) {
            long extension = low >> 63;
            for (int w = 1; w < words; w++) {
                if (MemoryUtil.getLong(base + 8L * w) != extension) {
                    return false;
                }
            }
            return true;
        }

        private double slowValue(long base) {
            byte[] bigEndian = new byte[byteWidth];
            for (int k = 0; k < byteWidth; k++) {
                bigEndian[byteWidth - 1 - k] = MemoryUtil.getByte(base + k);
            }
            return new BigDecimal(new BigInteger(bigEndian), scale).doubleValue();
        }
    }

    /**
     * UTF-8 strings with 32-bit (Utf8) or 64-bit (LargeUtf8) offsets. ASCII values are widened
     * byte by byte into a reused {@code char[]}; a value with any other byte goes through a reused
     * {@link CharsetDecoder} (malformed input becomes U+FFFD, as {@code new String(bytes, UTF_8)}
     * does). No string is allocated unless the label is new to the builder.
     */
    static final class Utf8Strings extends ArrowColumnReader {
        private final boolean largeOffsets;
        private final int expectedRows;
        /** Made by the first batch, on the thread that reads the column (as {@link Numbers} allocates). */
        private CategoricalColumnBuilder builder;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ShortLabelCodes shortCodes = new ShortLabelCodes();
        private char[] chars = new char[64];
        private byte[] bytes = new byte[64];
        private int[] batchCodes = new int[0];

        Utf8Strings(String name, int expectedRows, boolean largeOffsets) {
            super(name);
            this.largeOffsets = largeOffsets;
            this.expectedRows = expectedRows;
        }

        final CategoricalColumnBuilder builder() {
            if (builder == null) {
                builder = new CategoricalColumnBuilder(name, expectedRows);
            }
            return builder;
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            checkValidity(vector, n);
            checkOffsets(vector, n, largeOffsets);
            boolean nulls = vector.getNullCount() != 0;
            long v = nulls ? vector.getValidityBufferAddress() : 0L;
            long o = vector.getOffsetBufferAddress();
            long d = vector.getDataBufferAddress();
            long dataCapacity = vector.getDataBuffer().capacity();
            int[] out = batchCodes(n);
            for (int i = 0; i < n; i++) {
                if (nulls && !isValid(v, i)) {
                    out[i] = CategoricalColumn.MISSING;
                    continue;
                }
                long start;
                long end;
                if (largeOffsets) {
                    start = MemoryUtil.getLong(o + ((long) i << 3));
                    end = MemoryUtil.getLong(o + ((long) (i + 1) << 3));
                } else {
                    start = MemoryUtil.getInt(o + ((long) i << 2));
                    end = MemoryUtil.getInt(o + ((long) (i + 1) << 2));
                }
                int len = (int) (end - start);
                if (len <= ShortLabelCodes.MAX_BYTES && start + ShortLabelCodes.MAX_BYTES <= dataCapacity) {
                    long first = ShortLabelCodes.low(MemoryUtil.getLong(d + start), len);
                    long second = ShortLabelCodes.low(MemoryUtil.getLong(d + start + 8), len - 8);
                    int code = shortCodes.find(first, second, len);
                    if (code < 0) {
                        code = code(d + start, len);
                        shortCodes.put(first, second, len, code);
                    }
                    out[i] = code;
                } else {
                    out[i] = code(d + start, len);
                }
            }
            builder().appendCodes(out, 0, n);
        }

        /** Room for the codes of a batch of {@code n} rows, reused from batch to batch. */
        int[] batchCodes(int n) {
            if (batchCodes.length < n) {
                batchCodes = new int[n];
            }
            return batchCodes;
        }

        /** The column code of the {@code len} UTF-8 bytes at {@code address}, decoded. */
        int code(long address, int len) {
            int charCount = decode(address, len); // may replace chars: read it afterwards
            return builder().code(chars, 0, charCount);
        }

        /** Decodes {@code len} UTF-8 bytes at {@code address} into {@link #chars}; returns the char count. */
        private int decode(long address, int len) {
            if (chars.length < len) {
                chars = new char[Math.max(len, chars.length * 2)];
            }
            char[] out = chars;
            for (int k = 0; k < len; k++) {
                byte x = MemoryUtil.getByte(address + k);
                if (x < 0) {
                    return decodeNonAscii(address, len);
                }
                out[k] = (char) x;
            }
            return len;
        }

        private int decodeNonAscii(long address, int len) {
            if (bytes.length < len) {
                bytes = new byte[Math.max(len, bytes.length * 2)];
            }
            MemoryUtil.copyFromMemory(address, bytes, 0, len);
            // a UTF-8 sequence never yields more chars than it has bytes
            CharBuffer out = CharBuffer.wrap(chars);
            decoder.reset();
            decoder.decode(ByteBuffer.wrap(bytes, 0, len), out, true);
            decoder.flush(out);
            return out.position();
        }

        @Override
        Column build() {
            return builder().build();
        }
    }

    /**
     * UTF-8 string views ({@code Utf8View}, what Polars writes by default): per row a 16-byte view,
     * its length first; a value of up to 12 bytes lies inside the view, a longer one in one of the
     * batch's variadic data buffers at the index and offset the view names. Every view of a valid row
     * is checked against those buffers before any value is read; values are decoded as
     * {@link Utf8Strings} decodes them.
     */
    static final class Utf8ViewStrings extends ArrowColumnReader {
        private static final int VIEW_BYTES = 16;
        private static final int INLINE_BYTES = 12;

        private final Utf8Strings decoding;
        private final ShortLabelCodes shortCodes = new ShortLabelCodes();
        private long[] bufferAddresses = new long[0];

        Utf8ViewStrings(String name, int expectedRows) {
            super(name);
            this.decoding = new Utf8Strings(name, expectedRows, false);
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            checkValidity(vector, n);
            long capacity = vector.getDataBuffer().capacity();
            if (capacity < (long) n * VIEW_BYTES) {
                throw new MalformedVectorException("the views buffer has " + capacity + " bytes but " + n
                        + " values need " + (long) n * VIEW_BYTES);
            }
            List<ArrowBuf> buffers = ((BaseVariableWidthViewVector) vector).getDataBuffers();
            int bufferCount = buffers.size();
            if (bufferAddresses.length < bufferCount) {
                bufferAddresses = new long[bufferCount];
            }
            long[] addresses = bufferAddresses;
            long[] capacities = new long[bufferCount];
            for (int b = 0; b < bufferCount; b++) {
                addresses[b] = buffers.get(b).memoryAddress();
                capacities[b] = buffers.get(b).capacity();
            }
            boolean nulls = vector.getNullCount() != 0;
            long v = nulls ? vector.getValidityBufferAddress() : 0L;
            long views = vector.getDataBufferAddress();
            for (int i = 0; i < n; i++) {
                if (!nulls || isValid(v, i)) {
                    checkView(views + ((long) i << 4), i, capacities);
                }
            }
            Utf8Strings d = decoding;
            ShortLabelCodes cache = shortCodes;
            int[] out = d.batchCodes(n);
            for (int i = 0; i < n; i++) {
                if (nulls && !isValid(v, i)) {
                    out[i] = CategoricalColumn.MISSING;
                    continue;
                }
                long view = views + ((long) i << 4);
                int len = MemoryUtil.getInt(view);
                if (len <= INLINE_BYTES) {
                    // the view is the key: its length and the value's bytes (padding masked off)
                    long first = ShortLabelCodes.low(MemoryUtil.getLong(view), 4 + len);
                    long second = ShortLabelCodes.low(MemoryUtil.getLong(view + 8), len - 4);
                    int code = cache.find(first, second, len);
                    if (code < 0) {
                        code = d.code(view + 4, len);
                        cache.put(first, second, len, code);
                    }
                    out[i] = code;
                } else {
                    out[i] = d.code(addresses[MemoryUtil.getInt(view + 8)] + MemoryUtil.getInt(view + 12), len);
                }
            }
            d.builder().appendCodes(out, 0, n);
        }

        private static void checkView(long view, int row, long[] capacities) {
            int len = MemoryUtil.getInt(view);
            if (len < 0) {
                throw new MalformedVectorException("view " + row + " has a negative length (" + len + ")");
            }
            if (len <= INLINE_BYTES) {
                return;
            }
            int buffer = MemoryUtil.getInt(view + 8);
            int offset = MemoryUtil.getInt(view + 12);
            if (buffer < 0 || buffer >= capacities.length) {
                throw new MalformedVectorException("view " + row + " names data buffer " + buffer + " of "
                        + capacities.length);
            }
            if (offset < 0 || (long) offset + len > capacities[buffer]) {
                throw new MalformedVectorException("view " + row + " reaches bytes " + offset + " to "
                        + ((long) offset + len) + " of the " + capacities[buffer] + "-byte data buffer " + buffer);
            }
        }

        /** The checked bytes of value {@code index} of a views vector (a dictionary's entry). */
        static byte[] valueBytes(BaseVariableWidthViewVector vector, int index) {
            List<ArrowBuf> buffers = vector.getDataBuffers();
            long[] capacities = new long[buffers.size()];
            for (int b = 0; b < capacities.length; b++) {
                capacities[b] = buffers.get(b).capacity();
            }
            long view = vector.getDataBufferAddress() + ((long) index << 4);
            checkView(view, index, capacities);
            int len = MemoryUtil.getInt(view);
            long address = len <= INLINE_BYTES ? view + 4
                    : buffers.get(MemoryUtil.getInt(view + 8)).memoryAddress() + MemoryUtil.getInt(view + 12);
            byte[] utf8 = new byte[len];
            MemoryUtil.copyFromMemory(address, utf8, 0, len);
            return utf8;
        }

        @Override
        Column build() {
            return decoding.build();
        }
    }

    /**
     * Dictionary-encoded strings, read into {@code int[]} codes of the column's own dictionary.
     * Per batch, each source dictionary entry is mapped to a column code the first time a row uses
     * it (decoding its string once); every other row is one table look-up in a tight loop. Column
     * codes are given in order of first appearance across batches, so a replaced or re-sent
     * dictionary keeps the codes of labels already seen, and entries no row uses never reach the
     * column's dictionary. A row pointing at a null entry is missing.
     */
    static final class DictionaryStrings extends ArrowColumnReader {
        /** A source entry not yet mapped in this batch. */
        private static final int UNMAPPED = -2;

        private final DictionaryEncoding encoding;
        private final Map<String, Integer> codeOf = new HashMap<>();
        private final List<String> labels = new ArrayList<>();
        private int[] codes;
        private int length;
        private int[] toCode = new int[0];

        DictionaryStrings(String name, int expectedRows, DictionaryEncoding encoding) {
            super(name);
            this.encoding = encoding;
            this.codes = new int[Math.max(0, expectedRows)];
            ArrowType.Int indexType = encoding.getIndexType();
            if (indexType.getBitWidth() != 8 && indexType.getBitWidth() != 16 && indexType.getBitWidth() != 32
                    && indexType.getBitWidth() != 64) {
                throw new UnsupportedArrowTypeException("unsupported dictionary index type " + indexType);
            }
        }

        private FieldVector dictionaryVector(DictionaryProvider dictionaries) {
            Dictionary dictionary = dictionaries.lookup(encoding.getId());
            if (dictionary == null) {
                throw new BadDictionaryIndexException("no dictionary with id " + encoding.getId());
            }
            ArrowType valueType = dictionary.getVectorType();
            if (!(valueType instanceof ArrowType.Utf8) && !(valueType instanceof ArrowType.LargeUtf8)
                    && !(valueType instanceof ArrowType.Utf8View)) {
                throw new UnsupportedArrowTypeException("unsupported Arrow type Dictionary<"
                        + ArrowReader.printable(String.valueOf(valueType))
                        + "> (only dictionaries of strings are read)");
            }
            return dictionary.getVector();
        }

        @Override
        void append(FieldVector vector, DictionaryProvider dictionaries) {
            int n = vector.getValueCount();
            if (n == 0) {
                return;
            }
            FieldVector dictionary = dictionaryVector(dictionaries);
            int size = dictionary.getValueCount();
            checkValidity(vector, n);
            checkData(vector, n, encoding.getIndexType().getBitWidth());
            checkDictionaryBuffers(dictionary, size);
            if (toCode.length < size) {
                toCode = new int[size];
            }
            Arrays.fill(toCode, 0, size, UNMAPPED);
            if (length + n > codes.length) {
                codes = Arrays.copyOf(codes, Math.max(length + n, codes.length + (codes.length >> 1) + 16));
            }
            long d = vector.getDataBufferAddress();
            ArrowType.Int indexType = encoding.getIndexType();
            int width = indexType.getBitWidth();
            boolean signed = indexType.getIsSigned();
            int[] out = codes;
            int[] map = toCode;
            int at = length;
            boolean nulls = vector.getNullCount() != 0;
            long v = nulls ? vector.getValidityBufferAddress() : 0L;
            if (width == 32) {
                // bulk copy of the indices, then translated in place
                copyInts(d, out, at, n);
                for (int i = 0; i < n; i++) {
                    if (nulls && !isValid(v, i)) {
                        out[at + i] = CategoricalColumn.MISSING;
                        continue;
                    }
                    int index = out[at + i];
                    if (index < 0 || index >= size) {
                        throw outside(signed ? index : index & 0xFFFF_FFFFL, signed, i, size);
                    }
                    int code = map[index];
                    if (code == UNMAPPED) {
                        code = mapEntry(dictionary, index);
                    }
                    out[at + i] = code;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (nulls && !isValid(v, i)) {
                        out[at + i] = CategoricalColumn.MISSING;
                        continue;
                    }
                    long index;
                    switch (width) {
                        case 8:
                            index = signed ? MemoryUtil.getByte(d + i) : MemoryUtil.getByte(d + i) & 0xFF;
                            break;
                        case 16:
                            index = signed ? MemoryUtil.getShort(d + ((long) i << 1))
                                    : MemoryUtil.getShort(d + ((long) i << 1)) & 0xFFFF;
                            break;
                        default:
                            index = MemoryUtil.getLong(d + ((long) i << 3));
                            break;
                    }
                    if (index < 0 || index >= size) {
                        throw outside(index, signed, i, size);
                    }
                    int code = map[(int) index];
                    if (code == UNMAPPED) {
                        code = mapEntry(dictionary, (int) index);
                    }
                    out[at + i] = code;
                }
            }
            length = at + n;
        }

        private static BadDictionaryIndexException outside(long index, boolean signed, int row, int size) {
            return new BadDictionaryIndexException("dictionary index " + (signed ? Long.toString(index)
                    : Long.toUnsignedString(index)) + " at row " + row + " is outside the dictionary of "
                    + size + " entries");
        }

        /**
         * Fails unless the dictionary's validity bitmap and offsets buffer have room for its
         * {@code size} entries; each entry's offsets are checked when it is first used.
         */
        private static void checkDictionaryBuffers(FieldVector dictionary, int size) {
            if (size == 0) {
                return;
            }
            long validity = dictionary.getValidityBuffer().capacity();
            if (dictionary instanceof BaseVariableWidthViewVector) {
                long views = dictionary.getDataBuffer().capacity();
                if (validity < ((long) size + 7) >>> 3 || views < (long) size * Utf8ViewStrings.VIEW_BYTES) {
                    throw new MalformedVectorException("the dictionary's validity bitmap (" + validity + " bytes) or "
                            + "views (" + views + " bytes) are too short for its " + size + " entries");
                }
                return;
            }
            int width = dictionary.getField().getType() instanceof ArrowType.LargeUtf8 ? 8 : 4;
            long offsets = dictionary.getOffsetBuffer().capacity();
            if (validity < ((long) size + 7) >>> 3 || offsets < ((long) size + 1) * width) {
                throw new MalformedVectorException("the dictionary's validity bitmap (" + validity + " bytes) or "
                        + "offsets (" + offsets + " bytes) are too short for its " + size + " entries");
            }
        }

        /** Decodes source entry {@code index} and gives it its column code (MISSING for a null entry). */
        private int mapEntry(FieldVector dictionary, int index) {
            int code;
            if (dictionary.isNull(index)) {
                code = CategoricalColumn.MISSING;
            } else if (dictionary instanceof BaseVariableWidthViewVector) {
                code = codeOf(Utf8ViewStrings.valueBytes((BaseVariableWidthViewVector) dictionary, index));
            } else {
                long o = dictionary.getOffsetBufferAddress();
                long start;
                long end;
                if (dictionary.getField().getType() instanceof ArrowType.LargeUtf8) {
                    start = MemoryUtil.getLong(o + ((long) index << 3));
                    end = MemoryUtil.getLong(o + ((long) (index + 1) << 3));
                } else {
                    start = MemoryUtil.getInt(o + ((long) index << 2));
                    end = MemoryUtil.getInt(o + ((long) (index + 1) << 2));
                }
                long dataCapacity = dictionary.getDataBuffer().capacity();
                if (start < 0 || end < start || end > dataCapacity || end - start > MAX_VALUE_BYTES) {
                    throw new MalformedVectorException("dictionary entry " + index + " lies at bytes " + start
                            + " to " + end + ", outside the dictionary's " + dataCapacity + "-byte data buffer");
                }
                byte[] utf8 = new byte[(int) (end - start)];
                MemoryUtil.copyFromMemory(dictionary.getDataBufferAddress() + start, utf8, 0, utf8.length);
                code = codeOf(utf8);
            }
            toCode[index] = code;
            return code;
        }

        /** The column code of the label {@code utf8} holds, given now if the label is new. */
        private int codeOf(byte[] utf8) {
            String label = new String(utf8, StandardCharsets.UTF_8);
            Integer known = codeOf.get(label);
            if (known != null) {
                return known;
            }
            int code = labels.size();
            labels.add(label);
            codeOf.put(label, code);
            return code;
        }

        @Override
        Column build() {
            int[] exact = codes.length == length ? codes : Arrays.copyOf(codes, length);
            codes = null;
            return CategoricalColumn.wrap(name, exact, length, labels.toArray(new String[0]));
        }
    }
}
