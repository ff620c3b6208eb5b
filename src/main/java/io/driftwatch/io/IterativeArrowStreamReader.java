package io.driftwatch.io;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * An {@link ArrowStreamReader} that reads the dictionary batches before a record batch in a loop.
 * Arrow's own reader calls itself once per dictionary batch, so a stream of many thousands of
 * dictionary batches in a row would overflow the thread's stack; this one uses none per batch.
 * Otherwise it loads batches as Arrow's does (the stream has already been checked by
 * {@link ArrowMessageScan}).
 *
 * <p>Not thread-safe, like the reader it extends.
 */
final class IterativeArrowStreamReader extends ArrowStreamReader {
    private final MessageChannelReader messages;
    private final CompressedBatches compressed;

    /** @param compressed where compressed record batches are kept to be decoded column by column */
    IterativeArrowStreamReader(ReadableByteChannel in, BufferAllocator allocator, CompressedBatches compressed) {
        this(new MessageChannelReader(new ReadChannel(in), allocator), allocator, compressed);
    }

    private IterativeArrowStreamReader(MessageChannelReader messages, BufferAllocator allocator,
            CompressedBatches compressed) {
        super(messages, allocator, ArrowBufferCodecs.INSTANCE);
        this.messages = messages;
        this.compressed = compressed;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        while (true) {
            MessageResult result = messages.readNext();
            if (result == null) {
                return false;
            }
            // a batch without buffers has no body; deserializing needs an (empty) one
            ArrowBuf body = result.getBodyBuffer() == null ? allocator.getEmpty() : result.getBodyBuffer();
            byte type = result.getMessage().headerType();
            if (type == MessageHeader.RecordBatch) {
                loadRecordBatch(MessageSerializer.deserializeRecordBatch(result.getMessage(), body));
                return true;
            }
            if (type != MessageHeader.DictionaryBatch) {
                body.close();
                throw new IOException("Expected RecordBatch or DictionaryBatch but header was " + type);
            }
            loadDictionary(MessageSerializer.deserializeDictionaryBatch(result.getMessage(), body));
        }
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
}
