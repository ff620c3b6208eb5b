package io.driftwatch.io;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a {@link Table} as an Apache Arrow IPC file (the {@code .arrow} / Feather v2 format) that
 * {@link ArrowReader} reads back with the same column names, physical types and values. Each
 * physical type has one Arrow type:
 * <ul>
 *   <li>{@link PhysicalType#FLOAT}: float64 ({@code Float8}); ±∞ are written as values;
 *   <li>{@code INTEGER}: int64 ({@code BigInt});
 *   <li>{@code BOOLEAN}: bool ({@code Bit});
 *   <li>{@code TIMESTAMP}: {@code timestamp[ms, tz=UTC]};
 *   <li>{@code STRING}: utf8 ({@code VarChar}).
 * </ul>
 * Missing cells are Arrow nulls. An {@code INTEGER} column with missing cells (which no reader
 * produces, as pandas makes such a column {@code float64}) is written as int64 with nulls and so
 * reads back as {@code FLOAT}, the same values. A categorical column reads back with its dictionary
 * in order of first appearance, as every column built by a reader or by
 * {@link io.driftwatch.data.Chunks#select} has it.
 *
 * <p>The rows go out in record batches of {@link #BATCH_ROWS}, filled through one reused
 * {@link VectorSchemaRoot} with {@code set(i, primitive)}; a table without rows is a file with the
 * schema and no batch. Every value is checked before the first byte is written, so a table that
 * cannot be written leaves the output untouched. Arrow's memory needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} at run time, as for {@link ArrowReader}; the
 * jar's manifest and the test configuration grant it.
 *
 * <p>Thread-safe: stateless; every call uses its own allocator.
 */
public final class ArrowFileWriter {
    /** Rows per record batch. */
    public static final int BATCH_ROWS = 1 << 16;

    private ArrowFileWriter() {
    }

    /**
     * Writes {@code table} to {@code path}, which is created or replaced. On an I/O failure the
     * file may be left partly written: write under a temporary name and move it to publish.
     *
     * @throws IllegalArgumentException when a value has no exact Arrow form (see {@link #write(Table, OutputStream)})
     * @throws IOException when the file cannot be written
     */
    public static void write(Table table, Path path) throws IOException {
        checkValues(table);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeChecked(table, channel);
        }
    }

    /**
     * Writes {@code table} to {@code out}, which is flushed but not closed.
     *
     * @throws IllegalArgumentException when an {@code INTEGER} or {@code TIMESTAMP} value is not a
     *     whole number within the range of a 64-bit integer, or a {@code BOOLEAN} value is neither 0
     *     nor 1; the message names the column and the row
     * @throws IOException when {@code out} fails
     */
    public static void write(Table table, OutputStream out) throws IOException {
        checkValues(table);
        writeChecked(table, Channels.newChannel(new NonClosingOutputStream(out)));
        out.flush();
    }

    private static void writeChecked(Table table, WritableByteChannel channel) throws IOException {
        List<Field> fields = new ArrayList<>(table.columnCount());
        for (Column column : table.columns()) {
            fields.add(new Field(column.name(), FieldType.nullable(arrowType(column.physicalType())), null));
        }
        byte[][][] labels = new byte[table.columnCount()][][];
        for (int c = 0; c < labels.length; c++) {
            if (table.column(c) instanceof CategoricalColumn categorical) {
                labels[c] = utf8Labels(categorical);
            }
        }
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                org.apache.arrow.vector.ipc.ArrowFileWriter writer =
                        new org.apache.arrow.vector.ipc.ArrowFileWriter(root, null, channel)) {
            writer.start();
            List<FieldVector> vectors = root.getFieldVectors();
            int rows = table.rowCount();
            for (int from = 0; from < rows; from += BATCH_ROWS) {
                int n = Math.min(BATCH_ROWS, rows - from);
                for (int c = 0; c < vectors.size(); c++) {
                    Column column = table.column(c);
                    if (column instanceof CategoricalColumn categorical) {
                        fillStrings((VarCharVector) vectors.get(c), categorical, labels[c], from, n);
                    } else {
                        fillNumbers(vectors.get(c), (NumericColumn) column, from, n);
                    }
                }
                root.setRowCount(n);
                writer.writeBatch();
            }
            writer.end();
        }
    }

    private static ArrowType arrowType(PhysicalType type) {
        switch (type) {
            case FLOAT:
                return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case INTEGER:
                return new ArrowType.Int(64, true);
            case BOOLEAN:
                return ArrowType.Bool.INSTANCE;
            case TIMESTAMP:
                return new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case STRING:
                return ArrowType.Utf8.INSTANCE;
            default:
                throw new IllegalStateException("no Arrow type for " + type);
        }
    }

    /**
     * Fails on the first value that has no exact Arrow form, before anything is written: a
     * fractional or out-of-range whole number, a boolean other than 0 or 1.
     */
    private static void checkValues(Table table) {
        for (Column column : table.columns()) {
            if (!(column instanceof NumericColumn numeric)) {
                continue;
            }
            PhysicalType type = numeric.physicalType();
            if (type == PhysicalType.FLOAT) {
                continue;
            }
            int n = numeric.length();
            for (int i = 0; i < n; i++) {
                double v = numeric.value(i);
                if (v != v) {
                    continue;
                }
                boolean ok = type == PhysicalType.BOOLEAN ? v == 0 || v == 1
                        : v == Math.rint(v) && v >= -0x1p63 && v < 0x1p63;
                if (!ok) {
                    throw new IllegalArgumentException("cannot write column '" + numeric.name() + "' (" + type
                            + ") as Arrow: row " + i + " holds " + v + ", "
                            + (type == PhysicalType.BOOLEAN ? "neither 0 nor 1"
                                    : "not a whole number within the range of a 64-bit integer"));
                }
            }
        }
    }

    private static byte[][] utf8Labels(CategoricalColumn column) {
        byte[][] bytes = new byte[column.cardinality()][];
        for (int code = 0; code < bytes.length; code++) {
            bytes[code] = column.label(code).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** Rows {@code [from, from + n)} of {@code column} into {@code vector}, nulls left unset. */
    private static void fillNumbers(FieldVector vector, NumericColumn column, int from, int n) {
        switch (column.physicalType()) {
            case FLOAT: {
                Float8Vector floats = (Float8Vector) vector;
                floats.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    double v = column.value(from + i);
                    if (v == v) {
                        floats.set(i, v);
                    }
                }
                break;
            }
            case INTEGER: {
                BigIntVector longs = (BigIntVector) vector;
                longs.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    double v = column.value(from + i);
                    if (v == v) {
                        longs.set(i, (long) v);
                    }
                }
                break;
            }
            case BOOLEAN: {
                BitVector bits = (BitVector) vector;
                bits.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    double v = column.value(from + i);
                    if (v == v) {
                        bits.set(i, v == 0 ? 0 : 1);
                    }
                }
                break;
            }
            case TIMESTAMP: {
                TimeStampMilliTZVector times = (TimeStampMilliTZVector) vector;
                times.allocateNew(n);
                for (int i = 0; i < n; i++) {
                    double v = column.value(from + i);
                    if (v == v) {
                        times.set(i, (long) v);
                    }
                }
                break;
            }
            default:
                throw new IllegalStateException("numeric column '" + column.name() + "' of type "
                        + column.physicalType());
        }
        vector.setValueCount(n);
    }

    /** Rows {@code [from, from + n)} of {@code column} into {@code vector}, sized exactly first. */
    private static void fillStrings(VarCharVector vector, CategoricalColumn column, byte[][] labels, int from, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            int code = column.code(from + i);
            if (code != CategoricalColumn.MISSING) {
                bytes += labels[code].length;
            }
        }
        vector.allocateNew(Math.max(1, bytes), n);
        for (int i = 0; i < n; i++) {
            int code = column.code(from + i);
            if (code != CategoricalColumn.MISSING) {
                vector.setSafe(i, labels[code]);
            }
        }
        vector.setValueCount(n);
    }

    /** Lets Arrow's writer close its channel without closing the caller's stream. */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
