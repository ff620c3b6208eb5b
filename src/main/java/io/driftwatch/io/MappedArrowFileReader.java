package io.driftwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * An {@link ArrowFileReader} whose record batches are not copied: the whole file is memory-mapped
 * once, wrapped as one {@link ArrowBuf}, and each batch's vectors are slices of that mapping, so a
 * batch costs no read system call, no off-heap allocation and no copy (the page cache is read in
 * place when the columns are decoded). The footer, schema and dictionaries still go through
 * Arrow's own reading; they are small.
 *
 * <p>Deliberately low-level. The mapping is held by the wrapped buffer's allocation, so it stays
 * mapped while any slice is alive; it is unmapped by the garbage collector after the reader and the
 * buffer returned by {@link #map} are closed. Only files up to {@link #MAX_MAPPED_BYTES} are mapped
 * (one {@link MappedByteBuffer} cannot be larger); callers read bigger files with the plain reader.
 * As with any memory map, a file truncated by another process while it is read makes the JVM fail
 * the access with an {@link InternalError}.
 *
 * <p>Not thread-safe, like the reader it extends.
 */
final class MappedArrowFileReader extends ArrowFileReader {
    /** The largest file that is mapped. */
    static final long MAX_MAPPED_BYTES = Integer.MAX_VALUE;

    private final ArrowBuf file;
    private final CompressedBatches compressed;

    /**
     * @param file the whole file as returned by {@link #map}; the caller closes it after this reader
     * @param compressed where compressed record batches are kept to be decoded column by column
     */
    MappedArrowFileReader(SeekableReadChannel in, BufferAllocator allocator, ArrowBuf file,
            CompressedBatches compressed) {
        super(in, allocator, ArrowBufferCodecs.INSTANCE);
        this.file = file;
        this.compressed = compressed;
    }

    /** Maps the whole file read-only and wraps the mapping in a buffer of {@code allocator}. */
    static ArrowBuf map(FileChannel channel, BufferAllocator allocator) throws IOException {
        long size = channel.size();
        if (size > MAX_MAPPED_BYTES) {
            throw new IllegalArgumentException("file of " + size + " bytes is too large to map at once");
        }
        MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        return allocator.wrapForeignAllocation(new Mapping(mapping));
    }

    /**
     * Loads the record batch at {@code block} as slices of the mapping. The message scan has
     * already checked that the block lies inside the file and holds a record batch whose buffers
     * lie inside its body and are long enough for its row count; the slices are bounds-checked
     * again by Arrow.
     */
    @Override
    public boolean loadRecordBatch(ArrowBlock block) throws IOException {
        prepareLoadNextBatch();
        long offset = block.getOffset();
        int metadataLength = block.getMetadataLength();
        int prefix = file.getInt(offset) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
        ByteBuffer metadata = file.nioBuffer(offset + prefix, metadataLength - prefix)
                .order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
        Message message = Message.getRootAsMessage(metadata);
        ArrowBuf body = file.slice(offset + metadataLength, block.getBodyLength());
        body.getReferenceManager().retain(); // deserializing takes over one reference to the body
        ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(message, body);
        loadRecordBatch(batch); // loads the root's vectors from the slices (or keeps a compressed batch)
        return true;
    }

    /** Loads {@code batch}, or keeps a compressed one to be decoded column by column ({@link CompressedBatches}). */
    @Override
    protected void loadRecordBatch(ArrowRecordBatch batch) {
        compressed.accept(batch, ArrowReader.root(this).getSchema().getFields(), super::loadRecordBatch);
    }

    /** Loads a dictionary batch, decompressing a compressed one first ({@link ArrowBufferCodecs#loadDictionary}). */
    @Override
    protected void loadDictionary(ArrowDictionaryBatch batch) {
        ArrowBufferCodecs.loadDictionary(batch, allocator, super::loadDictionary);
    }

    /** A read-only file mapping as Arrow memory; holding it here keeps it mapped. */
    private static final class Mapping extends ForeignAllocation {
        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final MappedByteBuffer mapping;

        Mapping(MappedByteBuffer mapping) {
            super(mapping.capacity(), MemoryUtil.getByteBufferAddress(mapping));
            this.mapping = mapping;
        }

        @Override
        protected void release0() {
            // unmapped when the MappedByteBuffer is collected; nothing reads it once released
        }
    }
}
