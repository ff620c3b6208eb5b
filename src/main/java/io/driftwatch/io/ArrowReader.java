package io.driftwatch.io;

import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Column;
import io.driftwatch.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Reads an Apache Arrow IPC file ({@code .arrow}, {@code .feather} v2: magic {@code ARROW1} at
 * both ends) or IPC stream ({@code .arrows}: messages framed by the continuation marker
 * {@code 0xFFFFFFFF}) into a {@link Table}. The format is told from the first bytes.
 *
 * <p>Types map onto the columnar model as pandas would see them, because the physical type later
 * drives Evidently's type inference:
 * <ul>
 *   <li>float16/32/64 and decimal128/256: {@link io.driftwatch.data.PhysicalType#FLOAT};
 *   <li>signed and unsigned integers of 8 to 64 bits: {@code INTEGER}, but {@code FLOAT} when the
 *       column has a null in any batch (pandas turns such a column into {@code float64});
 *   <li>bool: {@code BOOLEAN} (1 and 0);
 *   <li>utf8, large_utf8 and dictionary-encoded strings: {@code STRING};
 *   <li>date32, date64 and timestamps of any unit, with or without a time zone: {@code TIMESTAMP},
 *       as epoch milliseconds (finer units rounded towards negative infinity).
 * </ul>
 * Nulls are missing cells; so is a NaN stored in a float column. Any other type (lists, structs,
 * maps, binary, time of day, intervals…) is rejected. Compressed record batches and dictionaries
 * (LZ4 frames or ZSTD per buffer, pyarrow's and Feather v2's default) are decoded by
 * {@link ArrowBufferCodecs} as Arrow loads each batch.
 *
 * <p>Every failure is an {@link UnreadableDatasetException} whose message names the source, the
 * record batch (0-based) and the column where they are known. The input is untrusted: before
 * Arrow's readers see it, {@link ArrowMessageScan} checks its framing, footer, schema and every
 * batch's lengths against the bytes really there (Arrow allocates what the metadata declares and
 * its vectors are read here without bounds checks), and each column reader checks the buffers it
 * reads; so malformed input is refused before anything is allocated from a declared length, and
 * never read out of bounds. That pass also counts the rows, so the columns are allocated once at
 * their final size. A file (not a stream) read from a path of up to 2 GiB is memory-mapped and its
 * record batches decoded in place, without a copy.
 *
 * <p>The columns of each record batch are decoded in parallel: on the calling thread and, for
 * batches large enough to pay for it, on up to three more threads of a pool that lives only for the
 * call (fewer on a machine with fewer cores).
 *
 * <p>Thread-safe: stateless; every call uses its own allocator, reader and threads.
 */
public final class ArrowReader {
    private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    private static final int MAX_ROWS = Integer.MAX_VALUE - 16;
    /** The most bytes {@link #read(InputStream, String)} holds in memory: the largest array. */
    private static final int MAX_BUFFERED_BYTES = Integer.MAX_VALUE - 8;
    /** Threads besides the caller's that decode columns; at most 3, as copying is memory-bound. */
    private static final int EXTRA_THREADS = Math.max(0, Math.min(Runtime.getRuntime().availableProcessors(), 4) - 1);
    /** Cells (rows × columns) below which a batch is decoded on the calling thread alone. */
    private static final long PARALLEL_MIN_CELLS = 1L << 18;
    private static final ThreadFactory DECODE_THREADS = task -> {
        Thread thread = new Thread(task, "arrow-column-decoder");
        thread.setDaemon(true);
        return thread;
    };
    /** The most characters of a name or type quoted in a message. */
    private static final int MAX_QUOTED_CHARS = 200;
    /** How Arrow Java's stream reader starts the message for an unexpected message type. */
    private static final String UNEXPECTED_HEADER = "Expected RecordBatch or DictionaryBatch but header was ";

    /** Rows gathered before {@link #stream} hands a table on. */
    static final int STREAM_ROWS = 1 << 16;

    private final String source;
    /** {@link #stream} only: where tables go, and the rows handed on so far. */
    private Consumer<Table> sink;
    private long streamed;
    private int batch = -1;
    private String column;

