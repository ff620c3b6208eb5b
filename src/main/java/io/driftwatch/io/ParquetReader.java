package io.driftwatch.io;

import io.driftwatch.data.Parallelism;
import io.driftwatch.data.Column;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
import org.apache.parquet.VersionParser;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import shaded.parquet.org.apache.thrift.TException;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads an Apache Parquet file ({@code PAR1} at both ends) into a {@link Table}: flat schemas of
 * numbers, booleans, strings (plain or dictionary-encoded), dates and timestamps, mapped as
 * {@link ParquetColumnType} says (the same table as the CSV or Arrow file of the same data). A
 * nested column (a struct, list or map, or a repeated field) is refused with a message naming every
 * one; so is a column of another type, naming it and its type.
 *
 * <p>The footer is parsed with parquet-format's Thrift structures; each column chunk's pages are
 * decompressed by {@link ParquetPages} and decoded by parquet-column's readers, into the columnar
 * storage by {@link ParquetColumnReader}. No Hadoop class is involved (parquet-hadoop's reader needs
 * Hadoop's {@code Configuration} and input formats at run time; see docs/formats.md).
 *
 * <p><b>Parallelism.</b> Columns are independent: each is read, row group after row group, by one of
 * the calling thread and up to three pool threads (fewer on a machine with fewer cores) that take
 * the next column not yet taken. A file read from a path is memory-mapped one column chunk at a time
 * (so files over 2 GiB are read, as long as no column chunk is larger).
 *
 * <p>Every failure is an {@link UnreadableDatasetException} naming the source and, where known, the
 * row group (0-based) and the column: a file that is not Parquet or is truncated, a malformed
 * footer or page, an encrypted file, a codec that cannot be read, a value that is not UTF-8. When
 * several columns fail, the lowest-numbered one is reported, as a sequential read would.
 *
 * <p>Thread-safe: stateless; every call uses its own threads.
 */
public final class ParquetReader {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] ENCRYPTED_MAGIC = {'P', 'A', 'R', 'E'};
    private static final int MAX_ROWS = Integer.MAX_VALUE - 16;
    private static final int MAX_BUFFERED_BYTES = Integer.MAX_VALUE - 8;
    private static final int EXTRA_THREADS = Math.max(0, Math.min(Runtime.getRuntime().availableProcessors(), 4) - 1);
    /** Rows below which a file is read on the calling thread alone. */
    private static final long PARALLEL_MIN_CELLS = 1L << 16;
    private static final ThreadFactory THREADS = task -> {
        Thread thread = new Thread(task, "parquet-column-reader");
        thread.setDaemon(true);
        return thread;
    };

    /** Where a column chunk's bytes come from: a mapping of part of a file, or a slice of an array. */
    @FunctionalInterface
    private interface Bytes {
        ByteBuffer slice(long offset, int length) throws IOException;
    }

    private final String source;

    private ParquetReader(String source) {
        this.source = source;
    }

    /**
     * Reads the Parquet file at {@code path}.
     *
     * @throws UnreadableDatasetException when the file is missing, unreadable, not Parquet, truncated
     *     or malformed, or holds a nested column or a type the columnar model cannot take
     */
    public static Table read(Path path) {
        ParquetReader reader = new ParquetReader(path.toString());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            return reader.read(size, (offset, length) -> {
                if (length == 0) {
                    return ByteBuffer.allocate(0);
                }
                return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
            });
        } catch (NoSuchFileException e) {
            throw new UnreadableDatasetException(path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDatasetException(path + ": permission denied", e);
        } catch (IOException e) {
            throw new UnreadableDatasetException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a Parquet file from {@code in}, which is read to the end but not closed; the data is
     * held in memory (at most 2 GiB), as a Parquet file is read from its end.
     *
     * @param sourceName names the data in error messages (a file name, an upload id)
     */
    public static Table read(InputStream in, String sourceName) {
        ParquetReader reader = new ParquetReader(sourceName);
        try {
            byte[] all = in.readNBytes(MAX_BUFFERED_BYTES);
            if (all.length == MAX_BUFFERED_BYTES && in.read() != -1) {
                throw new UnreadableDatasetException(sourceName + ": more than " + MAX_BUFFERED_BYTES + " bytes of "
                        + "Parquet data in one stream; save it to a file and read the file instead");
            }
            return reader.read(all.length, (offset, length) -> ByteBuffer.wrap(all, (int) offset, length).slice());
        } catch (IOException e) {
            throw new UnreadableDatasetException(sourceName + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** One flat column: where it sits in the schema and in each row group. */
    private record Leaf(String name, int index, SchemaElement element, ParquetColumnType type) {
    }

    private Table read(long size, Bytes bytes) throws IOException {
        if (size < 12) {
            throw new UnreadableDatasetException(source + ": not a Parquet file: " + (size == 0 ? "it is empty"
                    : "only " + size + " bytes, fewer than a Parquet file's 12 bytes of framing"));
        }
        ByteBuffer head = bytes.slice(0, 4);
        ByteBuffer tail = bytes.slice(size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        if (!magicAt(head, 0, MAGIC)) {
            throw new UnreadableDatasetException(source + ": not a Parquet file: it does not start with 'PAR1'");
        }
        if (magicAt(tail, 4, ENCRYPTED_MAGIC)) {
            throw new UnreadableDatasetException(source + ": the Parquet file is encrypted (its footer ends with "
                    + "'PARE'); encrypted Parquet cannot be read");
        }
        if (!magicAt(tail, 4, MAGIC)) {
            throw new UnreadableDatasetException(source + ": truncated Parquet file: it starts with 'PAR1' but does "
                    + "not end with it, so the footer that describes its columns is missing");
        }
        int footerLength = tail.getInt(0);
        if (footerLength <= 0 || footerLength > size - 12) {
            throw new UnreadableDatasetException(source + ": damaged Parquet file: its footer length says "
                    + footerLength + " bytes, but the footer must lie within the " + size + "-byte file");
        }
        long footerStart = size - 8 - footerLength;
        FileMetaData footer = footer(bytes.slice(footerStart, footerLength));
        List<Leaf> leaves = leaves(footer);
        List<RowGroup> groups = footer.isSetRow_groups() ? footer.getRow_groups() : List.of();
        long rows = 0;
        for (int g = 0; g < groups.size(); g++) {
            RowGroup group = groups.get(g);
            if (group.getNum_rows() < 0 || group.getColumnsSize() != leaves.size()) {
                throw new UnreadableDatasetException(source + ", row group " + g + ": malformed Parquet footer: "
                        + group.getColumnsSize() + " column chunks and " + group.getNum_rows() + " rows for "
                        + leaves.size() + " columns");
            }
            rows += group.getNum_rows();
            if (rows > MAX_ROWS) {
                throw new UnreadableDatasetException(source + ": more than " + MAX_ROWS + " rows, more than a table "
                        + "can hold");
            }
        }
        VersionParser.ParsedVersion writer = writer(footer);
        ParquetColumnReader[] columns = new ParquetColumnReader[leaves.size()];
        // the storage grows if the row groups hold more rows than this; a small file cannot make it allocate much
        int expected = (int) Math.min(rows, Math.min(MAX_ROWS, 64L * size + 1024));
        for (int c = 0; c < columns.length; c++) {
            Leaf leaf = leaves.get(c);
            SchemaElement e = leaf.element();
            PrimitiveType.PrimitiveTypeName primitive = e.getType() == org.apache.parquet.format.Type.BYTE_ARRAY
                    ? PrimitiveType.PrimitiveTypeName.BINARY : PrimitiveType.PrimitiveTypeName.valueOf(e.getType().name());
            boolean optional = !e.isSetRepetition_type() || e.getRepetition_type() != FieldRepetitionType.REQUIRED;
            int scale = e.isSetLogicalType() && e.getLogicalType().isSetDECIMAL()
                    ? e.getLogicalType().getDECIMAL().getScale() : e.isSetScale() ? e.getScale() : 0;
            columns[c] = new ParquetColumnReader(leaf.name(), leaf.type(),
                    ParquetColumnReader.descriptor(leaf.name(), primitive, e.isSetType_length() ? e.getType_length() : 0,
                            optional), scale, writer, expected);
        }
        long dataEnd = footerStart;
        RuntimeException[] failures = new RuntimeException[columns.length];
        String[] failedGroup = new String[columns.length];
        ColumnTask task = c -> {
            int g = 0;
            try {
                for (; g < groups.size(); g++) {
                    RowGroup group = groups.get(g);
                    ColumnChunk chunk = group.getColumns().get(leaves.get(c).index());
                    columns[c].append(pages(chunk, bytes, dataEnd, group.getNum_rows()), group.getNum_rows());
                }
            } catch (ParquetPages.ParquetFault | UnreadableDatasetException e) {
                failures[c] = e;
                failedGroup[c] = ", row group " + g;
            } catch (IOException e) {
                failures[c] = new ParquetPages.ParquetFault("cannot be read: " + e.getMessage(), e);
                failedGroup[c] = ", row group " + g;
            }
        };
        runAll(columns.length, rows * columns.length, task);
        for (int c = 0; c < columns.length; c++) {
            if (failures[c] != null) {
                if (failures[c] instanceof UnreadableDatasetException u) {
                    throw u;
                }
                throw new UnreadableDatasetException(source + failedGroup[c] + ", column '"
                        + ArrowReader.printable(columns[c].name) + "': " + failures[c].getMessage(), failures[c]);
            }
        }
        Column[] built = new Column[columns.length];
        for (int c = 0; c < columns.length; c++) {
            built[c] = columns[c].build();
        }
        return Table.of(Arrays.asList(built));
    }

    private static boolean magicAt(ByteBuffer buffer, int at, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (buffer.get(buffer.position() + at + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private FileMetaData footer(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        try {
            return ParquetThrift.footer(new ByteArrayInputStream(copy), copy.length);
        } catch (TException | RuntimeException e) {
            throw new UnreadableDatasetException(source + ": malformed Parquet footer (" + ParquetThrift.problem(e)
                    + ")", e);
        }
    }

    private static VersionParser.ParsedVersion writer(FileMetaData footer) {
        if (!footer.isSetCreated_by()) {
            return null;
        }
        try {
            return VersionParser.parse(footer.getCreated_by());
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null; // only used to work around old writers' faults; an unknown writer has none
        }
    }

    /**
     * The flat columns of the schema, in order; fails naming every nested column, then the first
     * column of a type that cannot be read.
     */
    private List<Leaf> leaves(FileMetaData footer) {
        List<SchemaElement> schema = footer.getSchema();
        if (schema == null || schema.isEmpty()) {
            throw new UnreadableDatasetException(source + ": malformed Parquet footer: no schema");
        }
        int children = schema.get(0).isSetNum_children() ? schema.get(0).getNum_children() : 0;
        List<Leaf> leaves = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        int i = 1;
        int leafIndex = 0;
        for (int k = 0; k < children; k++) {
            if (i >= schema.size()) {
                throw new UnreadableDatasetException(source + ": malformed Parquet footer: the schema declares "
                        + children + " columns but lists fewer");
            }
            SchemaElement element = schema.get(i);
            String name = element.getName();
            int subtree = subtreeEnd(schema, i);
            int leavesInside = subtree == i + 1 ? 1 : countLeaves(schema, i, subtree);
            boolean group = element.isSetNum_children() && element.getNum_children() > 0;
            if (group || element.getRepetition_type() == FieldRepetitionType.REPEATED) {
                nested.add("'" + ArrowReader.printable(name) + "' (" + kind(element, group) + ")");
            } else {
                leaves.add(new Leaf(name, leafIndex, element, null));
            }
            leafIndex += leavesInside;
            i = subtree;
        }
        if (!nested.isEmpty()) {
            throw new UnreadableDatasetException(source + ": nested columns cannot be read: "
                    + String.join(", ", nested) + "; Driftwatch reads flat columns of numbers, booleans, strings, "
                    + "dates and timestamps (flatten or drop them before writing, e.g. pandas.json_normalize)");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Leaf> typed = new ArrayList<>(leaves.size());
        for (int c = 0; c < leaves.size(); c++) {
            Leaf leaf = leaves.get(c);
            Integer earlier = seen.putIfAbsent(leaf.name(), c);
            if (earlier != null) {
                throw new UnreadableDatasetException(source + ": duplicate column name '"
                        + ArrowReader.printable(leaf.name()) + "' (columns " + earlier + " and " + c
                        + ", 0-based); column names must be unique");
            }
            try {
                typed.add(new Leaf(leaf.name(), leaf.index(), leaf.element(), ParquetColumnType.of(leaf.element())));
            } catch (ParquetColumnType.UnsupportedParquetTypeException e) {
                throw new UnreadableDatasetException(source + ", column '" + ArrowReader.printable(leaf.name())
                        + "': unsupported Parquet type " + e.getMessage() + "; only numbers, booleans, strings, "
                        + "dates and timestamps can be read", e);
            }
        }
        return typed;
    }

    /** The index just past the subtree of schema element {@code i}. */
    private int subtreeEnd(List<SchemaElement> schema, int i) {
        int end = i + 1;
        int children = schema.get(i).isSetNum_children() ? schema.get(i).getNum_children() : 0;
        if (children < 0 || children > schema.size()) {
            throw new UnreadableDatasetException(source + ": malformed Parquet footer: a schema element declares "
                    + children + " children");
        }
        for (int k = 0; k < children; k++) {
            if (end >= schema.size()) {
                throw new UnreadableDatasetException(source + ": malformed Parquet footer: the schema ends inside "
                        + "column '" + ArrowReader.printable(schema.get(i).getName()) + "'");
            }
            end = subtreeEnd(schema, end);
        }
        return end;
    }

    private static int countLeaves(List<SchemaElement> schema, int from, int to) {
        int count = 0;
        for (int j = from; j < to; j++) {
            SchemaElement e = schema.get(j);
            if (!e.isSetNum_children() || e.getNum_children() == 0) {
                count++;
            }
        }
        return count;
    }

    private static String kind(SchemaElement element, boolean group) {
        if (!group) {
            return "repeated " + ParquetColumnType.describe(element);
        }
        boolean list = element.isSetLogicalType() && element.getLogicalType().isSetLIST()
                || element.getConverted_type() == ConvertedType.LIST;
        boolean map = element.isSetLogicalType() && element.getLogicalType().isSetMAP()
                || element.getConverted_type() == ConvertedType.MAP
                || element.getConverted_type() == ConvertedType.MAP_KEY_VALUE;
        return list ? "list" : map ? "map" : "struct";
    }

    /** The pages of {@code chunk}, checked to lie inside the data before the footer. */
    private ParquetPages pages(ColumnChunk chunk, Bytes bytes, long dataEnd, long rows) throws IOException {
        if (chunk.isSetFile_path()) {
            throw new ParquetPages.ParquetFault("its data is in another file ('"
                    + ArrowReader.printable(chunk.getFile_path()) + "'); only self-contained Parquet files are read");
        }
        if (!chunk.isSetMeta_data()) {
            throw new ParquetPages.ParquetFault("malformed Parquet footer: the column chunk has no metadata (an "
                    + "encrypted column?)");
        }
        ColumnMetaData meta = chunk.getMeta_data();
        long start = meta.getData_page_offset();
        if (meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                && meta.getDictionary_page_offset() < start) {
            start = meta.getDictionary_page_offset();
        }
        long length = meta.getTotal_compressed_size();
        if (start < MAGIC.length || length < 0 || length > dataEnd - start || length > Integer.MAX_VALUE) {
            throw new ParquetPages.ParquetFault("its column chunk lies at byte " + start + " with " + length
                    + " bytes, outside the " + dataEnd + " bytes before the footer (is the file truncated?)");
        }
        if (meta.getNum_values() != rows) {
            throw new ParquetPages.ParquetFault("its column chunk holds " + meta.getNum_values() + " values but the "
                    + "row group has " + rows + " rows");
        }
        return new ParquetPages(bytes.slice(start, (int) length), meta.getCodec(), meta.getNum_values());
    }

    /** Work on one column. */
    @FunctionalInterface
    private interface ColumnTask {
        void run(int c);
    }

    /**
     * Runs {@code task} for every column on the calling thread and, for enough work, up to
     * {@link #EXTRA_THREADS} pool threads, each taking the next column not yet taken; returns once
     * all have finished. A task records its own failure.
     */
    private static void runAll(int count, long cells, ColumnTask task) {
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                task.run(c);
            }
        };
        int helpers = cells < PARALLEL_MIN_CELLS ? 0 : Math.min(EXTRA_THREADS, count - 1);
        if (helpers <= 0) {
            drain.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(helpers, THREADS);
        List<Future<?>> running = new ArrayList<>(helpers);
        try {
            for (int t = 0; t < helpers; t++) {
                running.add(pool.submit(drain));
            }
            drain.run();
        } finally {
            next.set(count);
            try {
                Parallelism.awaitAll(running);
            } finally {
                pool.shutdown();
            }
        }
    }
}
