package io.driftwatch.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Union;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What an Arrow IPC schema says its record batches and dictionary batches must hold, checked
 * against each batch's metadata before Arrow's reader loads the batch.
 *
 * <p>Arrow Java trusts the metadata of what it reads: it builds the schema from the flatbuffer by
 * recursion and allocates arrays of the lengths written there; it slices a batch's buffers where
 * the metadata says, gives each vector its node's length, allocates a validity bitmap for that
 * length and reallocates any buffer too short for it; and its readers later access those buffers
 * without bounds checks. So every length is checked first, against the bytes that are really
 * there:
 * <ul>
 *   <li>the schema flatbuffer is walked before Arrow converts it: fields nested at most
 *       {@value #MAX_DEPTH} deep, no more vector entries and string bytes than its bytes can
 *       hold (see {@link MetadataBudget}; this also stops a field that lists itself as its own
 *       child), every field named and typed, data little-endian;
 *   <li>a batch is uncompressed or compressed per buffer with LZ4 frames or ZSTD (the codecs
 *       {@link ArrowBufferCodecs} decodes), and has exactly the field nodes and buffers its schema needs;
 *       its row count and every node's length and null count lie between 0 and 2^31 - 1, and a
 *       column's node is as long as the batch;
 *   <li>every buffer lies inside the body, and is long enough for its node: a validity bitmap of
 *       one bit per value (or none, when no value or every value is null), fixed-width values,
 *       offsets (one more than the values), type ids, views;
 *   <li>the body can hold what the batch declares: every value of a column that has a data,
 *       offsets or type buffer takes at least one bit of the body, so buffers that overlap cannot
 *       make a small body declare many rows in many columns;
 *   <li>in a compressed batch, each buffer's 8-byte prefix (its uncompressed length, or -1 for a
 *       buffer stored as is) stands for the buffer's length in the checks above, and may not
 *       declare more than its codec can expand its bytes to ({@link #MAX_LZ4_RATIO},
 *       {@link #MAX_ZSTD_RATIO} times), so a small file cannot make the reader allocate for
 *       rows it does not hold. The decoded length is checked again when the buffer is decoded.
 * </ul>
 * Each fault is an {@link UnreadableDatasetException} naming the source, the batch and the column.
 *
 * <p>The contents of buffers are not looked at here, except that {@link #checkDictionaryBatch}
 * returns where a dictionary's string offsets lie so the caller can check them: Arrow reads those
 * offsets itself when it appends a delta dictionary. The column readers check what they read.
 *
 * <p>Thread-safe: immutable once built.
 */
final class ArrowBatchLayout {
    /** The deepest nesting of fields accepted; Driftwatch reads only top-level columns. */
    static final int MAX_DEPTH = 64;
    private static final long MAX_LENGTH = Integer.MAX_VALUE;
    private static final long[] NO_BUFFERS = {};
    /**
     * The most bytes one byte of an LZ4 frame can decode to: a match's length grows by 255 per
     * extra length byte (with headers, rounded up).
     */
    static final long MAX_LZ4_RATIO = 256;
    /**
     * The most bytes one byte of a Zstandard frame can decode to: an RLE block repeats one byte
     * up to 128 KiB after a 3-byte header.
     */
    static final long MAX_ZSTD_RATIO = 1 << 15;
    /** Bytes of frame header and padding allowed on top of a codec's ratio. */
    private static final long FRAME_SLACK = 1 << 10;

    /** Reads the 8-byte little-endian prefix at a byte offset of the body being checked. */
    @FunctionalInterface
    interface BodyPrefixes {
        long at(long offset) throws java.io.IOException;
    }

    /**
     * One field node of a batch, in depth-first order, and the buffers it must have besides its
     * validity bitmap: {@code bits[j]} bits per value in buffer {@code j}, 0 for variable-length
     * data. With {@code offsets}, buffer 0 holds one offset more than there are values.
     */
    private record Node(String where, boolean column, boolean validity, long[] bits, String[] roles,
            boolean offsets, boolean variadic, boolean nested) {

        int buffers() {
            return (validity ? 1 : 0) + bits.length;
        }

        /** Whether the node is a string or binary vector: offsets followed by the bytes. */
        boolean variableWidth() {
            return offsets && bits.length == 2;
        }

        long minimumBits() {
            long sum = 0;
            for (long b : bits) {
                sum = plus(sum, b);
            }
            return sum;
        }
    }

    /** Where a dictionary batch's string offsets lie in its body, for the caller to check. */
    record Offsets(String where, long position, int values, int width, long dataLength) {
    }

    private final String source;
    private final Node[] batchNodes;
    private final Map<Long, Node[]> dictionaryNodes;

    private ArrowBatchLayout(String source, Schema schema) {
        this.source = source;
        List<Node> nodes = new ArrayList<>();
        for (Field field : schema.getFields()) {
            flatten(field, ", column '" + ArrowReader.printable(field.getName()) + "'", true, nodes);
        }
        this.batchNodes = nodes.toArray(new Node[0]);
        this.dictionaryNodes = new HashMap<>();
        for (Field field : schema.getFields()) {
            defineDictionaries(field, ", column '" + ArrowReader.printable(field.getName()) + "'");
        }
    }

    /**
     * Checks the schema flatbuffer {@code schema}, held in a buffer of {@code bytes} bytes, and
     * converts it with Arrow's own code, which is then safe to run on it again.
     */
    static ArrowBatchLayout of(org.apache.arrow.flatbuf.Schema schema, int bytes, String source) {
        if (schema == null) {
            throw new UnreadableDatasetException(source + ": malformed Arrow metadata: the schema is missing");
        }
        Schema converted;
        try {
            if (schema.endianness() != Endianness.Little) {
                throw new UnreadableDatasetException(source + ": the Arrow data was written big-endian; only "
                        + "little-endian Arrow data can be read");
            }
            MetadataBudget budget = new MetadataBudget(bytes, source, "schema");
            int count = budget.entries(schema.fieldsLength(), "the schema's list of columns");
            for (int i = 0; i < count; i++) {
                walk(schema.fields(i), 1, budget, source, "column " + i);
            }
            budget.keyValues(schema.customMetadataLength(), schema::customMetadata, "the schema's metadata");
            converted = Schema.convertSchema(schema);
        } catch (UnsupportedOperationException e) {
            // Arrow's conversion meeting a type number it does not know
            throw new UnreadableDatasetException(source + ": cannot read the Arrow schema: it uses a type this "
                    + "version of Arrow does not know (" + e.getMessage() + ")", e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // what flatbuffers and Arrow's conversion throw on a damaged schema
            throw new UnreadableDatasetException(source + ": cannot read the Arrow schema: malformed Arrow "
                    + "metadata", e);
        }
        return new ArrowBatchLayout(source, converted);
    }

    /**
     * Checks one field table and its children before Arrow's recursive conversion meets them:
     * what would make that conversion dereference a missing table, allocate an array of a
     * declared length, recurse without end, or visit one part of the schema over and over.
     */
    private static void walk(org.apache.arrow.flatbuf.Field field, int depth, MetadataBudget budget, String source,
            String column) {
        if (field == null || budget.string(field.nameAsByteBuffer(), "a field name") < 0) {
            throw new UnreadableDatasetException(source + ": malformed Arrow schema: " + (depth == 1 ? ""
                    : "a field inside ") + column + " has no name");
        }
        String name = depth == 1 ? column + " ('" + ArrowReader.printable(field.name()) + "')" : column;
        String what = depth == 1 ? name : "field '" + ArrowReader.printable(field.name()) + "' inside " + name;
        if (depth > MAX_DEPTH) {
            throw new UnreadableDatasetException(source + ": malformed Arrow schema: " + name + " nests fields more "
                    + "than " + MAX_DEPTH + " deep");
        }
        byte type = field.typeType();
        if (type != Type.NONE && field.type(new org.apache.arrow.flatbuf.Null()) == null) {
            throw new UnreadableDatasetException(source + ": malformed Arrow schema: " + what + " has type number "
                    + type + " but no type description");
        }
        if (type == Type.Union) {
            Union union = (Union) field.type(new Union());
            budget.entries(union.typeIdsLength(), "the list of type ids of " + what);
        }
        if (type == Type.FixedSizeBinary) {
            // Arrow Java divides by the width when it makes the vector, before any batch is read
            int width = ((org.apache.arrow.flatbuf.FixedSizeBinary) field.type(
                    new org.apache.arrow.flatbuf.FixedSizeBinary())).byteWidth();
            if (width <= 0) {
                throw new UnreadableDatasetException(source + ": malformed Arrow schema: " + what
                        + " is a fixed-size binary of " + width + " bytes");
            }
        }
        budget.keyValues(field.customMetadataLength(), field::customMetadata, "the metadata of " + what);
        int children = budget.entries(field.childrenLength(), "the list of children of " + what);
        for (int i = 0; i < children; i++) {
            walk(field.children(i), depth + 1, budget, source, name);
        }
    }

    /**
     * What a flatbuffer of {@code bytes} bytes can honestly hold: vectors whose entries add up to
     * at most {@code bytes / 4} (an entry takes at least 4 bytes) and strings whose lengths add up
     * to at most {@code bytes}. A vector or string that several offsets share is counted each time
     * it is met, as Arrow's conversion would decode it each time: a damaged or hostile flatbuffer
     * cannot make that conversion do more work than its size allows.
     *
     * <p>Not thread-safe: one per flatbuffer walked.
     */
    static final class MetadataBudget {
        private final int bytes;
        private final String source;
        private final String what;
        private long entries;
        private long stringBytes;

        MetadataBudget(int bytes, String source, String what) {
            this.bytes = bytes;
            this.source = source;
            this.what = what;
            this.entries = bytes / 4;
            this.stringBytes = bytes;
        }

        /** Spends {@code length} vector entries and returns it; fails past the budget. */
        int entries(int length, String vector) {
            if (length < 0 || length > entries) {
                throw new UnreadableDatasetException(source + ": malformed Arrow " + what + ": " + vector + " has "
                        + length + " entries, more than the " + bytes + " bytes of the " + what + " can hold (is a "
                        + "part of it listed more than once, or does a field contain itself?)");
            }
            entries -= length;
            return length;
        }

        /** Spends a string's bytes and returns its length, or -1 for no string. */
        int string(ByteBuffer utf8, String string) {
            if (utf8 == null) {
                return -1;
            }
            int length = utf8.remaining();
            if (length > stringBytes) {
                throw new UnreadableDatasetException(source + ": malformed Arrow " + what + ": its strings add up "
                        + "to more than its " + bytes + " bytes (is " + string + " listed more than once?)");
            }
            stringBytes -= length;
            return length;
        }

        /** Spends a key-value metadata vector: its entries and each key and value. */
        void keyValues(int length, IntFunction<KeyValue> entry,
                String vector) {
            int count = entries(length, vector);
            for (int i = 0; i < count; i++) {
                KeyValue keyValue = entry.apply(i);
                string(keyValue.keyAsByteBuffer(), "a metadata key");
                string(keyValue.valueAsByteBuffer(), "a metadata value");
            }
        }
    }

    /** How many dictionaries the schema's fields use (distinct ids). */
    int dictionaryCount() {
        return dictionaryNodes.size();
    }

    // ------------------------------------------------------------------ nodes of each field type

    /** Appends the record-batch nodes of {@code field}: a dictionary-encoded field has one, of its indices. */
    private void flatten(Field field, String where, boolean column, List<Node> out) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            int width = encoding.getIndexType().getBitWidth();
            if (width != 8 && width != 16 && width != 32 && width != 64) {
                throw malformedSchema(where, "its dictionary indices are integers of " + width + " bits");
            }
            out.add(fixed(where, column, width, false));
            return;
        }
        valueNodes(field, where, column, out);
    }

    /** Appends the nodes of {@code field}'s values and children, as a dictionary batch holds them. */
    private void valueNodes(Field field, String where, boolean column, List<Node> out) {
        out.add(node(field.getType(), where, column, !field.getChildren().isEmpty()));
        for (Field child : field.getChildren()) {
            flatten(child, where + ", child field '" + ArrowReader.printable(child.getName()) + "'", false, out);
        }
    }

    /**
     * Records the dictionary nodes of every dictionary {@code field} and its children define. As
     * in Arrow's reader, a child's dictionary is defined before its parent's, and the first field
     * with an id defines it.
     */
    private void defineDictionaries(Field field, String where) {
        for (Field child : field.getChildren()) {
            defineDictionaries(child, where + ", child field '" + ArrowReader.printable(child.getName()) + "'");
        }
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null && !dictionaryNodes.containsKey(encoding.getId())) {
            List<Node> nodes = new ArrayList<>();
            valueNodes(field, where, true, nodes);
            dictionaryNodes.put(encoding.getId(), nodes.toArray(new Node[0]));
        }
    }

    private Node node(ArrowType type, String where, boolean column, boolean nested) {
        switch (type.getTypeID()) {
            case Null:
            case RunEndEncoded:
                return new Node(where, column, false, NO_BUFFERS, new String[0], false, false, nested);
            case Struct:
            case FixedSizeList:
                return new Node(where, column, true, NO_BUFFERS, new String[0], false, false, nested);
            case Int:
                int width = ((ArrowType.Int) type).getBitWidth();
                if (width != 8 && width != 16 && width != 32 && width != 64) {
                    throw malformedSchema(where, "it is an integer of " + width + " bits");
                }
                return fixed(where, column, width, nested);
            case FloatingPoint:
                switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                    case HALF:
                        return fixed(where, column, 16, nested);
                    case SINGLE:
                        return fixed(where, column, 32, nested);
                    default:
                        return fixed(where, column, 64, nested);
                }
            case Decimal:
                return fixed(where, column, ((ArrowType.Decimal) type).getBitWidth(), nested);
            case Date:
            case Time:
            case Timestamp:
            case Duration:
            case Interval:
            case FixedSizeBinary:
                return fixed(where, column, fixedBits(type, where), nested);
            case Bool:
                return fixed(where, column, 1, nested);
            case Utf8:
            case Binary:
                return new Node(where, column, true, new long[] {32, 0}, new String[] {"offsets", "data"}, true, false,
                        nested);
            case LargeUtf8:
            case LargeBinary:
                return new Node(where, column, true, new long[] {64, 0}, new String[] {"offsets", "data"}, true, false,
                        nested);
            case List:
            case Map:
                return new Node(where, column, true, new long[] {32}, new String[] {"offsets"}, true, false, nested);
            case LargeList:
                return new Node(where, column, true, new long[] {64}, new String[] {"offsets"}, true, false, nested);
            case ListView:
                return new Node(where, column, true, new long[] {32, 32}, new String[] {"offsets", "sizes"}, false,
                        false, nested);
            case LargeListView:
                return new Node(where, column, true, new long[] {64, 64}, new String[] {"offsets", "sizes"}, false,
                        false, nested);
            case Union:
                return ((ArrowType.Union) type).getMode() == UnionMode.Dense
                        ? new Node(where, column, false, new long[] {8, 32}, new String[] {"type ids", "offsets"},
                                false, false, nested)
                        : new Node(where, column, false, new long[] {8}, new String[] {"type ids"}, false, false,
                                nested);
            case Utf8View:
            case BinaryView:
                return new Node(where, column, true, new long[] {128}, new String[] {"views"}, false, true, nested);
            default:
                // a type this version of the format does not have: keep the buffers aligned, check nothing
                int count = TypeLayout.getTypeBufferCount(type);
                return new Node(where, column, false, new long[count], new String[count], false, false, true);
        }
    }

    /** The bits per value of the fixed-width types whose width is not their own parameter. */
    private long fixedBits(ArrowType type, String where) {
        switch (type.getTypeID()) {
            case Date:
                return ((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? 32 : 64;
            case Time:
                int width = ((ArrowType.Time) type).getBitWidth();
                if (width != 32 && width != 64) {
                    throw malformedSchema(where, "it is a time of day of " + width + " bits");
                }
                return width;
            case Interval:
                switch (((ArrowType.Interval) type).getUnit()) {
                    case YEAR_MONTH:
                        return 32;
                    case DAY_TIME:
                        return 64;
                    default:
                        return 128;
                }
            case FixedSizeBinary:
                int byteWidth = ((ArrowType.FixedSizeBinary) type).getByteWidth();
                if (byteWidth < 0) {
                    throw malformedSchema(where, "it is a fixed-size binary of " + byteWidth + " bytes");
                }
                return 8L * byteWidth;
            default:
                return 64;
        }
    }

    private static Node fixed(String where, boolean column, long bits, boolean nested) {
        return new Node(where, column, true, new long[] {bits}, new String[] {"data"}, false, false, nested);
    }

    private UnreadableDatasetException malformedSchema(String where, String detail) {
        return new UnreadableDatasetException(source + where + ": malformed Arrow schema: " + detail);
    }

    // ------------------------------------------------------------------ batches

    /**
     * Checks record batch {@code k}, whose body has {@code body} bytes; {@code prefixes} reads the
     * length prefixes of a compressed batch's buffers.
     */
    void checkRecordBatch(RecordBatch batch, long body, int k, BodyPrefixes prefixes) throws java.io.IOException {
        String at = source + ", record batch " + k;
        if (batch == null) {
            throw new UnreadableDatasetException(at + ": malformed Arrow metadata: the record batch header is "
                    + "missing");
        }
        long ratio = compressionRatio(batch, source + ": record batch " + k);
        check(batch, body, batchNodes, at, null, ratio, prefixes);
    }

    /**
     * Checks dictionary batch {@code d}, whose body has {@code body} bytes, and returns where its
     * string offsets lie in the body.
     */
    List<Offsets> checkDictionaryBatch(DictionaryBatch batch, long body, int d, BodyPrefixes prefixes)
            throws java.io.IOException {
        String at = source + ", dictionary batch " + d;
        if (batch == null) {
            throw new UnreadableDatasetException(at + ": malformed Arrow metadata: the dictionary batch header is "
                    + "missing");
        }
        long id = batch.id();
        Node[] nodes = dictionaryNodes.get(id);
        if (nodes == null) {
            throw new UnreadableDatasetException(at + ": it holds dictionary " + id + ", which no column of the "
                    + "schema uses");
        }
        RecordBatch data = batch.data();
        if (data == null) {
            throw new UnreadableDatasetException(at + ": malformed Arrow metadata: the dictionary's values are "
                    + "missing");
        }
        long ratio = compressionRatio(data, source + ": dictionary batch " + d);
        if (batch.isDelta() && (nodes[0].nested || nodes[0].variadic)) {
            throw new UnreadableDatasetException(at + nodes[0].where + ": a delta dictionary of nested values "
                    + "cannot be read; only dictionaries of strings are read");
        }
        if (batch.isDelta() && ratio > 0) {
            // Arrow appends a delta by reading its offsets, which are compressed and so cannot be checked first
            throw new UnreadableDatasetException(at + nodes[0].where + ": a compressed delta dictionary cannot be "
                    + "read; write the dictionary whole, or the data uncompressed");
        }
        List<Offsets> offsets = new ArrayList<>();
        check(data, body, nodes, at, ratio > 0 ? null : offsets, ratio, prefixes);
        return offsets;
    }

    /**
     * How many bytes a byte of the batch's compressed buffers may decode to, or 0 for an
     * uncompressed batch; fails for a codec or method that cannot be read.
     */
    private static long compressionRatio(RecordBatch batch, String what) {
        BodyCompression compression = batch.compression();
        if (compression == null) {
            return 0;
        }
        byte codec = compression.codec();
        if (compression.method() != org.apache.arrow.flatbuf.BodyCompressionMethod.BUFFER) {
            throw new UnreadableDatasetException(what + " uses the compression method " + compression.method()
                    + "; only per-buffer compression (BUFFER), as Arrow writers use, can be read");
        }
        switch (codec) {
            case CompressionType.LZ4_FRAME:
                return MAX_LZ4_RATIO;
            case CompressionType.ZSTD:
                return MAX_ZSTD_RATIO;
            default:
                throw new UnreadableDatasetException(what + " uses an unknown compression codec (" + codec
                        + "); LZ4_FRAME and ZSTD can be read");
        }
    }

    private void check(RecordBatch batch, long body, Node[] nodes, String at, List<Offsets> offsets, long ratio,
            BodyPrefixes prefixes) throws java.io.IOException {
        long rows = batch.length();
        if (rows < 0 || rows > MAX_LENGTH) {
            throw new UnreadableDatasetException(at + ": declares " + rows + " rows; a record batch holds 0 to "
                    + MAX_LENGTH);
        }
        int nodeCount = batch.nodesLength();
        if (nodeCount != nodes.length) {
            throw new UnreadableDatasetException(at + ": malformed Arrow metadata: " + nodeCount + " field nodes, "
                    + "but the schema has " + nodes.length + " columns and child fields");
        }
        int views = 0;
        long bufferCount = 0;
        for (Node node : nodes) {
            bufferCount += node.buffers();
            if (node.variadic) {
                long extra = views < batch.variadicBufferCountsLength() ? batch.variadicBufferCounts(views) : -1;
                if (extra < 0 || extra > batch.buffersLength()) {
                    throw new UnreadableDatasetException(at + node.where + ": malformed Arrow metadata: the count "
                            + "of its data buffers is missing or wrong");
                }
                bufferCount += extra;
                views++;
            }
        }
        if (batch.variadicBufferCountsLength() != views || batch.buffersLength() != bufferCount) {
            throw new UnreadableDatasetException(at + ": malformed Arrow metadata: " + batch.buffersLength()
                    + " buffers, but the schema's columns and child fields have " + bufferCount);
        }
        FieldNode fieldNode = new FieldNode();
        Buffer buffer = new Buffer();
        int b = 0;
        int v = 0;
        long neededBits = 0;
        long declared = 0;
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            String where = at + node.where;
            batch.nodes(fieldNode, i);
            long n = fieldNode.length();
            long nulls = fieldNode.nullCount();
            if (n < 0 || n > MAX_LENGTH || nulls < 0 || nulls > n) {
                throw new UnreadableDatasetException(where + ": malformed Arrow metadata: " + n + " values of which "
                        + nulls + " are null");
            }
            if (node.column && n != rows) {
                throw new UnreadableDatasetException(where + ": has " + n + " values but the batch has " + rows
                        + " rows");
            }
            if (node.validity) {
                long length = length(batch, buffer, b++, body, where, "validity bitmap", ratio, prefixes);
                if (length == 0 && nulls != 0 && nulls != n) {
                    throw new UnreadableDatasetException(where + ": " + nulls + " of its " + n + " values are null "
                            + "but it has no validity bitmap");
                }
                declared = plus(declared, length);
                long need = bytesFor(n, 1);
                if (length != 0 && length < need) {
                    throw new UnreadableDatasetException(where + ": its validity bitmap has " + bytes(length)
                            + " but " + n + " values need " + need);
                }
            }
            for (int j = 0; j < node.bits.length; j++) {
                long length = length(batch, buffer, b, body, where, node.roles[j] + " buffer", ratio, prefixes);
                long position = buffer.offset();
                b++;
                declared = plus(declared, length);
                long need = j == 0 && node.offsets ? (n == 0 ? 0 : bytesFor(n + 1, node.bits[j]))
                        : bytesFor(n, node.bits[j]);
                if (length < need) {
                    throw new UnreadableDatasetException(where + ": its " + node.roles[j] + " buffer has "
                            + bytes(length) + " but " + n + " values need " + need);
                }
                if (offsets != null && j == 0 && node.variableWidth() && n > 0) {
                    long dataLength = buffer(batch, buffer, b, body, where, node.roles[1] + " buffer");
                    offsets.add(new Offsets(where, position, (int) n, (int) (node.bits[0] / 8), dataLength));
                }
            }
            if (node.variadic) {
                long extra = batch.variadicBufferCounts(v++);
                for (long x = 0; x < extra; x++) {
                    declared = plus(declared, length(batch, buffer, b++, body, where, "data buffer", ratio,
                            prefixes));
                }
            }
            neededBits = plus(neededBits, times(n, node.minimumBits()));
        }
        if (ratio == 0 && neededBits > times(body, 8)) {
            throw new UnreadableDatasetException(at + ": declares " + rows + " rows, whose values need at least "
                    + bytesFor(neededBits, 1) + " bytes, but its body has only " + body);
        }
        if (ratio > 0 && neededBits > times(declared, 8)) {
            throw new UnreadableDatasetException(at + ": declares " + rows + " rows, whose values need at least "
                    + bytesFor(neededBits, 1) + " bytes, but its buffers decompress to only " + declared);
        }
    }

    /**
     * The length of buffer {@code index} once decoded: its stored length in an uncompressed batch
     * ({@code ratio} 0), else what its prefix declares, checked against what {@code ratio} allows.
     */
    private static long length(RecordBatch batch, Buffer into, int index, long body, String where, String role,
            long ratio, BodyPrefixes prefixes) throws java.io.IOException {
        long stored = buffer(batch, into, index, body, where, role);
        if (ratio == 0 || stored == 0) {
            return stored;
        }
        long prefix = org.apache.arrow.vector.compression.CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;
        if (stored < prefix) {
            throw new UnreadableDatasetException(where + ": its compressed " + role + " has " + bytes(stored)
                    + ", too few for the 8-byte uncompressed length that starts it");
        }
        long declared = prefixes.at(into.offset());
        if (declared == org.apache.arrow.vector.compression.CompressionUtil.NO_COMPRESSION_LENGTH) {
            return stored - prefix;
        }
        long most = plus(times(stored - prefix, ratio), FRAME_SLACK);
        if (declared < 0 || declared > MAX_LENGTH || declared > most) {
            throw new UnreadableDatasetException(where + ": its compressed " + role + " of " + bytes(stored)
                    + " declares an uncompressed length of " + declared + " bytes, "
                    + (declared < 0 || declared > MAX_LENGTH ? "outside 0 to " + MAX_LENGTH
                            : "more than its codec can expand it to (" + most + ")"));
        }
        return declared;
    }

    /** Buffer {@code index} of {@code batch}, read into {@code into}; fails unless it lies inside the body. */
    private static long buffer(RecordBatch batch, Buffer into, int index, long body, String where, String role) {
        batch.buffers(into, index);
        long offset = into.offset();
        long length = into.length();
        if (offset < 0 || length < 0 || offset > body || length > body - offset) {
            throw new UnreadableDatasetException(where + ": its " + role + " lies at byte offset " + offset + " with "
                    + length + " bytes, outside the " + body + "-byte body of the batch");
        }
        return length;
    }

    /** "1 byte", "8 bytes". */
    private static String bytes(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    /** The bytes {@code n} values of {@code bits} bits take, saturating at {@code Long.MAX_VALUE}. */
    private static long bytesFor(long n, long bits) {
        long total = times(n, bits);
        return total == Long.MAX_VALUE ? total : (total + 7) >>> 3;
    }

    /** {@code a × b} for non-negative operands, saturating at {@code Long.MAX_VALUE}. */
    static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** {@code a + b} for non-negative operands, saturating at {@code Long.MAX_VALUE}. */
    static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