    private ArrowReader(String source) {
        this.source = source;
    }

    /**
     * Reads the Arrow IPC file or stream at {@code path}.
     *
     * @throws UnreadableDatasetException when the file is missing, unreadable, not Arrow IPC,
     *     truncated or malformed, or holds a column type or name the columnar model cannot take
     */
    public static Table read(Path path) {
        ArrowReader reader = new ArrowReader(path.toString());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return reader.readSeekable(channel);
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDatasetException(path + ": permission denied", e);
        } catch (IOException | ArrowColumnReader.ColumnFault | IllegalArgumentException | IllegalStateException
                | IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException
                | OutOfMemoryException e) {
            // what Arrow's readers throw on malformed input
            throw reader.failure(e);
        }
    }

    /**
     * Reads an Arrow IPC file or stream from {@code in}, which is read to the end but not closed.
     * The data is first read whole into memory (at most 2 GiB), then read as from a file: a
     * stream's messages declare their lengths before their bytes arrive, so nothing is decoded
     * until every length has been checked against the bytes that came.
     *
     * @param sourceName names the data in error messages (a file name, an upload id)
     * @throws UnreadableDatasetException as {@link #read(Path)}, or when the data is larger than 2 GiB
     */
    public static Table read(InputStream in, String sourceName) {
        ArrowReader reader = new ArrowReader(sourceName);
        try {
            byte[] all = in.readNBytes(MAX_BUFFERED_BYTES);
            if (all.length == MAX_BUFFERED_BYTES && in.read() != -1) {
                throw new UnreadableDatasetException(sourceName + ": more than " + MAX_BUFFERED_BYTES + " bytes of "
                        + "Arrow data in one stream; save it to a file and read the file instead");
            }
            return reader.readSeekable(new ByteArrayReadableSeekableByteChannel(all));
        } catch (IOException | ArrowColumnReader.ColumnFault | IllegalArgumentException | IllegalStateException
                | IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException
                | OutOfMemoryException e) {
            throw reader.failure(e);
        }
    }

    /**
     * Reads the Arrow IPC file or stream at {@code path} as {@link #read(Path)} does, but hands its rows
     * on as they are decoded: record batches are gathered into tables of at least
     * {@link #STREAM_ROWS} rows (or one record batch, if larger) and each goes to {@code sink} and is
     * dropped, so the heap needed is one such table, not the file. A column's physical type is that
     * of its rows in the table handed on (an integer column with a null in one table is
     * {@code FLOAT} in that table only).
     *
     * @return the number of rows read
     * @throws UnreadableDatasetException as {@link #read(Path)}
     */
    public static long stream(Path path, Consumer<Table> sink) {
        ArrowReader reader = new ArrowReader(path.toString());
        reader.sink = java.util.Objects.requireNonNull(sink, "sink");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            reader.readSeekable(channel);
            return reader.streamed;
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDatasetException(path + ": permission denied", e);
        } catch (IOException | ArrowColumnReader.ColumnFault | IllegalArgumentException | IllegalStateException
                | IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException
                | OutOfMemoryException e) {
            throw reader.failure(e);
        }
    }

    private enum Format { FILE, STREAM }

    /**
     * Tells the format from the first bytes of the data; {@code size} is the whole length when
     * known, else -1.
     */
    private Format detect(byte[] head, long size) {
        if (head.length == 0) {
            throw new UnreadableDatasetException(source + ": empty file, not an Arrow IPC file or stream");
        }
        if (startsWithMagic(head)) {
            if (size >= 0 && size < 2L * FILE_MAGIC.length + 4) {
                throw new UnreadableDatasetException(source + ": truncated Arrow file: only " + size + " bytes");
            }
            return Format.FILE;
        }
        if (head.length >= 4 && head[0] == -1 && head[1] == -1 && head[2] == -1 && head[3] == -1) {
            return Format.STREAM;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(head.length, 8); i++) {
            hex.append(String.format("%02X", head[i] & 0xFF));
        }
        throw new UnreadableDatasetException(source + ": not an Arrow IPC file or stream: it starts with bytes "
                + hex + ", neither the file magic 'ARROW1' nor the stream continuation marker FFFFFFFF");
    }

    private static boolean startsWithMagic(byte[] bytes) {
        if (bytes.length < FILE_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < FILE_MAGIC.length; i++) {
            if (bytes[i] != FILE_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the whole table, or hands it on in parts to {@link #sink} when set (then returns null). */
    private Table readSeekable(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(8, size));
        readFully(channel, 0, head);
        Format format = detect(head.array(), size);
        if (format == Format.FILE) {
            ByteBuffer tail = ByteBuffer.allocate(FILE_MAGIC.length);
            readFully(channel, size - FILE_MAGIC.length, tail);
            if (!startsWithMagic(tail.array())) {
                throw new UnreadableDatasetException(source + ": truncated Arrow file: it starts with the magic "
                        + "'ARROW1' but does not end with it, so the footer that indexes its record batches "
                        + "is missing");
            }
        }
        ArrowMessageScan scan = new ArrowMessageScan(channel, source);
        long rows = format == Format.FILE ? scan.fileRows() : scan.streamRows();
        channel.position(0);
        try (RootAllocator allocator = new RootAllocator(); CompressedBatches compressed = new CompressedBatches()) {
            if (format == Format.FILE && channel instanceof FileChannel file
                    && size <= MappedArrowFileReader.MAX_MAPPED_BYTES) {
                try (ArrowBuf mapped = MappedArrowFileReader.map(file, allocator);
                        ArrowFileReader reader = new MappedArrowFileReader(new SeekableReadChannel(channel),
                                allocator, mapped, compressed)) {
                    List<ArrowBlock> blocks = reader.getRecordBlocks();
                    return readBatches(reader, k -> k < blocks.size() && reader.loadRecordBatch(blocks.get(k)), rows,
                            compressed);
                }
            }
            if (format == Format.FILE) {
                // loadNextBatch, not loadRecordBatch(block), which looks the block up in a list each time
                try (ArrowFileReader reader = new ArrowFileReader(new SeekableReadChannel(channel), allocator,
                        ArrowBufferCodecs.INSTANCE) {
                    @Override
                    protected void loadRecordBatch(ArrowRecordBatch batch) {
                        compressed.accept(batch, root(this).getSchema().getFields(), super::loadRecordBatch);
                    }

                    @Override
                    protected void loadDictionary(ArrowDictionaryBatch batch) {
                        ArrowBufferCodecs.loadDictionary(batch, allocator, super::loadDictionary);
                    }
                }) {
                    return readBatches(reader, k -> reader.loadNextBatch(), rows, compressed);
                }
            }
            try (ArrowStreamReader reader = new IterativeArrowStreamReader(channel, allocator, compressed)) {
                return readBatches(reader, k -> reader.loadNextBatch(), rows, compressed);
            }
        }
    }

    /** The root of a reader that has read its schema (as it has before it loads any batch). */
    static VectorSchemaRoot root(org.apache.arrow.vector.ipc.ArrowReader reader) {
        try {
            return reader.getVectorSchemaRoot();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Loads record batch {@code k} into the reader's root; false when there is none. */
    @FunctionalInterface
    private interface BatchLoader {
        boolean load(int k) throws IOException;
    }

    /**
     * Reads the schema, then every batch through one reused {@link VectorSchemaRoot}.
     *
     * @param expectedRows the total row count when the scan knew it, else -1
     * @param compressed where the reader keeps a compressed batch instead of loading it into the root
     */
    private Table readBatches(org.apache.arrow.vector.ipc.ArrowReader reader, BatchLoader loader, long expectedRows,
            CompressedBatches compressed) throws IOException {
        VectorSchemaRoot root;
        try {
            root = reader.getVectorSchemaRoot();
        } catch (IOException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | UnsupportedOperationException e) {
            throw new UnreadableDatasetException(source + ": cannot read the Arrow schema: " + describe(e), e);
        }
        if (expectedRows > MAX_ROWS && sink == null) {
            throw tooManyRows(expectedRows);
        }
        List<Field> fields = root.getSchema().getFields();
        checkDistinctNames(fields);
        ArrowColumnReader[] columns = new ArrowColumnReader[fields.size()];
        int expected = (int) Math.max(0, sink == null ? expectedRows : Math.min(expectedRows, STREAM_ROWS));
        for (int c = 0; c < columns.length; c++) {
            Field field = fields.get(c);
            column = field.getName();
            try {
                columns[c] = ArrowColumnReader.forField(field, expected);
            } catch (ArrowColumnReader.UnsupportedArrowTypeException e) {
                throw new UnreadableDatasetException(where() + ": unsupported Arrow type " + printable(typeOf(field))
                        + "; only numbers, booleans, strings (plain or dictionary-encoded), dates and timestamps "
                        + "can be read", e);
            }
        }
        column = null;
        List<FieldVector> vectors = root.getFieldVectors();
        long rows = 0;
        batch = 0;
        try (ColumnTasks tasks = new ColumnTasks()) {
            while (loadBatch(loader)) {
                try (CompressedBatches.Batch pending = compressed.take()) {
                    int batchRows = pending == null ? root.getRowCount() : pending.rowCount();
                    rows += batchRows;
                    if (rows > MAX_ROWS && sink == null) {
                        throw tooManyRows(rows);
                    }
                    if (pending == null) {
                        tasks.run(columns, (long) batchRows * columns.length,
                                c -> columns[c].append(vectors.get(c), reader));
                    } else {
                        // each column decoded just before it is read, its buffers released right after
                        tasks.run(columns, (long) batchRows * columns.length, c -> {
                            FieldVector vector = vectors.get(c);
                            try {
                                pending.load(c, vector);
                                columns[c].append(vector, reader);
                            } finally {
                                vector.clear();
                            }
                        });
                    }
                }
                batch++;
                if (sink != null && rows >= STREAM_ROWS) {
                    handOn(tasks, columns, fields, rows, expected);
                    rows = 0;
                }
            }
            if (sink != null) {
                if (rows > 0 || streamed == 0) {
                    handOn(tasks, columns, fields, rows, expected);
                }
                return null;
            }
            Column[] built = new Column[columns.length];
            tasks.run(columns, rows * columns.length, c -> built[c] = columns[c].build());
            return Table.of(Arrays.asList(built));
        }
    }

    /** {@link #stream}: the rows gathered so far as a table to the sink, then fresh column readers. */
    private void handOn(ColumnTasks tasks, ArrowColumnReader[] columns, List<Field> fields, long rows, int expected) {
        Column[] built = new Column[columns.length];
        tasks.run(columns, rows * columns.length, c -> built[c] = columns[c].build());
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ArrowColumnReader.forField(fields.get(c), expected);
        }
        streamed += rows;
        sink.accept(Table.of(Arrays.asList(built)));
    }

    /** Work on one column. */
    @FunctionalInterface
    private interface ColumnTask {
        void run(int c);
    }

    /**
     * Runs a task per column on the calling thread and, when the work is large enough, on up to
     * {@link #EXTRA_THREADS} pool threads too; each thread takes the next column not yet taken. The
     * pool is created on first need and shut down by {@link #close()}. A column that fails is
     * recorded and the others still run, so the failure reported is the lowest-numbered column's,
     * the one a sequential loop would have met first; {@link #column} names it. {@link #run} returns
     * only once every thread has finished, so no thread touches a batch's buffers after the reader
     * has moved on or been closed.
     */
    private final class ColumnTasks implements AutoCloseable {
        private ExecutorService pool;

        void run(ArrowColumnReader[] columns, long cells, ColumnTask task) {
            int count = columns.length;
            RuntimeException[] failures = new RuntimeException[count];
            AtomicInteger next = new AtomicInteger();
            Runnable drain = () -> {
                for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                    try {
                        task.run(c);
                    } catch (ArrowColumnReader.ColumnFault | IllegalArgumentException | IllegalStateException
                            | IndexOutOfBoundsException | UnsupportedOperationException | ArithmeticException
                | OutOfMemoryException e) {
                        failures[c] = e;
                    }
                }
            };
            int helpers = cells < PARALLEL_MIN_CELLS ? 0 : Math.min(EXTRA_THREADS, count - 1);
            List<Future<?>> running = new ArrayList<>(helpers);
            try {
                if (helpers > 0 && pool == null) {
                    pool = Executors.newFixedThreadPool(EXTRA_THREADS, DECODE_THREADS);
                }
                for (int t = 0; t < helpers; t++) {
                    running.add(pool.submit(drain));
                }
                drain.run();
            } finally {
                next.set(count); // on failure, stop the helpers taking more columns
                awaitAll(running);
            }
            for (int c = 0; c < count; c++) {
                if (failures[c] != null) {
                    column = columns[c].name;
                    throw failures[c];
                }
            }
        }

        /** Waits for every helper, even when interrupted; rethrows what a helper could not record. */
        private void awaitAll(List<Future<?>> running) {
            Parallelism.awaitAll(running);
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /**
     * Loads the next batch. Arrow's stream reader reports a message other than a batch or a
     * dictionary as an IOException naming the flatbuffer header type; a schema message there means
     * the stream's schema changed, which gets a message a user can act on.
     */
    private boolean loadBatch(BatchLoader loader) throws IOException {
        try {
            return loader.load(batch);
        } catch (ArrowBufferCodecs.BufferFault e) {
            column = e.column();
            throw e;
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            String schemaHeader = UNEXPECTED_HEADER + MessageHeader.Schema;
            if (message.trim().equals(schemaHeader)) {
                throw new UnreadableDatasetException(where() + ": a second schema message follows record batch "
                        + (batch - 1) + "; an Arrow stream has exactly one schema and its batches cannot change it "
                        + "(were two Arrow streams concatenated?)", e);
            }
            throw e;
        }
    }

    private void checkDistinctNames(List<Field> fields) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < fields.size(); c++) {
            String name = fields.get(c).getName();
            Integer earlier = seen.putIfAbsent(name, c);
            if (earlier != null) {
                throw new UnreadableDatasetException(source + ": duplicate column name '" + printable(name)
                        + "' (columns "
                        + earlier + " and " + c + ", 0-based); column names must be unique");
            }
        }
    }

    private UnreadableDatasetException tooManyRows(long rows) {
        return new UnreadableDatasetException(source + ": " + rows + " rows, more than the " + MAX_ROWS
                + " a table can hold");
    }

    /** Turns what Arrow throws on malformed input into our exception, with the position reached. */
    private UnreadableDatasetException failure(Throwable e) {
        if (e instanceof UnreadableDatasetException u) {
            return u;
        }
        return new UnreadableDatasetException(where() + ": " + describe(e), e);
    }

    private String where() {
        StringBuilder at = new StringBuilder(source);
        if (batch >= 0) {
            at.append(", record batch ").append(batch);
        }
        if (column != null) {
            at.append(", column '").append(printable(column)).append('\'');
        }
        return at.toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof ArrowColumnReader.ColumnFault) {
            return message;
        }
        String kind = e instanceof IOException ? "cannot read Arrow data" : "malformed Arrow data";
        return message == null ? kind + " (" + e.getClass().getSimpleName() + ")" : kind + ": " + message;
    }

    /**
     * {@code text} (a column name, a type) as it may appear in a one-line message: control
     * characters written as a backslash, {@code u} and four hex digits, and cut after
     * {@value #MAX_QUOTED_CHARS} characters.
     */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), MAX_QUOTED_CHARS);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > end) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }

    private static String typeOf(Field field) {
        return field.getChildren().isEmpty() ? field.getType().toString()
                : field.getType() + "<" + childTypes(field.getChildren()) + ">";
    }

    private static String childTypes(List<Field> children) {
        StringBuilder out = new StringBuilder();
        for (Field child : children) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(typeOf(child));
        }
        return out.toString();
    }

    private static void readFully(SeekableByteChannel channel, long position, ByteBuffer into) throws IOException {
        channel.position(position);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                break;
            }
        }
    }
}
