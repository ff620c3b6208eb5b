package io.driftwatch.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The compressed record batches of one read, decoded one column at a time. Arrow's loader decodes a
 * whole batch before any column is read: for a batch of a million rows that is hundreds of
 * megabytes of freshly allocated buffers, and first touching fresh memory costs about as much as
 * decoding into it. Here a reader {@linkplain #accept keeps} a compressed batch as it is; then
 * each column is {@linkplain Batch#load decoded} on the thread that reads it, just before it is
 * read, and its buffers are released right after (the caller clears the vector), so the next
 * column decodes into memory the allocator has just been given back. Uncompressed batches load as
 * Arrow loads them.
 *
 * <p>Thread-safe in the way {@link ArrowReader} uses it: one thread {@linkplain #accept accepts}
 * and {@linkplain #take takes} batches; the columns of a taken batch are loaded by several threads
 * at once, each column by one; codecs are lent to one thread at a time.
 */
final class CompressedBatches implements AutoCloseable {
    private final Queue<CompressionCodec> idle = new ConcurrentLinkedQueue<>();
    private Batch pending;

    /**
     * Keeps {@code batch} for {@link #take} when it is compressed (it is then this object's to
     * close), or hands it to {@code loadWhole} (Arrow's loader, which closes it) when it is not.
     *
     * @param fields the schema's top-level fields, in order
     * @throws IllegalArgumentException when the batch's field nodes or buffers do not match the schema
     */
    void accept(ArrowRecordBatch batch, List<Field> fields, Consumer<ArrowRecordBatch> loadWhole) {
        CompressionUtil.CodecType type = CompressionUtil.CodecType.fromCompressionType(
                batch.getBodyCompression().getCodec());
        if (type == CompressionUtil.CodecType.NO_COMPRESSION) {
            loadWhole.accept(batch);
            return;
        }
        if (pending != null) {
            pending.close(); // not taken: a reader moved on without reading it
        }
        try {
            pending = new Batch(batch, type, fields);
        } catch (IllegalArgumentException e) {
            batch.close();
            throw e;
        }
    }

    /** The compressed batch accepted last, now the caller's to close; null when the last was loaded whole. */
    Batch take() {
        Batch taken = pending;
        pending = null;
        return taken;
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        for (CompressionCodec codec = idle.poll(); codec != null; codec = idle.poll()) {
            ArrowBufferCodecs.release(codec);
        }
    }

    /** A codec of {@code type} for one thread's use until {@link #giveBack}. */
    private CompressionCodec lend(CompressionUtil.CodecType type) {
        for (CompressionCodec codec : idle) {
            if (codec.getCodecType() == type && idle.remove(codec)) {
                return codec;
            }
        }
        return ArrowBufferCodecs.INSTANCE.createCodec(type);
    }

    private void giveBack(CompressionCodec codec) {
        idle.add(codec);
    }

    /**
     * One compressed record batch, split by top-level column: where each column's field nodes,
     * buffers and variadic buffer counts start (the batch lists them depth-first, column by column).
     */
    final class Batch implements AutoCloseable {
        private final ArrowRecordBatch batch;
        private final CompressionUtil.CodecType type;
        private final int[] nodeStart;
        private final int[] bufferStart;
        private final int[] variadicStart;

        private Batch(ArrowRecordBatch batch, CompressionUtil.CodecType type, List<Field> fields) {
            this.batch = batch;
            this.type = type;
            int columns = fields.size();
            nodeStart = new int[columns + 1];
            bufferStart = new int[columns + 1];
            variadicStart = new int[columns + 1];
            List<Long> variadic = variadicCounts();
            int[] at = new int[3]; // nodes, buffers, variadic counts used so far
            for (int c = 0; c < columns; c++) {
                nodeStart[c] = at[0];
                bufferStart[c] = at[1];
                variadicStart[c] = at[2];
                count(fields.get(c), variadic, at);
            }
            nodeStart[columns] = at[0];
            bufferStart[columns] = at[1];
            variadicStart[columns] = at[2];
            if (at[0] != batch.getNodes().size() || at[1] != batch.getBuffers().size() || at[2] != variadic.size()) {
                throw new IllegalArgumentException("the record batch has " + batch.getNodes().size()
                        + " field nodes, " + batch.getBuffers().size() + " buffers and " + variadic.size()
                        + " variadic buffer counts, but its schema needs " + at[0] + ", " + at[1] + " and " + at[2]);
            }
        }

        private List<Long> variadicCounts() {
            List<Long> counts = batch.getVariadicBufferCounts();
            return counts == null ? List.of() : counts;
        }

        /** Adds what {@code field} and its children take of the batch to {@code at}. */
        private void count(Field field, List<Long> variadic, int[] at) {
            at[0]++;
            at[1] += TypeLayout.getTypeBufferCount(field.getType());
            ArrowType.ArrowTypeID id = field.getType().getTypeID();
            if (id == ArrowType.ArrowTypeID.Utf8View || id == ArrowType.ArrowTypeID.BinaryView) {
                if (at[2] >= variadic.size()) {
                    throw new IllegalArgumentException("the record batch has no variadic buffer count for view column '"
                            + ArrowReader.printable(field.getName()) + "'");
                }
                long extra = variadic.get(at[2]++);
                if (extra < 0 || extra > batch.getBuffers().size()) {
                    throw new IllegalArgumentException("view column '" + ArrowReader.printable(field.getName())
                            + "' declares " + extra + " data buffers");
                }
                at[1] += (int) extra;
            }
            for (Field child : field.getChildren()) {
                count(child, variadic, at);
            }
        }

        /** The rows of the batch. */
        int rowCount() {
            return batch.getLength();
        }

        /**
         * Decodes column {@code c}'s buffers into {@code vector} (the root's vector of that column),
         * which then holds them until it is cleared.
         *
         * @throws ArrowBufferCodecs.BufferFault naming the column when a buffer does not decode
         */
        void load(int c, FieldVector vector) {
            List<ArrowFieldNode> nodes = batch.getNodes().subList(nodeStart[c], nodeStart[c + 1]);
            List<ArrowBuf> buffers = batch.getBuffers().subList(bufferStart[c], bufferStart[c + 1]);
            List<Long> variadic = variadicCounts().subList(variadicStart[c], variadicStart[c + 1]);
            CompressionCodec codec = lend(type);
            ArrowBuf[] decoded = null;
            try {
                // decoded here, all or none: Arrow's loader keeps the buffers it decoded before one that fails
                decoded = ArrowBufferCodecs.decodeAll(buffers, codec, vector.getAllocator());
                try (ArrowRecordBatch column = new ArrowRecordBatch(batch.getLength(), new ArrayList<>(nodes),
                        Arrays.asList(decoded), NoCompressionCodec.DEFAULT_BODY_COMPRESSION, new ArrayList<>(variadic),
                        false)) {
                    new VectorLoader(new VectorSchemaRoot(List.of(vector))).load(column);
                }
            } catch (ArrowBufferCodecs.BufferFault | IllegalArgumentException | OutOfMemoryException e) {
                vector.clear();
                throw ArrowBufferCodecs.BufferFault.of(e, vector.getName());
            } finally {
                giveBack(codec);
                ArrowBufferCodecs.closeDecoded(decoded, buffers);
            }
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
