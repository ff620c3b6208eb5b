package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.Float16;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Arrow IPC files and streams written here with Arrow Java's own writers, then read back: the type
 * mapping for every supported type, nulls, several batches, dictionaries, both formats, and every
 * kind of malformed input we promise a clear message for.
 */
class ArrowReaderTest {
    enum Ipc { FILE, STREAM }

    @TempDir
    Path dir;

    private BufferAllocator allocator;
    private final List<AutoCloseable> dictionaries = new ArrayList<>();

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() throws Exception {
        for (AutoCloseable c : dictionaries) {
            c.close();
        }
        allocator.close();
    }

    // ---------------------------------------------------------------- writing helpers

    /** Fills the root for one record batch. */
    @FunctionalInterface
    interface Batch {
        void fill(VectorSchemaRoot root);
    }

    private Path write(String fileName, Ipc ipc, List<Field> fields, DictionaryProvider provider, Batch... batches)
            throws IOException {
        Path path = dir.resolve(fileName);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ArrowWriter writer = ipc == Ipc.FILE ? new ArrowFileWriter(root, provider, channel)
                        : new ArrowStreamWriter(root, provider, channel)) {
            writer.start();
            for (Batch batch : batches) {
                batch.fill(root);
                writer.writeBatch();
            }
            writer.end();
        }
        return path;
    }

    private Path write(String fileName, Ipc ipc, List<Field> fields, Batch... batches) throws IOException {
        return write(fileName, ipc, fields, new DictionaryProvider.MapDictionaryProvider(), batches);
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static Field dictionaryField(String name, long id) {
        return new Field(name, new FieldType(true, new ArrowType.Int(32, true),
                new DictionaryEncoding(id, false, new ArrowType.Int(32, true))), null);
    }

    private Dictionary dictionary(long id, String... labels) {
        VarCharVector vector = new VarCharVector("dict" + id, allocator);
        dictionaries.add(vector);
        vector.allocateNew();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                vector.setSafe(i, labels[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(labels.length);
        return new Dictionary(vector, new DictionaryEncoding(id, false, new ArrowType.Int(32, true)));
    }

    /** One batch: {@code columns[c]} holds the values of column {@code c}, {@code null} for a null. */
    private static Batch rows(Object[]... columns) {
        return root -> {
            int n = columns.length == 0 ? 0 : columns[0].length;
            for (int c = 0; c < columns.length; c++) {
                fill(root.getVector(c), columns[c]);
            }
            root.setRowCount(n);
        };
    }

    private static Object[] values(Object... values) {
        return values;
    }

    private static void fill(FieldVector vector, Object[] values) {
        vector.setInitialCapacity(values.length);
        vector.allocateNew();
        for (int i = 0; i < values.length; i++) {
            Object x = values[i];
            if (x == null) {
                continue; // validity bits start cleared
            }
            if (vector instanceof Float8Vector v) {
                v.setSafe(i, ((Number) x).doubleValue());
            } else if (vector instanceof Float4Vector v) {
                v.setSafe(i, ((Number) x).floatValue());
            } else if (vector instanceof Float2Vector v) {
                v.setSafe(i, Float16.toFloat16(((Number) x).floatValue()));
            } else if (vector instanceof TinyIntVector v) {
                v.setSafe(i, ((Number) x).byteValue());
            } else if (vector instanceof SmallIntVector v) {
                v.setSafe(i, ((Number) x).shortValue());
            } else if (vector instanceof IntVector v) {
                v.setSafe(i, ((Number) x).intValue());
            } else if (vector instanceof BigIntVector v) {
                v.setSafe(i, ((Number) x).longValue());
            } else if (vector instanceof UInt1Vector v) {
                v.setSafe(i, ((Number) x).intValue());
            } else if (vector instanceof UInt2Vector v) {
                v.setSafe(i, ((Number) x).intValue());
            } else if (vector instanceof UInt4Vector v) {
                v.setSafe(i, ((Number) x).intValue());
            } else if (vector instanceof UInt8Vector v) {
                v.setSafe(i, ((Number) x).longValue());
            } else if (vector instanceof BitVector v) {
                v.setSafe(i, (Boolean) x ? 1 : 0);
            } else if (vector instanceof VarCharVector v) {
                v.setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8));
            } else if (vector instanceof LargeVarCharVector v) {
                v.setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8));
            } else if (vector instanceof DecimalVector v) {
                v.setSafe(i, (BigDecimal) x);
            } else if (vector instanceof Decimal256Vector v) {
                v.setSafe(i, (BigDecimal) x);
            } else if (vector instanceof DateDayVector v) {
                v.setSafe(i, ((Number) x).intValue());
            } else if (vector instanceof DateMilliVector v) {
                v.setSafe(i, ((Number) x).longValue());
            } else if (vector instanceof TimeStampVector v) {
                v.setSafe(i, ((Number) x).longValue());
            } else {
                throw new IllegalArgumentException("no test filler for " + vector.getClass());
            }
        }
        vector.setValueCount(values.length);
    }

    private static double[] numbers(Table table, String name) {
        return ((NumericColumn) table.column(name).orElseThrow()).values();
    }

    private static PhysicalType typeOf(Table table, String name) {
        return table.column(name).orElseThrow().physicalType();
    }

    private static String[] labels(Table table, String name) {
        CategoricalColumn column = (CategoricalColumn) table.column(name).orElseThrow();
        String[] out = new String[column.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column.labelAt(i);
        }
        return out;
    }

    private static Table readBothWays(Path path) throws IOException {
        Table fromPath = ArrowReader.read(path);
        try (InputStream in = Files.newInputStream(path)) {
            Table fromStream = ArrowReader.read(in, path.getFileName().toString());
            assertThat(fromStream.schema()).isEqualTo(fromPath.schema());
            assertThat(fromStream.rowCount()).isEqualTo(fromPath.rowCount());
            for (int c = 0; c < fromPath.columnCount(); c++) {
                if (fromPath.column(c) instanceof NumericColumn n) {
                    assertThat(((NumericColumn) fromStream.column(c)).values()).containsExactly(n.values());
                } else {
                    CategoricalColumn a = (CategoricalColumn) fromPath.column(c);
                    CategoricalColumn b = (CategoricalColumn) fromStream.column(c);
                    assertThat(b.codes()).containsExactly(a.codes());
                    assertThat(b.dictionary()).containsExactly(a.dictionary());
                }
            }
        }
        return fromPath;
    }

    private static final double NAN = Double.NaN;

    // ---------------------------------------------------------------- type mapping

    @Nested
    class TypeMapping {
        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsFloatsOfEveryPrecisionAsFloatWithNullsAndNanMissing(Ipc ipc) throws IOException {
            Path path = write("floats", ipc, List.of(
                    field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
                    field("f16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF))),
                    rows(values(1.5, null, NAN, Double.POSITIVE_INFINITY),
                            values(0.25f, -2f, null, 3f),
                            values(0.5f, null, 1f, -4f)));

            Table table = readBothWays(path);

            assertThat(table.rowCount()).isEqualTo(4);
            assertThat(typeOf(table, "f64")).isEqualTo(PhysicalType.FLOAT);
            assertThat(typeOf(table, "f32")).isEqualTo(PhysicalType.FLOAT);
            assertThat(typeOf(table, "f16")).isEqualTo(PhysicalType.FLOAT);
            assertThat(numbers(table, "f64")).containsExactly(1.5, NAN, NAN, Double.POSITIVE_INFINITY);
            assertThat(table.column("f64").orElseThrow().missingCount()).isEqualTo(2);
            assertThat(numbers(table, "f32")).containsExactly(0.25, -2.0, NAN, 3.0);
            assertThat(numbers(table, "f16")).containsExactly(0.5, NAN, 1.0, -4.0);
            assertThat(table.column("f16").orElseThrow().isMissing(1)).isTrue();
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsSignedAndUnsignedIntegersOfEveryWidthAsInteger(Ipc ipc) throws IOException {
            Path path = write("ints", ipc, List.of(
                    field("i8", new ArrowType.Int(8, true)), field("i16", new ArrowType.Int(16, true)),
                    field("i32", new ArrowType.Int(32, true)), field("i64", new ArrowType.Int(64, true)),
                    field("u8", new ArrowType.Int(8, false)), field("u16", new ArrowType.Int(16, false)),
                    field("u32", new ArrowType.Int(32, false)), field("u64", new ArrowType.Int(64, false))),
                    rows(values(-128, 127), values(-32768, 7), values(Integer.MIN_VALUE, 42),
                            values(-(1L << 53), 1L << 53),
                            values(255, 1), values(65535, 2), values(-1, 3), values(-1L, 1L << 63)));

            Table table = readBothWays(path);

            for (String name : List.of("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")) {
                assertThat(typeOf(table, name)).as(name).isEqualTo(PhysicalType.INTEGER);
            }
            assertThat(numbers(table, "i8")).containsExactly(-128, 127);
            assertThat(numbers(table, "i16")).containsExactly(-32768, 7);
            assertThat(numbers(table, "i32")).containsExactly(Integer.MIN_VALUE, 42);
            assertThat(numbers(table, "i64")).containsExactly(-9007199254740992.0, 9007199254740992.0);
            assertThat(numbers(table, "u8")).containsExactly(255, 1);
            assertThat(numbers(table, "u16")).containsExactly(65535, 2);
            assertThat(numbers(table, "u32")).containsExactly(4294967295.0, 3);
            assertThat(numbers(table, "u64")).containsExactly(18446744073709551615.0, 9223372036854775808.0);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void makesAnIntegerColumnFloatWhenAnyBatchHasANull(Ipc ipc) throws IOException {
            List<Field> fields = List.of(field("late_null", new ArrowType.Int(64, true)),
                    field("never_null", new ArrowType.Int(32, true)));
            Path path = write("int-nulls", ipc, fields,
                    rows(values(1L, 2L), values(1, 2)),
                    rows(values(null, 4L), values(3, 4)));

            Table table = readBothWays(path);

            assertThat(typeOf(table, "late_null")).isEqualTo(PhysicalType.FLOAT);
            assertThat(numbers(table, "late_null")).containsExactly(1, 2, NAN, 4);
            assertThat(table.column("late_null").orElseThrow().missingCount()).isEqualTo(1);
            assertThat(typeOf(table, "never_null")).isEqualTo(PhysicalType.INTEGER);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsDecimalsAsFloat(Ipc ipc) throws IOException {
            Path path = write("decimals", ipc, List.of(
                    field("d128", new ArrowType.Decimal(38, 2, 128)),
                    field("d256", new ArrowType.Decimal(60, 3, 256))),
                    rows(values(new BigDecimal("12.34"), new BigDecimal("-0.05"), null,
                                    new BigDecimal("123456789012345678901234567890.12")),
                            values(new BigDecimal("1.001"), new BigDecimal("-7.500"), new BigDecimal("0.000"),
                                    new BigDecimal("-1" + "0".repeat(50) + ".125"))));

            Table table = readBothWays(path);

            assertThat(typeOf(table, "d128")).isEqualTo(PhysicalType.FLOAT);
            assertThat(typeOf(table, "d256")).isEqualTo(PhysicalType.FLOAT);
            assertThat(numbers(table, "d128")).containsExactly(12.34, -0.05, NAN, 1.2345678901234568E29);
            assertThat(numbers(table, "d256")).containsExactly(1.001, -7.5, 0.0, -1e50);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsBooleansAsOneAndZeroWithNullsMissing(Ipc ipc) throws IOException {
            Path path = write("bools", ipc, List.of(field("flag", ArrowType.Bool.INSTANCE)),
                    rows(values(true, false, null, true, false, false, true, true, true, false)));

            Table table = readBothWays(path);

            assertThat(typeOf(table, "flag")).isEqualTo(PhysicalType.BOOLEAN);
            assertThat(numbers(table, "flag")).containsExactly(1, 0, NAN, 1, 0, 0, 1, 1, 1, 0);
            assertThat(table.column("flag").orElseThrow().missingCount()).isEqualTo(1);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsUtf8AndLargeUtf8AsStringsIncludingNonAscii(Ipc ipc) throws IOException {
            Path path = write("strings", ipc, List.of(
                    field("city", ArrowType.Utf8.INSTANCE), field("note", ArrowType.LargeUtf8.INSTANCE)),
                    rows(values("Paris", "café", null, "日本", "", "Paris"),
                            values("a", null, "ß-ü", "a", "😀", "b")));

            Table table = readBothWays(path);

            assertThat(typeOf(table, "city")).isEqualTo(PhysicalType.STRING);
            assertThat(typeOf(table, "note")).isEqualTo(PhysicalType.STRING);
            assertThat(labels(table, "city")).containsExactly("Paris", "café", null, "日本", "", "Paris");
            assertThat(labels(table, "note")).containsExactly("a", null, "ß-ü", "a", "😀", "b");
            CategoricalColumn city = (CategoricalColumn) table.column("city").orElseThrow();
            assertThat(city.dictionary()).containsExactly("Paris", "café", "日本", "");
            assertThat(city.missingCount()).isEqualTo(1);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void decodesDictionaryEncodedStringsAcrossBatchesKeepingOnlyUsedLabels(Ipc ipc) throws IOException {
            Dictionary colors = dictionary(7L, "red", "green", "blue", "never-used", null);
            Path path = write("dict", ipc, List.of(dictionaryField("color", 7L)),
                    new DictionaryProvider.MapDictionaryProvider(colors),
                    rows(values(2, 0, null, 2)),
                    rows(values(1, 4, 0)));

            Table table = readBothWays(path);

            assertThat(typeOf(table, "color")).isEqualTo(PhysicalType.STRING);
            assertThat(labels(table, "color")).containsExactly("blue", "red", null, "blue", "green", null, "red");
            CategoricalColumn color = (CategoricalColumn) table.column("color").orElseThrow();
            assertThat(color.dictionary()).containsExactly("blue", "red", "green");
            assertThat(color.missingCount()).isEqualTo(2);
        }

        @Test
        void followsAReplacedDictionaryInAStream() throws IOException {
            Dictionary first = dictionary(1L, "low", "high");
            Path path = write("dict-replaced", Ipc.STREAM, List.of(dictionaryField("level", 1L)),
                    new DictionaryProvider.MapDictionaryProvider(first),
                    rows(values(0, 1)),
                    root -> {
                        VarCharVector vector = (VarCharVector) first.getVector();
                        vector.reset();
                        vector.setSafe(0, "medium".getBytes(StandardCharsets.UTF_8));
                        vector.setSafe(1, "low".getBytes(StandardCharsets.UTF_8));
                        vector.setValueCount(2);
                        rows(values(0, 1, 1)).fill(root);
                    });

            Table table = ArrowReader.read(path);

            assertThat(labels(table, "level")).containsExactly("low", "high", "medium", "low", "low");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsDatesAndTimestampsOfEveryUnitAsEpochMilliseconds(Ipc ipc) throws IOException {
            Path path = write("times", ipc, List.of(
                    field("date32", new ArrowType.Date(DateUnit.DAY)),
                    field("date64", new ArrowType.Date(DateUnit.MILLISECOND)),
                    field("ts_s", new ArrowType.Timestamp(TimeUnit.SECOND, null)),
                    field("ts_ms_utc", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
                    field("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    field("ts_ns_paris", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Europe/Paris"))),
                    rows(values(19_000, -1, null),
                            values(1_641_600_000_000L, null, -86_400_000L),
                            values(1_700_000_000L, -5L, null),
                            values(1_700_000_000_123L, null, 0L),
                            values(1_700_000_000_123_999L, -1L, null),
                            values(1_700_000_000_123_456_789L, null, -1_000_001L)));

            Table table = readBothWays(path);

            for (String name : List.of("date32", "date64", "ts_s", "ts_ms_utc", "ts_us", "ts_ns_paris")) {
                assertThat(typeOf(table, name)).as(name).isEqualTo(PhysicalType.TIMESTAMP);
            }
            assertThat(numbers(table, "date32")).containsExactly(19_000 * 86_400_000.0, -86_400_000.0, NAN);
            assertThat(numbers(table, "date64")).containsExactly(1_641_600_000_000.0, NAN, -86_400_000.0);
            assertThat(numbers(table, "ts_s")).containsExactly(1_700_000_000_000.0, -5000.0, NAN);
            assertThat(numbers(table, "ts_ms_utc")).containsExactly(1_700_000_000_123.0, NAN, 0.0);
            assertThat(numbers(table, "ts_us")).containsExactly(1_700_000_000_123.0, -1.0, NAN);
            assertThat(numbers(table, "ts_ns_paris")).containsExactly(1_700_000_000_123.0, NAN, -2.0);
            assertThat(table.column("ts_s").orElseThrow().missingCount()).isEqualTo(1);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void concatenatesManyBatchesInOrder(Ipc ipc) throws IOException {
            List<Field> fields = List.of(field("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("label", ArrowType.Utf8.INSTANCE));
            Batch[] batches = new Batch[5];
            double[] expected = new double[5 * 100];
            for (int b = 0; b < batches.length; b++) {
                Object[] xs = new Object[100];
                Object[] ls = new Object[100];
                for (int i = 0; i < 100; i++) {
                    int row = b * 100 + i;
                    xs[i] = row * 0.5;
                    ls[i] = "L" + (row % 7);
                    expected[row] = row * 0.5;
                }
                batches[b] = rows(xs, ls);
            }
            Path path = write("many", ipc, fields, batches);

            Table table = readBothWays(path);

            assertThat(table.rowCount()).isEqualTo(500);
            assertThat(numbers(table, "x")).containsExactly(expected);
            assertThat(labels(table, "label")[499]).isEqualTo("L" + (499 % 7));
            assertThat(((CategoricalColumn) table.column("label").orElseThrow()).cardinality()).isEqualTo(7);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsLargeBatchesWithNullsDecodedInParallel(Ipc ipc) throws IOException {
            int rows = 100_000;
            Dictionary colors = dictionary(4L, "red", "green", "blue");
            Object[] x = new Object[rows];
            Object[] y = new Object[rows];
            Object[] color = new Object[rows];
            for (int i = 0; i < rows; i++) {
                x[i] = i % 7 == 0 ? null : i * 0.5;
                y[i] = i % 11 == 0 ? null : (Object) (i - 50_000);
                color[i] = i % 13 == 0 ? null : (Object) ((i / 3) % 3);
            }
            Path path = write("large", ipc, List.of(field("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("y", new ArrowType.Int(32, true)), dictionaryField("color", 4L)),
                    new DictionaryProvider.MapDictionaryProvider(colors), rows(x, y, color), rows(x, y, color));

            Table table = ArrowReader.read(path);

            assertThat(table.rowCount()).isEqualTo(2 * rows);
            double[] xs = new double[2 * rows];
            double[] ys = new double[2 * rows];
            String[] labels = new String[2 * rows];
            String[] names = {"red", "green", "blue"};
            for (int k = 0; k < 2 * rows; k++) {
                int i = k % rows;
                xs[k] = i % 7 == 0 ? NAN : i * 0.5;
                ys[k] = i % 11 == 0 ? NAN : i - 50_000.0;
                labels[k] = i % 13 == 0 ? null : names[(i / 3) % 3];
            }
            assertThat(numbers(table, "x")).isEqualTo(xs);
            assertThat(numbers(table, "y")).isEqualTo(ys);
            assertThat(labels(table, "color")).isEqualTo(labels);
            assertThat(typeOf(table, "y")).isEqualTo(PhysicalType.FLOAT);
            assertThat(((CategoricalColumn) table.column("color").orElseThrow()).dictionary())
                    .containsExactly("red", "green", "blue");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsASchemaWithoutBatchesAsAnEmptyTable(Ipc ipc) throws IOException {
            Path path = write("no-batches", ipc, List.of(field("x", new ArrowType.Int(64, true)),
                    field("s", ArrowType.Utf8.INSTANCE)));

            Table table = readBothWays(path);

            assertThat(table.rowCount()).isZero();
            assertThat(table.schema().fields()).extracting(io.driftwatch.data.Field::name).containsExactly("x", "s");
        }

        @Test
        void keepsColumnOrderAndTellsTheFormatFromTheFirstBytes() throws IOException {
            List<Field> fields = List.of(field("b", ArrowType.Bool.INSTANCE), field("a", new ArrowType.Int(8, true)));
            Path file = write("order.arrow", Ipc.FILE, fields, rows(values(true), values(3)));
            Path stream = write("order.arrows", Ipc.STREAM, fields, rows(values(true), values(3)));

            assertThat(new String(Files.readAllBytes(file), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
            for (Path path : List.of(file, stream)) {
                Table table = ArrowReader.read(path);
                assertThat(table.schema().fields()).extracting(io.driftwatch.data.Field::name)
                        .containsExactly("b", "a");
                assertThat(numbers(table, "a")).containsExactly(3);
            }
        }
    }

    // ---------------------------------------------------------------- malformed input

    @Nested
    class MalformedInput {
        private Path validFile(Ipc ipc) throws IOException {
            List<Field> fields = List.of(field("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    field("s", ArrowType.Utf8.INSTANCE));
            Object[] xs = new Object[1000];
            Object[] ss = new Object[1000];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (double) i;
                ss[i] = "v" + (i % 3);
            }
            return write("valid-" + ipc, ipc, fields, rows(xs, ss), rows(xs, ss), rows(xs, ss));
        }

        private Path copyPrefix(Path path, long length, String name) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            return Files.write(dir.resolve(name), Arrays.copyOf(bytes, (int) length));
        }

        @Test
        void rejectsAFileCutInTheMiddleOfABatch() throws IOException {
            Path valid = validFile(Ipc.FILE);
            Path cut = copyPrefix(valid, Files.size(valid) / 2, "cut-mid-batch.arrow");

            assertThatThrownBy(() -> ArrowReader.read(cut))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining(cut.toString())
                    .hasMessageContaining("truncated Arrow file")
                    .hasMessageContaining("footer");
        }

        @Test
        void rejectsAFileCutJustBeforeItsFooter() throws IOException {
            Path valid = validFile(Ipc.FILE);
            byte[] bytes = Files.readAllBytes(valid);
            // the file ends with: footer, int32 footer length, "ARROW1"
            int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 10, 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            Path cut = copyPrefix(valid, bytes.length - 10 - footerLength, "cut-before-footer.arrow");

            assertThatThrownBy(() -> ArrowReader.read(cut))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining(cut.toString())
                    .hasMessageContaining("truncated Arrow file");
            assertThatThrownBy(() -> ArrowReader.read(Files.newInputStream(cut), "upload-1"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith("upload-1: truncated Arrow file");
        }

        @Test
        void rejectsAFileWhoseFooterPointsPastTheData() throws IOException {
            Path valid = validFile(Ipc.FILE);
            byte[] bytes = Files.readAllBytes(valid);
            // drop 4 KiB from the middle (the second batch) but keep the footer and magic intact
            int cutFrom = bytes.length / 2;
            byte[] damaged = new byte[bytes.length - 4096];
            System.arraycopy(bytes, 0, damaged, 0, cutFrom);
            System.arraycopy(bytes, cutFrom + 4096, damaged, cutFrom, damaged.length - cutFrom);
            Path path = Files.write(dir.resolve("holed.arrow"), damaged);

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageMatching("(?s).*record batch [0-9].*");
        }

        @Test
        void rejectsAStreamCutInTheMiddleOfABatchNamingTheBatch() throws IOException {
            Path valid = validFile(Ipc.STREAM);
            Path cut = copyPrefix(valid, Files.size(valid) * 5 / 6, "cut.arrows");

            assertThatThrownBy(() -> ArrowReader.read(cut))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith(cut + ", record batch 2: truncated Arrow data");
            assertThatThrownBy(() -> ArrowReader.read(Files.newInputStream(cut), "upload-2"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith("upload-2, record batch 2");
        }

        @Test
        void rejectsAStreamWhoseSchemaChangesBetweenBatches() throws IOException {
            Path first = validFile(Ipc.STREAM);
            Path second = write("other-schema", Ipc.STREAM, List.of(field("y", new ArrowType.Int(32, true))),
                    rows(values(1, 2, 3)));
            byte[] a = Files.readAllBytes(first);
            byte[] b = Files.readAllBytes(second);
            // drop the first stream's 8-byte end-of-stream marker so the second schema follows its batches
            byte[] joined = new byte[a.length - 8 + b.length];
            System.arraycopy(a, 0, joined, 0, a.length - 8);
            System.arraycopy(b, 0, joined, a.length - 8, b.length);
            Path path = Files.write(dir.resolve("schema-change.arrows"), joined);

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("second schema")
                    .hasMessageContaining("after record batch 2");
            assertThatThrownBy(() -> ArrowReader.read(new ByteArrayInputStream(joined), "upload-3"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith("upload-3, record batch 3")
                    .hasMessageContaining("schema");
        }

        @Test
        void rejectsTwoConcatenatedStreams() throws IOException {
            Path first = validFile(Ipc.STREAM);
            byte[] a = Files.readAllBytes(first);
            byte[] joined = new byte[a.length * 2];
            System.arraycopy(a, 0, joined, 0, a.length);
            System.arraycopy(a, 0, joined, a.length, a.length);
            Path path = Files.write(dir.resolve("twice.arrows"), joined);

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining("after the end-of-stream marker");
            assertThatThrownBy(() -> ArrowReader.read(new ByteArrayInputStream(joined), "upload-4"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining("after the end-of-stream marker");
        }

        @Test
        void rejectsSomethingThatIsNotArrowAtAll() throws IOException {
            Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");

            assertThatThrownBy(() -> ArrowReader.read(csv))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith(csv + ": not an Arrow IPC file or stream")
                    .hasMessageContaining("612C620A");
            assertThatThrownBy(() -> ArrowReader.read(new ByteArrayInputStream(new byte[] {1, 2}), "tiny"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith("tiny: not an Arrow IPC file or stream");
        }

        @Test
        void rejectsAnEmptyFile() throws IOException {
            Path empty = Files.createFile(dir.resolve("empty.arrow"));

            assertThatThrownBy(() -> ArrowReader.read(empty))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(empty + ": empty file, not an Arrow IPC file or stream");
            assertThatThrownBy(() -> ArrowReader.read(InputStream.nullInputStream(), "nothing"))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageStartingWith("nothing: empty file");
        }

        @Test
        void rejectsAMissingFile() {
            Path missing = dir.resolve("nope.arrow");

            assertThatThrownBy(() -> ArrowReader.read(missing))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(missing + ": no such file");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void rejectsAListColumnNamingTheColumnAndType(Ipc ipc) throws IOException {
            Field item = field("item", ArrowType.Utf8.INSTANCE);
            Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
            Path path = write("list", ipc, List.of(field("x", new ArrowType.Int(32, true)), tags), root -> {
                fill(root.getVector("x"), values(1));
                ListVector list = (ListVector) root.getVector("tags");
                list.allocateNew();
                list.setValueCount(1);
                root.setRowCount(1);
            });

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("column 'tags'")
                    .hasMessageContaining("unsupported Arrow type List<Utf8>");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void rejectsADictionaryOfNumbersNamingTheColumn(Ipc ipc) throws IOException {
            IntVector sizes = new IntVector("sizes", allocator);
            dictionaries.add(sizes);
            sizes.allocateNew(2);
            sizes.set(0, 36);
            sizes.set(1, 42);
            sizes.setValueCount(2);
            Dictionary dictionary = new Dictionary(sizes,
                    new DictionaryEncoding(5L, false, new ArrowType.Int(32, true)));
            Path path = write("int-dict", ipc, List.of(dictionaryField("size", 5L)),
                    new DictionaryProvider.MapDictionaryProvider(dictionary), rows(values(0, 1)));

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(path + ", record batch 0, column 'size': unsupported Arrow type "
                            + "Dictionary<Int(32, true)> (only dictionaries of strings are read)");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void rejectsDuplicateColumnNames(Ipc ipc) throws IOException {
            Path path = write("dupes", ipc, List.of(field("x", new ArrowType.Int(32, true)),
                    field("y", ArrowType.Utf8.INSTANCE), field("x", ArrowType.Bool.INSTANCE)),
                    rows(values(1), values("a"), values(true)));

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(path + ": duplicate column name 'x' (columns 0 and 2, 0-based); "
                            + "column names must be unique");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void namesTheFirstBadColumnWhenALargeBatchIsDecodedInParallel(Ipc ipc) throws IOException {
            int rows = 70_000; // 4 columns x 70,000 rows is past the size decoded on several threads
            Dictionary colors = dictionary(3L, "red", "green");
            Object[][] columns = new Object[4][rows];
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < rows; i++) {
                    columns[c][i] = i % 2;
                }
            }
            columns[2][rows - 1] = 9;
            columns[3][5] = 7;
            Path path = write("bad-index-large", ipc, List.of(dictionaryField("a", 3L), dictionaryField("b", 3L),
                    dictionaryField("c", 3L), dictionaryField("d", 3L)),
                    new DictionaryProvider.MapDictionaryProvider(colors), rows(columns));

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(path + ", record batch 0, column 'c': dictionary index 9 at row 69999 is outside "
                            + "the dictionary of 2 entries");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void rejectsADictionaryIndexOutsideTheDictionary(Ipc ipc) throws IOException {
            Dictionary colors = dictionary(3L, "red", "green");
            Path path = write("bad-index", ipc, List.of(dictionaryField("color", 3L)),
                    new DictionaryProvider.MapDictionaryProvider(colors),
                    rows(values(0, 1)), rows(values(1, 9)));

            assertThatThrownBy(() -> ArrowReader.read(path))
                    .isInstanceOf(UnreadableDatasetException.class)
                    .hasMessage(path + ", record batch 1, column 'color': dictionary index 9 at row 1 is outside "
                            + "the dictionary of 2 entries");
        }
    }
}
