package io.driftwatch.io;

import static io.driftwatch.io.HandMadeArrowIpc.nodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.flatbuffers.FlatBufferBuilder;
import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.FloatingPointPrecision;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arrow IPC input written to lie: offsets, lengths, row counts, buffer positions, footers and
 * schemas that do not fit the bytes really there, truncations at every byte and random damage.
 * Each must be refused with an {@link UnreadableDatasetException} whose one-line message names
 * what is wrong, through both entry points ({@link ArrowReader#read(Path)} and
 * {@link ArrowReader#read(java.io.InputStream, String)}) and in both the file and the stream
 * format, without allocating anything sized by the lie (the tests run with the build's -Xmx2g, and
 * each read of a small hostile input must allocate less than {@link #ALLOCATION_LIMIT} on the heap).
 *
 * <p>Most inputs are written byte by byte by {@link HandMadeArrowIpc}; {@link #handMadeInputIsWellFormedArrow}
 * shows that with honest lengths Arrow Java reads them, so each lie is the only fault.
 *
 * <p>Before these checks existed, {@link Offsets#refusesStringOffsetsPointingFarPastTheData} made
 * the JVM running it die of SIGSEGV (surefire then reports a crashed fork rather than a failed
 * test), and the row-count and 0x7fffffff-offset tests ended in an {@link OutOfMemoryError}.
 */
class ArrowHostileInputTest {
    /** Heap a read of one small hostile input may allocate on the calling thread. */
    static final long ALLOCATION_LIMIT = 64L << 20;

    enum Ipc { FILE, STREAM }

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    // ---------------------------------------------------------------- helpers

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static Field utf8(String name) {
        return field(name, ArrowType.Utf8.INSTANCE);
    }

    private static Field int64(String name) {
        return field(name, new ArrowType.Int(64, true));
    }

    private static Field dictionaryField(String name, long id) {
        return new Field(name, new FieldType(true, ArrowType.Utf8.INSTANCE,
                new DictionaryEncoding(id, false, new ArrowType.Int(32, true))), null);
    }

    private static HandMadeArrowIpc ipc(Field... fields) {
        return new HandMadeArrowIpc(new Schema(List.of(fields)));
    }

    private static byte[] bytes(HandMadeArrowIpc ipc, Ipc format) {
        return format == Ipc.FILE ? ipc.file() : ipc.stream();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Reads {@code data} from a file; the table, or the exception thrown. */
    private Table readPath(byte[] data, String name) throws IOException {
        Path path = Files.write(dir.resolve(name), data);
        return ArrowReader.read(path);
    }

    /**
     * Asserts that {@code data} is refused through both entry points with a one-line message that
     * starts with the source and contains every fragment, allocating less than the limit.
     */
    private void assertRefused(byte[] data, String... fragments) throws IOException {
        Path path = Files.write(dir.resolve("hostile.arrow"), data);
        long before = allocatedBytes();
        assertThatThrownBy(() -> ArrowReader.read(path))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessageStartingWith(path.toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments).doesNotContain("\n"));
        assertThat(allocatedBytes() - before).as("heap allocated reading %d hostile bytes", data.length)
                .isLessThan(ALLOCATION_LIMIT);
        before = allocatedBytes();
        assertThatThrownBy(() -> ArrowReader.read(new ByteArrayInputStream(data), "upload-7"))
                .isInstanceOf(UnreadableDatasetException.class)
                .hasMessageStartingWith("upload-7")
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments).doesNotContain("\n"));
        assertThat(allocatedBytes() - before).as("heap allocated reading %d hostile bytes from a stream",
                data.length).isLessThan(ALLOCATION_LIMIT + data.length * 3L);
    }

    private static byte[] littleEndianInt(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    // ---------------------------------------------------------------- control

    @ParameterizedTest
    @EnumSource(Ipc.class)
    void handMadeInputIsWellFormedArrow(Ipc format) throws IOException {
        HandMadeArrowIpc ipc = ipc(utf8("name"), int64("x"), dictionaryField("color", 4))
                .dictionaryBatch(4, false, 2, nodes(2, 0), new HandMadeArrowIpc.Body().none().ints(0, 3, 7)
                        .utf8("redblue"))
                .recordBatch(3, nodes(3, 1, 3, 0, 3, 0), new HandMadeArrowIpc.Body()
                        .bytes((byte) 0b101).ints(0, 2, 2, 5).utf8("abcde")
                        .none().longs(7, 8, 9)
                        .none().ints(1, 0, 1));
        byte[] data = bytes(ipc, format);

        Table fromPath = readPath(data, "made.arrow");
        Table fromStream = ArrowReader.read(new ByteArrayInputStream(data), "made");

        for (Table table : List.of(fromPath, fromStream)) {
            CategoricalColumn name = (CategoricalColumn) table.column("name").orElseThrow();
            assertThat(new String[] {name.labelAt(0), name.labelAt(1), name.labelAt(2)})
                    .containsExactly("ab", null, "cde");
            assertThat(((NumericColumn) table.column("x").orElseThrow()).values()).containsExactly(7, 8, 9);
            CategoricalColumn color = (CategoricalColumn) table.column("color").orElseThrow();
            assertThat(new String[] {color.labelAt(0), color.labelAt(1), color.labelAt(2)})
                    .containsExactly("blue", "red", "blue");
        }
    }

    // ---------------------------------------------------------------- string views

    /**
     * A 16-byte string view: the length, then the value if it is 12 bytes or less, else its first 4
     * bytes, the data buffer's index and the offset in it.
     */
    private static byte[] view(String value, int buffer, int offset) {
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length);
        if (utf8.length <= 12) {
            b.put(utf8);
        } else {
            b.put(utf8, 0, 4).putInt(buffer).putInt(offset);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Nested
    class StringViews {
        private static final String LONG = "a value longer than twelve bytes";

        private HandMadeArrowIpc views(byte[] secondView) {
            return ipc(field("text", ArrowType.Utf8View.INSTANCE), int64("x"))
                    .recordBatch(2, nodes(2, 0, 2, 0), new HandMadeArrowIpc.Body().none()
                            .bytes(concat(view("short", 0, 0), secondView)).utf8(LONG)
                            .none().longs(1, 2), (byte) -1, new long[] {1});
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsInlineAndBufferedViews(Ipc format) throws IOException {
            byte[] data = bytes(views(view(LONG, 0, 0)), format);

            for (Table table : List.of(readPath(data, "views.arrow"), ArrowReader.read(new ByteArrayInputStream(data),
                    "views"))) {
                CategoricalColumn text = (CategoricalColumn) table.column("text").orElseThrow();
                assertThat(new String[] {text.labelAt(0), text.labelAt(1)}).containsExactly("short", LONG);
                assertThat(((NumericColumn) table.column("x").orElseThrow()).values()).containsExactly(1, 2);
            }
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAViewNamingADataBufferTheBatchDoesNotHave(Ipc format) throws IOException {
            assertRefused(bytes(views(view(LONG, 3, 0)), format),
                    ", record batch 0, column 'text': malformed Arrow data: view 1 names data buffer 3 of 1");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAViewReachingPastItsDataBuffer(Ipc format) throws IOException {
            assertRefused(bytes(views(view(LONG, 0, 20)), format),
                    ", record batch 0, column 'text': malformed Arrow data: view 1 reaches bytes 20 to 52 of the "
                            + "32-byte data buffer 0");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAViewWithANegativeLength(Ipc format) throws IOException {
            byte[] negative = view("x", 0, 0);
            ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -5);
            assertRefused(bytes(views(negative), format),
                    ", record batch 0, column 'text': malformed Arrow data: view 1 has a negative length (-5)");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAViewsBufferShorterThanItsValues(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(field("text", ArrowType.Utf8View.INSTANCE))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().bytes(view("short", 0, 0)),
                            (byte) -1, new long[] {0});
            assertRefused(bytes(ipc, format),
                    ", record batch 0, column 'text': its views buffer has 16 bytes but 2 values need 32");
        }
    }

    // ---------------------------------------------------------------- offsets (the crash)

    @Nested
    class Offsets {
        /**
         * Before the fix the reader decoded value 1 at the data buffer's address + 2^45, unchecked:
         * the JVM died of SIGSEGV (exit 134) and surefire reported a crashed fork.
         */
        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesStringOffsetsPointingFarPastTheData(Ipc format) throws IOException {
            long far = 1L << 45;
            HandMadeArrowIpc ipc = ipc(field("name", ArrowType.LargeUtf8.INSTANCE))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(0, far, far + 3).utf8("abc"));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'name': malformed Arrow data: ",
                    "offset 1 is " + far + ", past the end of the 3-byte data buffer");
        }

        /** Before the fix: ~2 GB allocated for the one value, then an OutOfMemoryError. */
        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAnOffsetOf0x7fffffffBeforeAllocatingForIt(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(utf8("name"))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().ints(0, 3, 0x7fffffff).utf8("abc"));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'name': malformed Arrow data: ",
                    "offset 2 is 2147483647, past the end of the 3-byte data buffer");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesDecreasingOffsets(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(utf8("name"))
                    .recordBatch(3, nodes(3, 0), new HandMadeArrowIpc.Body().none().ints(0, 5, 2, 8).utf8("abcdefgh"));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'name': malformed Arrow data: ",
                    "offset 2 is 2, less than the one before (5)");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesANegativeFirstOffset(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(utf8("name"))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().ints(-8, 0, 3).utf8("abc"));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'name': malformed Arrow data: ",
                    "offset 0 is -8, negative");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAnOffsetsBufferShorterThanItsValues(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(utf8("name"))
                    .recordBatch(5, nodes(5, 0), new HandMadeArrowIpc.Body().none().ints(0, 1).utf8("abc"));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'name': ",
                    "its offsets buffer has 8 bytes but 5 values need 24");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesDictionaryOffsetsPastTheEndOfItsData(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(dictionaryField("color", 4))
                    .dictionaryBatch(4, false, 2, nodes(2, 0), new HandMadeArrowIpc.Body().none()
                            .ints(0, 3, 0x7fffffff).utf8("redblue"))
                    .recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(1));

            assertRefused(bytes(ipc, format), ", dictionary batch 0, column 'color': malformed Arrow data: offset 2 "
                    + "is 2147483647, past the end of the 7-byte data buffer");
        }

        @Test
        void refusesADeltaDictionaryWhoseOffsetsPointPastItsData() throws IOException {
            // Arrow itself copies a delta dictionary's bytes, as far as its last offset says
            HandMadeArrowIpc ipc = ipc(dictionaryField("color", 4))
                    .dictionaryBatch(4, false, 1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0, 3)
                            .utf8("red"))
                    .recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0))
                    .dictionaryBatch(4, true, 1, nodes(1, 0), new HandMadeArrowIpc.Body().none()
                            .ints(0, 1 << 30).utf8("blue"))
                    .recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(1));

            assertRefused(ipc.stream(), ", dictionary batch 1, column 'color': malformed Arrow data: offset 1 is "
                    + (1 << 30) + ", past the end of the 4-byte data buffer");
        }

        @Test
        void stillReadsAHonestDeltaDictionary() throws IOException {
            HandMadeArrowIpc ipc = ipc(dictionaryField("color", 4))
                    .dictionaryBatch(4, false, 1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0, 3)
                            .utf8("red"))
                    .recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0))
                    .dictionaryBatch(4, true, 1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0, 4)
                            .utf8("blue"))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().ints(1, 0));

            Table table = readPath(ipc.stream(), "delta.arrows");

            CategoricalColumn color = (CategoricalColumn) table.column("color").orElseThrow();
            assertThat(new String[] {color.labelAt(0), color.labelAt(1), color.labelAt(2)})
                    .containsExactly("red", "blue", "red");
        }
    }

    // ---------------------------------------------------------------- lengths

    @Nested
    class Lengths {
        /** Before the fix: an 8 GiB double[] per column, an OutOfMemoryError. */
        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesABatchOf2To30RowsInATinyBodyWithoutAllocatingForThem(Ipc format) throws IOException {
            long rows = 1L << 30;
            HandMadeArrowIpc ipc = ipc(int64("x"), int64("y"))
                    .recordBatch(rows, nodes(rows, 0, rows, 0), new HandMadeArrowIpc.Body().none().longs(1)
                            .none().longs(2));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its data buffer has 8 bytes but "
                    + rows + " values need " + rows * 8);
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesColumnsSharingOneBufferToDeclareMoreThanTheBodyHolds(Ipc format) throws IOException {
            // 16 one-byte columns all pointing at the same 1024 bytes: each fits, together they do not
            List<Field> fields = new ArrayList<>();
            long[] nodeList = new long[32];
            HandMadeArrowIpc.Body body = new HandMadeArrowIpc.Body().none().bytes(new byte[1024]);
            for (int c = 0; c < 16; c++) {
                fields.add(field("c" + c, new ArrowType.Int(8, true)));
                nodeList[2 * c] = 1024;
                if (c > 0) {
                    body.none().none().lie(2 * c + 1, 0, 1024);
                }
            }
            HandMadeArrowIpc ipc = ipc(fields.toArray(new Field[0])).recordBatch(1024, nodeList, body);

            assertRefused(bytes(ipc, format), ", record batch 0: declares 1024 rows, whose values need at least "
                    + "16384 bytes, but its body has only 1024");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAValidityBitmapShorterThanItsValues(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(100, nodes(100, 3), new HandMadeArrowIpc.Body().bytes((byte) 0xFF)
                            .longs(new long[100]));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its validity bitmap has 1 byte but "
                    + "100 values need 13");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesNullsWithoutAValidityBitmap(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(4, nodes(4, 2), new HandMadeArrowIpc.Body().none().longs(1, 2, 3, 4));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': 2 of its 4 values are null but it has "
                    + "no validity bitmap");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesADataBufferShorterThanItsValues(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(1000, nodes(1000, 0), new HandMadeArrowIpc.Body().none().longs(1));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its data buffer has 8 bytes but 1000 "
                    + "values need 8000");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesABatchLongerThanItsColumns(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(1_000_000, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': has 2 values but the batch has 1000000 "
                    + "rows");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesABufferOutsideTheBody(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2).lie(1, 1L << 40, 16));

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its data buffer lies at byte offset "
                    + (1L << 40) + " with 16 bytes, outside the 16-byte body of the batch");
        }

        @ParameterizedTest
        @ValueSource(strings = {"batch", "node", "nulls", "buffer offset", "buffer length"})
        void refusesNegativeLengths(String which) throws IOException {
            long batch = which.equals("batch") ? -1 : 2;
            long node = which.equals("node") ? -1 : 2;
            long nulls = which.equals("nulls") ? -1 : 0;
            HandMadeArrowIpc.Body body = new HandMadeArrowIpc.Body().none().longs(1, 2);
            if (which.equals("buffer offset")) {
                body.lie(1, -8, 16);
            } else if (which.equals("buffer length")) {
                body.lie(1, 0, -16);
            }
            HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(batch, nodes(node, nulls), body);

            for (Ipc format : Ipc.values()) {
                assertRefused(bytes(ipc, format), ", record batch 0");
            }
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesMoreFieldNodesThanTheSchemaHas(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(2, nodes(2, 0, 2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2));

            assertRefused(bytes(ipc, format), ", record batch 0: malformed Arrow metadata: 2 field nodes, but the "
                    + "schema has 1 columns and child fields");
        }

        @Test
        void refusesAFileWithoutTheDictionaryItsColumnUses() throws IOException {
            byte[] file = ipc(dictionaryField("color", 4))
                    .recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0)).file();

            assertRefused(file, ": damaged Arrow file: its dictionary-encoded columns use 1 dictionaries, but its "
                    + "footer lists 0 dictionary batches");
        }

        @Test
        void refusesAStreamMessageWhoseMetadataLengthIsHuge() throws IOException {
            byte[] stream = ipc(int64("x")).recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().longs(1))
                    .stream();
            int second = 8 + ByteBuffer.wrap(stream, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            System.arraycopy(littleEndianInt(0x7fffffff), 0, stream, second + 4, 4);

            assertRefused(stream, ", record batch 0: truncated Arrow data: the message at byte offset " + second
                    + " declares 2147483647 bytes of metadata");
        }

        @Test
        void refusesAStreamMessageWhoseBodyLengthIsHuge() throws IOException {
            // the message declares 2^40 bytes of body, and Arrow allocates that before reading it
            HandMadeArrowIpc ipc = ipc(int64("x"));
            FlatBufferBuilder b = new FlatBufferBuilder();
            org.apache.arrow.flatbuf.RecordBatch.startRecordBatch(b);
            org.apache.arrow.flatbuf.RecordBatch.addLength(b, 0);
            int batch = org.apache.arrow.flatbuf.RecordBatch.endRecordBatch(b);
            b.finish(org.apache.arrow.flatbuf.Message.createMessage(b, MetadataVersion.V5, MessageHeader.RecordBatch,
                    batch, 1L << 40, 0));
            ipc.rawMessage(b.sizedByteArray(), new byte[0], true);

            assertRefused(ipc.stream(), ", record batch 0: truncated Arrow data: ", "needs " + (1L << 40)
                    + " bytes of body");
        }
    }

    // ---------------------------------------------------------------- compression

    @Nested
    class Compression {
        /** A compressed buffer: its 8-byte little-endian uncompressed length, then its bytes. */
        private byte[] compressed(long uncompressedLength, byte[] bytes) {
            return ByteBuffer.allocate(8 + bytes.length).order(ByteOrder.LITTLE_ENDIAN).putLong(uncompressedLength)
                    .put(bytes).array();
        }

        private byte[] longBytes(long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            return b.array();
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsBuffersStoredAsIsInACompressedBatch(Ipc format) throws IOException {
            for (byte codec : new byte[] {CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
                HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(2, nodes(2, 0),
                        new HandMadeArrowIpc.Body().none().bytes(compressed(-1, longBytes(7, -3))), codec);

                Table table = readPath(bytes(ipc, format), "stored.arrow");

                NumericColumn x = (NumericColumn) table.column(0);
                assertThat(new double[] {x.value(0), x.value(1)}).containsExactly(7, -3);
            }
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void readsAnLz4FrameWithLinkedBlocksWrittenByTheLz4Tool(Ipc format) throws IOException {
            // lz4 -BD -B4 --content-size: three 64 KiB blocks, each referring back into the one before
            byte[] frame = Files.readAllBytes(FormatFixtures.fixture("linked-blocks.lz4"));
            int rows = 20_000;
            HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(rows, nodes(rows, 0),
                    new HandMadeArrowIpc.Body().none().bytes(compressed(rows * 8L, frame)),
                    CompressionType.LZ4_FRAME);

            Table table = readPath(bytes(ipc, format), "linked.arrow");

            NumericColumn x = (NumericColumn) table.column(0);
            for (int i = 0; i < rows; i++) {
                assertThat(x.value(i)).as("row %d", i).isEqualTo((double) ((i % 500) * 2654435761L));
            }
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesADamagedFrameNamingTheBatchAndTheColumn(Ipc format) throws IOException {
            byte[] garbage = "not an LZ4 frame at all".getBytes(StandardCharsets.US_ASCII);
            HandMadeArrowIpc ipc = ipc(int64("x"), int64("y")).recordBatch(2, nodes(2, 0, 2, 0),
                    new HandMadeArrowIpc.Body().none().bytes(compressed(-1, longBytes(1, 2))).none()
                            .bytes(compressed(16, garbage)), CompressionType.LZ4_FRAME);

            assertRefused(bytes(ipc, format), ", record batch 0, column 'y': malformed Arrow data: damaged "
                    + "LZ4_FRAME buffer (");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAZstdFrameThatDecodesToLessThanItDeclares(Ipc format) throws IOException {
            // a Zstandard frame holding one raw block of 8 bytes (header by the format's specification)
            byte[] frame = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x20, 0x08, 0x41, 0x00, 0x00, 1, 0, 0, 0, 0, 0, 0, 0};
            HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(2, nodes(2, 0),
                    new HandMadeArrowIpc.Body().none().bytes(compressed(16, frame)), CompressionType.ZSTD);

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': malformed Arrow data: ");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesABufferDeclaringMoreThanItsCodecCanExpandTo(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(1L << 27, nodes(1L << 27, 0),
                    new HandMadeArrowIpc.Body().none().bytes(compressed(1L << 30, new byte[16])),
                    CompressionType.LZ4_FRAME);

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its compressed data buffer of 24 bytes "
                    + "declares an uncompressed length of 1073741824 bytes, more than its codec can expand it to "
                    + "(5120)");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesAnUnknownCodec(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x"))
                    .recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2), (byte) 7);

            assertRefused(bytes(ipc, format), ": record batch 0 uses an unknown compression codec (7); LZ4_FRAME "
                    + "and ZSTD can be read");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesACompressedBufferTooShortForItsLengthPrefix(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(int64("x")).recordBatch(2, nodes(2, 0),
                    new HandMadeArrowIpc.Body().none().bytes(new byte[] {1, 2, 3}), CompressionType.ZSTD);

            assertRefused(bytes(ipc, format), ", record batch 0, column 'x': its compressed data buffer has 3 bytes, "
                    + "too few for the 8-byte uncompressed length that starts it");
        }

        @ParameterizedTest
        @EnumSource(Ipc.class)
        void refusesACompressedDeltaDictionary(Ipc format) throws IOException {
            HandMadeArrowIpc ipc = ipc(dictionaryField("color", 4));
            FlatBufferBuilder b = new FlatBufferBuilder();
            int compression = org.apache.arrow.flatbuf.BodyCompression.createBodyCompression(b, CompressionType.ZSTD,
                    (byte) 0);
            org.apache.arrow.flatbuf.RecordBatch.startRecordBatch(b);
            org.apache.arrow.flatbuf.RecordBatch.addLength(b, 0);
            org.apache.arrow.flatbuf.RecordBatch.addCompression(b, compression);
            int data = org.apache.arrow.flatbuf.RecordBatch.endRecordBatch(b);
            int dictionary = org.apache.arrow.flatbuf.DictionaryBatch.createDictionaryBatch(b, 4, data, true);
            b.finish(org.apache.arrow.flatbuf.Message.createMessage(b, MetadataVersion.V5,
                    MessageHeader.DictionaryBatch, dictionary, 0, 0));
            ipc.rawMessage(b.sizedByteArray(), new byte[0], false);

            assertRefused(bytes(ipc, format), ", dictionary batch 0, column 'color': a compressed delta dictionary "
                    + "cannot be read");
        }
    }

    // ---------------------------------------------------------------- footers

    @Nested
    class Footers {
        private byte[] validFile() {
            return ipc(int64("x")).recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2)).file();
        }

        private byte[] withFooterLength(byte[] file, int footerLength) {
            byte[] copy = file.clone();
            System.arraycopy(littleEndianInt(footerLength), 0, copy, copy.length - 10, 4);
            return copy;
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 100_000})
        void refusesAFooterLengthThatDoesNotFitTheFile(int footerLength) throws IOException {
            byte[] file = validFile();

            assertRefused(withFooterLength(file, footerLength), ": damaged Arrow file: its footer length field says "
                    + footerLength + " bytes, but the footer must lie between the 8-byte header and the last 10 bytes "
                    + "of the " + file.length + "-byte file");
        }

        @Test
        void refusesAFooterLengthPointingIntoTheLeadingMagic() throws IOException {
            byte[] file = validFile();

            assertRefused(withFooterLength(file, file.length - 10 - 4), ": damaged Arrow file: its footer length "
                    + "field says " + (file.length - 14) + " bytes");
        }

        @Test
        void refusesAFooterLengthOneByteTooShortOrTooLong() throws IOException {
            byte[] file = validFile();
            int footerLength = ByteBuffer.wrap(file, file.length - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();

            for (int lie : new int[] {footerLength - 1, footerLength + 1, footerLength + 8, footerLength / 2}) {
                byte[] damaged = withFooterLength(file, lie);
                Path path = Files.write(dir.resolve("lie" + lie + ".arrow"), damaged);
                assertThatThrownBy(() -> ArrowReader.read(path)).isInstanceOf(UnreadableDatasetException.class)
                        .hasMessageStartingWith(path.toString());
                assertThatThrownBy(() -> ArrowReader.read(new ByteArrayInputStream(damaged), "upload-9"))
                        .isInstanceOf(UnreadableDatasetException.class).hasMessageStartingWith("upload-9");
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0x00, 0x7F, 0xFF})
        void refusesAFooterOfGarbage(int fill) throws IOException {
            byte[] file = validFile();
            int footerLength = ByteBuffer.wrap(file, file.length - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            Arrays.fill(file, file.length - 10 - footerLength, file.length - 10, (byte) fill);

            assertRefused(file, ": ");
        }

        @Test
        void refusesAFooterListingOneBatchManyTimes() throws IOException {
            // without the overlap check each listing would add the batch's rows again
            byte[] file = ipc(int64("x")).recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2))
                    .file((dictionaries, records) -> {
                        for (int i = 0; i < 1000; i++) {
                            records.add(records.get(0));
                        }
                    });

            assertRefused(file, ", record batch 1: damaged Arrow file: the footer places it at byte offset ",
                    "inside record batch 0 (blocks of a file cannot overlap)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"negative metadata", "negative body", "past the end", "into the header"})
        void refusesABlockOutsideTheFile(String lie) throws IOException {
            byte[] file = ipc(int64("x")).recordBatch(2, nodes(2, 0), new HandMadeArrowIpc.Body().none().longs(1, 2))
                    .file((dictionaries, records) -> {
                        long[] block = records.get(0);
                        switch (lie) {
                            case "negative metadata" -> block[1] = -8;
                            case "negative body" -> block[2] = -16;
                            case "past the end" -> block[2] = 1L << 50;
                            default -> block[0] = 2;
                        }
                    });

            assertRefused(file, ", record batch 0: damaged or truncated Arrow file: the footer places it at byte "
                    + "offset ");
        }
    }

    // ---------------------------------------------------------------- schemas

    @Nested
    class Schemas {
        /** A stream whose schema message holds {@code schemaMessage} as it is, then the end-of-stream marker. */
        private byte[] streamWithSchemaMessage(byte[] schemaMessage) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int padded = (schemaMessage.length + 7) / 8 * 8;
            out.writeBytes(littleEndianInt(-1));
            out.writeBytes(littleEndianInt(padded));
            out.writeBytes(schemaMessage);
            out.writeBytes(new byte[padded - schemaMessage.length]);
            out.writeBytes(littleEndianInt(-1));
            out.writeBytes(littleEndianInt(0));
            return out.toByteArray();
        }

        private byte[] schemaMessage(FlatBufferBuilder b, int fields, short endianness) {
            org.apache.arrow.flatbuf.Schema.startSchema(b);
            org.apache.arrow.flatbuf.Schema.addEndianness(b, endianness);
            org.apache.arrow.flatbuf.Schema.addFields(b, fields);
            int schema = org.apache.arrow.flatbuf.Schema.endSchema(b);
            b.finish(org.apache.arrow.flatbuf.Message.createMessage(b, MetadataVersion.V5, MessageHeader.Schema,
                    schema, 0, 0));
            return b.sizedByteArray();
        }

        private int intType(FlatBufferBuilder b) {
            return org.apache.arrow.flatbuf.Int.createInt(b, 64, true);
        }

        private int field(FlatBufferBuilder b, String name, byte typeType, int type, int children) {
            int nameOffset = name == null ? 0 : b.createString(name);
            org.apache.arrow.flatbuf.Field.startField(b);
            if (name != null) {
                org.apache.arrow.flatbuf.Field.addName(b, nameOffset);
            }
            org.apache.arrow.flatbuf.Field.addNullable(b, true);
            org.apache.arrow.flatbuf.Field.addTypeType(b, typeType);
            if (type != 0) {
                org.apache.arrow.flatbuf.Field.addType(b, type);
            }
            if (children != 0) {
                org.apache.arrow.flatbuf.Field.addChildren(b, children);
            }
            return org.apache.arrow.flatbuf.Field.endField(b);
        }

        private int vector(FlatBufferBuilder b, int... fields) {
            return org.apache.arrow.flatbuf.Schema.createFieldsVector(b, fields);
        }

        @Test
        void refusesAFieldThatContainsItself() throws IOException {
            // Arrow converts a schema by recursion: a field listed as its own child never ends (StackOverflowError)
            FlatBufferBuilder b = new FlatBufferBuilder();
            int leaf = field(b, "leaf", org.apache.arrow.flatbuf.Type.Int, intType(b), 0);
            int children = org.apache.arrow.flatbuf.Field.createChildrenVector(b, new int[] {leaf});
            org.apache.arrow.flatbuf.Struct_.startStruct_(b);
            int struct = org.apache.arrow.flatbuf.Struct_.endStruct_(b);
            int parent = field(b, "parent", org.apache.arrow.flatbuf.Type.Struct_, struct, children);
            byte[] message = schemaMessage(b, vector(b, parent), Endianness.Little);
            // point the child entry back at its parent: both offsets are from the end of the buffer
            int childEntry = message.length - children + 4;
            int parentTable = message.length - parent;
            System.arraycopy(littleEndianInt(parentTable - childEntry), 0, message, childEntry, 4);

            assertRefused(streamWithSchemaMessage(message), ": malformed Arrow schema: ");
        }

        @Test
        void refusesFieldNamesSharingOneLongString() throws IOException {
            // 10,000 fields naming one 100 KB string: a 1 MB schema that Arrow decoded into a billion
            // characters of names (13 s on the build machine, then a 100 KB error message)
            FlatBufferBuilder b = new FlatBufferBuilder();
            int name = b.createString("n".repeat(100_000));
            int type = intType(b);
            int[] fields = new int[10_000];
            for (int i = 0; i < fields.length; i++) {
                org.apache.arrow.flatbuf.Field.startField(b);
                org.apache.arrow.flatbuf.Field.addName(b, name);
                org.apache.arrow.flatbuf.Field.addTypeType(b, org.apache.arrow.flatbuf.Type.Int);
                org.apache.arrow.flatbuf.Field.addType(b, type);
                fields[i] = org.apache.arrow.flatbuf.Field.endField(b);
            }
            byte[] message = schemaMessage(b, vector(b, fields), Endianness.Little);

            assertRefused(streamWithSchemaMessage(message), ": malformed Arrow schema: its strings add up to more "
                    + "than its ", " bytes (is a field name listed more than once?)");
        }

        @Test
        void refusesFieldsNestedDeeperThanTheLimit() throws IOException {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int inner = field(b, "leaf", org.apache.arrow.flatbuf.Type.Int, intType(b), 0);
            for (int depth = 0; depth < 100; depth++) {
                int children = org.apache.arrow.flatbuf.Field.createChildrenVector(b, new int[] {inner});
                org.apache.arrow.flatbuf.Struct_.startStruct_(b);
                int struct = org.apache.arrow.flatbuf.Struct_.endStruct_(b);
                inner = field(b, "s" + depth, org.apache.arrow.flatbuf.Type.Struct_, struct, children);
            }
            byte[] message = schemaMessage(b, vector(b, inner), Endianness.Little);

            assertRefused(streamWithSchemaMessage(message), ": malformed Arrow schema: column 0 ('s99') nests fields "
                    + "more than 64 deep");
        }

        @Test
        void refusesAUnionDeclaringMoreTypeIdsThanItsBytesHold() throws IOException {
            // Arrow allocates an int[] of the declared number of type ids
            FlatBufferBuilder b = new FlatBufferBuilder();
            int typeIds = org.apache.arrow.flatbuf.Union.createTypeIdsVector(b, new int[] {7});
            int union = org.apache.arrow.flatbuf.Union.createUnion(b, (short) 0, typeIds);
            int f = field(b, "u", org.apache.arrow.flatbuf.Type.Union, union, 0);
            byte[] message = schemaMessage(b, vector(b, f), Endianness.Little);
            int lengthField = message.length - typeIds;
            System.arraycopy(littleEndianInt(0x7fffffff), 0, message, lengthField, 4);

            assertRefused(streamWithSchemaMessage(message), ": malformed Arrow schema: the list of type ids of "
                    + "column 0 ('u') has 2147483647 entries, more than the ");
        }

        @Test
        void refusesAFieldWithoutAName() throws IOException {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int f = field(b, null, org.apache.arrow.flatbuf.Type.Int, intType(b), 0);

            assertRefused(streamWithSchemaMessage(schemaMessage(b, vector(b, f), Endianness.Little)),
                    ": malformed Arrow schema: column 0 has no name");
        }

        @Test
        void refusesAFieldWithATypeNumberButNoType() throws IOException {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int f = field(b, "x", org.apache.arrow.flatbuf.Type.Int, 0, 0);

            assertRefused(streamWithSchemaMessage(schemaMessage(b, vector(b, f), Endianness.Little)),
                    ": malformed Arrow schema: column 0 ('x') has type number 2 but no type description");
        }

        @Test
        void writesAColumnNameWithALineBreakOnOneLine() throws IOException {
            Field tags = new Field("tags\nand more", FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(utf8("item")));

            for (Ipc format : Ipc.values()) {
                assertRefused(bytes(ipc(tags), format), ", column 'tags\\u000aand more': unsupported Arrow type "
                        + "List<Utf8>");
            }
        }

        @Test
        void cutsALongColumnNameInMessages() throws IOException {
            String name = "x".repeat(1000);

            assertRefused(ipc(int64(name), int64(name)).stream(), ": duplicate column name '" + "x".repeat(200)
                    + "… (1000 characters)' (columns 0 and 1, 0-based)");
        }

        @Test
        void refusesBigEndianData() throws IOException {
            FlatBufferBuilder b = new FlatBufferBuilder();
            int f = field(b, "x", org.apache.arrow.flatbuf.Type.Int, intType(b), 0);

            assertRefused(streamWithSchemaMessage(schemaMessage(b, vector(b, f), Endianness.Big)),
                    ": the Arrow data was written big-endian; only little-endian Arrow data can be read");
        }
    }

    // ---------------------------------------------------------------- many dictionary batches

    @Test
    void readsTensOfThousandsOfDictionaryBatchesInARowWithoutOverflowingTheStack() throws IOException {
        // Arrow's stream reader recursed once per dictionary batch: a StackOverflowError on a 4 MB upload
        HandMadeArrowIpc ipc = ipc(dictionaryField("color", 4));
        for (int i = 0; i < 30_000; i++) {
            ipc.dictionaryBatch(4, false, 1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0, 3).utf8("red"));
        }
        ipc.recordBatch(1, nodes(1, 0), new HandMadeArrowIpc.Body().none().ints(0));

        Table table = ArrowReader.read(new ByteArrayInputStream(ipc.stream()), "many-dictionaries");

        assertThat(((CategoricalColumn) table.column("color").orElseThrow()).labelAt(0)).isEqualTo("red");
    }

    // ---------------------------------------------------------------- truncation and damage

    /** A small valid file or stream of every supported kind of column, written by Arrow Java. */
    private byte[] arrowJavaData(Ipc format) throws IOException {
        Field x = field("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        Field n = field("n", new ArrowType.Int(32, true));
        Field flag = field("flag", ArrowType.Bool.INSTANCE);
        Field name = utf8("name");
        Field color = new Field("color", new FieldType(true, new ArrowType.Int(32, true),
                new DictionaryEncoding(1L, false, new ArrowType.Int(32, true))), null);
        try (VarCharVector labels = new VarCharVector("labels", allocator)) {
            labels.allocateNew();
            labels.setSafe(0, "red".getBytes(StandardCharsets.UTF_8));
            labels.setSafe(1, "green".getBytes(StandardCharsets.UTF_8));
            labels.setValueCount(2);
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
                    new Dictionary(labels, new DictionaryEncoding(1L, false, new ArrowType.Int(32, true))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(x, n, flag, name, color)),
                    allocator);
                    ArrowWriter writer = format == Ipc.FILE
                            ? new ArrowFileWriter(root, provider, Channels.newChannel(out))
                            : new ArrowStreamWriter(root, provider, Channels.newChannel(out))) {
                writer.start();
                for (int batch = 0; batch < 3; batch++) {
                    int rows = 5;
                    fill(root, rows, batch);
                    writer.writeBatch();
                }
                writer.end();
            }
            return out.toByteArray();
        }
    }

    private static void fill(VectorSchemaRoot root, int rows, int batch) {
        Float8Vector x = (Float8Vector) root.getVector("x");
        IntVector n = (IntVector) root.getVector("n");
        BitVector flag = (BitVector) root.getVector("flag");
        VarCharVector name = (VarCharVector) root.getVector("name");
        IntVector color = (IntVector) root.getVector("color");
        for (FieldVector v : root.getFieldVectors()) {
            v.allocateNew();
        }
        for (int i = 0; i < rows; i++) {
            if (i != 2) {
                x.setSafe(i, batch + i / 10.0);
                name.setSafe(i, ("n" + batch + i).getBytes(StandardCharsets.UTF_8));
            }
            n.setSafe(i, i * batch);
            flag.setSafe(i, i % 2);
            color.setSafe(i, i % 2);
        }
        root.setRowCount(rows);
    }

    /** Reads {@code data}; fails the test on anything but a table or our exception. */
    private void readExpectingTableOrRefusal(byte[] data, String what) throws IOException {
        Path path = Files.write(dir.resolve("damaged.arrow"), data);
        for (int entry = 0; entry < 2; entry++) {
            try {
                if (entry == 0) {
                    ArrowReader.read(path);
                } else {
                    ArrowReader.read(new ByteArrayInputStream(data), "damaged");
                }
            } catch (UnreadableDatasetException e) {
                assertThat(e.getMessage()).as(what).doesNotContain("\n");
            } catch (RuntimeException | Error e) {
                fail(what + (entry == 0 ? " (from a path)" : " (from a stream)") + " threw " + e, e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ipc.class)
    void refusesOrReadsDataCutAtEveryByte(Ipc format) throws IOException {
        byte[] data = arrowJavaData(format);
        assertThat(readPath(data, "whole.arrow").rowCount()).isEqualTo(15);

        for (int length = 0; length < data.length; length++) {
            byte[] cut = Arrays.copyOf(data, length);
            if (format == Ipc.FILE) {
                int at = length;
                Path path = Files.write(dir.resolve("cut.arrow"), cut);
                assertThatThrownBy(() -> ArrowReader.read(path)).as("file cut at byte %d", at)
                        .isInstanceOf(UnreadableDatasetException.class);
            } else {
                readExpectingTableOrRefusal(cut, "stream cut at byte " + length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ipc.class)
    void refusesOrReadsDataWithRandomlyDamagedBytes(Ipc format) throws IOException {
        byte[] data = arrowJavaData(format);
        SplittableRandom random = new SplittableRandom(20_240_612L + format.ordinal());
        for (int trial = 0; trial < 1500; trial++) {
            byte[] damaged = data.clone();
            int changes = 1 + random.nextInt(4);
            StringBuilder what = new StringBuilder(format + " with");
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(damaged.length);
                byte value = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                damaged[at] = value;
                what.append(" byte ").append(at).append('=').append(value & 0xFF);
            }
            readExpectingTableOrRefusal(damaged, what.toString());
        }
    }

    // ---------------------------------------------------------------- the column readers' own checks

    /**
     * The column readers check the buffers they read even when handed a vector that never went
     * through the scan (here loaded directly, with buffers shorter than its value count).
     */
    @Nested
    class ColumnReaderChecks {
        @Test
        void refusesADataBufferShorterThanTheValueCount() {
            try (BigIntVector vector = new BigIntVector("x", allocator);
                    ArrowBuf validity = allocator.buffer(0);
                    ArrowBuf data = allocator.buffer(8)) {
                vector.loadFieldBuffers(new ArrowFieldNode(1000, 0), List.of(validity, data));
                ArrowColumnReader reader = ArrowColumnReader.forField(vector.getField(), 1000);

                assertThatThrownBy(() -> reader.append(vector, null))
                        .isInstanceOf(ArrowColumnReader.MalformedVectorException.class)
                        .hasMessage("malformed Arrow data: the data buffer has 8 bytes but 1000 values of 64 bits "
                                + "need 8000");
            }
        }

        @Test
        void refusesAValidityBitmapShorterThanTheValueCount() {
            try (Float8Vector vector = new Float8Vector("x", allocator);
                    ArrowBuf validity = allocator.buffer(1);
                    ArrowBuf data = allocator.buffer(8000)) {
                validity.setByte(0, 0x0F);
                vector.loadFieldBuffers(new ArrowFieldNode(1000, 500), List.of(validity, data));
                ArrowColumnReader reader = ArrowColumnReader.forField(vector.getField(), 1000);

                assertThatThrownBy(() -> reader.append(vector, null))
                        .isInstanceOf(ArrowColumnReader.MalformedVectorException.class)
                        .hasMessageContaining("the validity bitmap has ")
                        .hasMessageEndingWith(" but 1000 values need 125");
            }
        }

        @Test
        void refusesAnOffsetsBufferShorterThanTheValueCount() {
            try (VarCharVector vector = new VarCharVector("s", allocator);
                    ArrowBuf validity = allocator.buffer(0);
                    ArrowBuf offsets = allocator.buffer(8);
                    ArrowBuf data = allocator.buffer(8)) {
                offsets.setZero(0, offsets.capacity());
                vector.loadFieldBuffers(new ArrowFieldNode(100, 0), List.of(validity, offsets, data));
                ArrowColumnReader reader = ArrowColumnReader.forField(vector.getField(), 100);

                assertThatThrownBy(() -> reader.append(vector, null))
                        .isInstanceOf(ArrowColumnReader.MalformedVectorException.class)
                        .hasMessageStartingWith("malformed Arrow data: the offsets buffer has ")
                        .hasMessageEndingWith(" but 100 values need 404");
            }
        }
    }
}
