package io.driftwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/**
 * Walks the message headers of an Arrow IPC file or stream held in a seekable channel, without
 * reading any message body, to count the rows before the columns are allocated (so builders get
 * their exact size) and to check the framing first: every message must lie inside the file, a
 * stream has exactly one schema, and nothing follows its end-of-stream marker. A framing fault
 * becomes an {@link UnreadableDatasetException} naming the record batch; Arrow's readers, which
 * run afterwards, then only meet well-framed input.
 *
 * <p>Not thread-safe: it moves the channel's position.
 */
final class ArrowMessageScan {
    private static final int CONTINUATION = 0xFFFFFFFF;

    private final SeekableByteChannel channel;
    private final String source;
    private final long size;
    private final ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    ArrowMessageScan(SeekableByteChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.size = channel.size();
    }

    /** The total row count of a stream that starts at position 0. */
    long streamRows() throws IOException {
        long position = 0;
        long rows = 0;
        int batches = 0;
        boolean sawSchema = false;
        while (position < size) {
            Header header = readHeader(position, size - position, "the message at byte offset " + position,
                    batches);
            if (header.message == null) {
                long end = position + header.prefixLength;
                if (end < size) {
                    throw new UnreadableDatasetException(source + ": " + (size - end)
                            + " unexpected bytes after the end-of-stream marker at byte offset " + position
                            + " (were two Arrow streams concatenated?)");
                }
                break;
            }
            long bodyStart = position + header.prefixLength + header.metadataLength;
            long body = header.message.bodyLength();
            if (body < 0 || body > size - bodyStart) {
                throw truncated(batches, "the message at byte offset " + position + " needs " + body
                        + " bytes of body but only " + (size - bodyStart) + " remain");
            }
            switch (header.message.headerType()) {
                case MessageHeader.Schema:
                    if (sawSchema) {
                        throw new UnreadableDatasetException(source + ": a second schema message at byte offset "
                                + position + ", after record batch " + (batches - 1) + " (record batch " + batches
                                + " would follow it); an Arrow stream has exactly one schema and its batches "
                                + "cannot change it (were two Arrow streams concatenated?)");
                    }
                    sawSchema = true;
                    break;
                case MessageHeader.RecordBatch:
                    if (!sawSchema) {
                        throw new UnreadableDatasetException(source + ": record batch " + batches
                                + " comes before the schema message");
                    }
                    rows += recordBatch(header.message, batches).length();
                    batches++;
                    break;
                case MessageHeader.DictionaryBatch:
                    break;
                default:
                    throw new UnreadableDatasetException(source + ": unexpected Arrow message type "
                            + header.message.headerType() + " at byte offset " + position);
            }
            position = bodyStart + body;
        }
        if (!sawSchema) {
            throw new UnreadableDatasetException(source + ": the Arrow stream has no schema message");
        }
        return rows;
    }

    /** The total row count of a file whose footer lists {@code blocks}. */
    long fileRows(List<ArrowBlock> blocks) throws IOException {
        long rows = 0;
        for (int k = 0; k < blocks.size(); k++) {
            ArrowBlock block = blocks.get(k);
            long offset = block.getOffset();
            long metadataLength = block.getMetadataLength();
            long bodyLength = block.getBodyLength();
            if (offset < 8 || metadataLength < 8 || bodyLength < 0 || offset > size
                    || metadataLength > size - offset || bodyLength > size - offset - metadataLength) {
                throw truncated(k, "the footer places it at byte offset " + offset + " with " + metadataLength
                        + " + " + bodyLength + " bytes, beyond the end of the " + size + "-byte file");
            }
            Header header = readHeader(offset, metadataLength, "its message at byte offset " + offset, k);
            if (header.message == null || header.message.headerType() != MessageHeader.RecordBatch) {
                throw new UnreadableDatasetException(source + ": record batch " + k
                        + ": the footer points at a message that is not a record batch");
            }
            rows += recordBatch(header.message, k).length();
        }
        return rows;
    }

    private RecordBatch recordBatch(Message message, int batch) {
        RecordBatch recordBatch = (RecordBatch) message.header(new RecordBatch());
        if (recordBatch == null || recordBatch.length() < 0) {
            throw new UnreadableDatasetException(source + ": record batch " + batch + ": malformed header");
        }
        return recordBatch;
    }

    /**
     * The message whose framing starts at {@code position} and may use at most {@code available}
     * bytes; its {@code message} is {@code null} for the end-of-stream marker.
     */
    private Header readHeader(long position, long available, String what, int batch) throws IOException {
        if (available < 4) {
            throw truncated(batch, what + " is cut short after " + available + " bytes");
        }
        prefix.clear().limit(4);
        readFully(position, prefix);
        int first = prefix.getInt(0);
        int prefixLength = 4; // framing written before Arrow 0.15 has no continuation marker
        int length = first;
        if (first == CONTINUATION) {
            if (available < 8) {
                throw truncated(batch, what + " is cut short after " + available + " bytes");
            }
            prefix.clear().limit(4);
            readFully(position + 4, prefix);
            prefixLength = 8;
            length = prefix.getInt(0);
        }
        if (length == 0) {
            return new Header(null, prefixLength, 0);
        }
        if (length < 0 || length > available - prefixLength) {
            throw truncated(batch, what + " declares " + length + " bytes of metadata but only "
                    + (available - prefixLength) + " remain");
        }
        ByteBuffer metadata = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(position + prefixLength, metadata);
        metadata.flip();
        Message message;
        try {
            message = Message.getRootAsMessage(metadata);
            message.headerType();
            message.bodyLength();
        } catch (IndexOutOfBoundsException e) {
            throw new UnreadableDatasetException(source + ": record batch " + batch + ": " + what
                    + " has malformed metadata", e);
        }
        return new Header(message, prefixLength, length);
    }

    private void readFully(long position, ByteBuffer into) throws IOException {
        channel.position(position);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new UnreadableDatasetException(source + ": unexpected end of file at byte offset "
                        + channel.position());
            }
        }
    }

    private UnreadableDatasetException truncated(int batch, String detail) {
        return new UnreadableDatasetException(source + ": truncated Arrow data at record batch " + batch + ": "
                + detail);
    }

    private record Header(Message message, int prefixLength, int metadataLength) {
    }
}
