package io.driftwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Walks the metadata of an Arrow IPC file or stream held in a seekable channel before Arrow's
 * readers touch it, and refuses anything whose lengths do not fit the bytes that are really there.
 * Arrow's readers, which run afterwards, then only meet well-framed input whose every declared
 * length has been checked: they allocate what the metadata declares (a message's metadata, a
 * body, a footer, a validity bitmap per declared value) before reading it.
 *
 * <p>What is checked: every message lies inside the data (its metadata length and body length
 * non-negative and no longer than what remains); a stream has exactly one schema, first, and
 * nothing after its end-of-stream marker; a file's footer length fits between the leading magic
 * and the trailing one, and the footer, the schema and every block it lists parse, each block
 * lying inside the file before the footer, holding the kind of message the footer says, and
 * overlapping no other block; then each record batch and dictionary batch against the schema (see
 * {@link ArrowBatchLayout}), and the string offsets of each dictionary, which Arrow itself reads
 * when it appends a delta dictionary. The walk also counts the rows, so the columns are allocated
 * once at their final size: since blocks do not overlap and each batch's values fit its body,
 * that count is bounded by the size of the data.
 *
 * <p>Each fault is an {@link UnreadableDatasetException} naming the source and, where there is
 * one, the record batch. Reading costs one pass over the message headers; bodies are not read,
 * except a dictionary's string offsets and the 8-byte length prefix of each compressed buffer.
 *
 * <p>Not thread-safe: it moves the channel's position.
 */
final class ArrowMessageScan {
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** The file magic {@code ARROW1} and its two bytes of padding, before the first message. */
    private static final int FILE_HEAD = 8;
    /** The footer length and the magic {@code ARROW1} that end a file. */
    private static final int FILE_TAIL = 10;
    /** Bytes of a dictionary's offsets read at a time. */
    private static final int OFFSETS_CHUNK = 1 << 16;
    /** Bytes of one {@link Block} struct in the footer. */
    private static final int BLOCK_BYTES = 24;

    private final SeekableByteChannel channel;
    private final String source;
    private final long size;
    private final ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    ArrowMessageScan(SeekableByteChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.size = channel.size();
    }

    /** Checks a stream that starts at position 0 and returns its total row count. */
    long streamRows() throws IOException {
        long position = 0;
        long rows = 0;
        int batches = 0;
        int dictionaries = 0;
        ArrowBatchLayout layout = null;
        while (position < size) {
            Header header = readHeader(position, size - position, "the message at byte offset " + position,
                    source + ", record batch " + batches);
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
                throw truncated(source + ", record batch " + batches, "the message at byte offset " + position
                        + " needs " + body
                        + " bytes of body but only " + (size - bodyStart) + " remain");
            }
            switch (header.message.headerType()) {
                case MessageHeader.Schema:
                    if (layout != null) {
                        throw new UnreadableDatasetException(source + ", record batch " + batches + ": a second "
                                + "schema message at byte offset " + position + ", after record batch "
                                + (batches - 1) + "; an Arrow stream has exactly one schema and its batches cannot "
                                + "change it (were two Arrow streams concatenated?)");
                    }
                    if (body != 0) {
                        throw new UnreadableDatasetException(source + ": malformed Arrow stream: its schema message "
                                + "declares a body of " + body + " bytes; a schema has none");
                    }
                    layout = ArrowBatchLayout.of(schema(header.message), header.metadataLength, source);
                    break;
                case MessageHeader.RecordBatch:
                    if (layout == null) {
                        throw new UnreadableDatasetException(source + ": record batch " + batches
                                + " comes before the schema message");
                    }
                    rows += recordBatch(layout, header.message, bodyStart, body, batches);
                    batches++;
                    break;
                case MessageHeader.DictionaryBatch:
                    if (layout == null) {
                        throw new UnreadableDatasetException(source + ": dictionary batch " + dictionaries
                                + " comes before the schema message");
                    }
                    checkDictionary(layout, header.message, bodyStart, body, dictionaries);
                    dictionaries++;
                    break;
                default:
                    throw new UnreadableDatasetException(source + ": unexpected Arrow message type "
                            + header.message.headerType() + " at byte offset " + position);
            }
            position = bodyStart + body;
        }
        if (layout == null) {
            throw new UnreadableDatasetException(source + ": the Arrow stream has no schema message");
        }
        return rows;
    }

    private org.apache.arrow.flatbuf.Schema schema(Message message) {
        try {
            return (org.apache.arrow.flatbuf.Schema) message.header(new org.apache.arrow.flatbuf.Schema());
        } catch (IndexOutOfBoundsException e) {
            throw new UnreadableDatasetException(source + ": cannot read the Arrow schema: malformed Arrow "
                    + "metadata", e);
        }
    }

    /**
     * Checks a file, whose magic at both ends has been seen, and returns its total row count. The
     * file ends with the footer, its length (int32) and the magic.
     */
    long fileRows() throws IOException {
        prefix.clear().limit(4);
        readFully(size - FILE_TAIL, prefix);
        int footerLength = prefix.getInt(0);
        long footerStart = size - FILE_TAIL - footerLength;
        if (footerLength <= 0 || footerStart < FILE_HEAD) {
            throw new UnreadableDatasetException(source + ": damaged Arrow file: its footer length field says "
                    + footerLength + " bytes, but the footer must lie between the 8-byte header and the last "
                    + FILE_TAIL + " bytes of the " + size + "-byte file");
        }
        ByteBuffer bytes = ByteBuffer.allocate(footerLength).order(ByteOrder.LITTLE_ENDIAN);
        readFully(footerStart, bytes);
        bytes.flip();
        List<long[]> dictionaryBlocks;
        List<long[]> recordBlocks;
        ArrowBatchLayout layout;
        try {
            Footer footer = Footer.getRootAsFooter(bytes);
            short version = footer.version();
            if (version < MetadataVersion.V1 || version > MetadataVersion.V5) {
                throw new UnreadableDatasetException(source + ": damaged Arrow file: its footer has metadata "
                        + "version " + version + ", which no Arrow format has");
            }
            new ArrowBatchLayout.MetadataBudget(footerLength, source, "footer")
                    .keyValues(footer.customMetadataLength(), footer::customMetadata, "the footer's metadata");
            layout = ArrowBatchLayout.of(footer.schema(), footerLength, source);
            dictionaryBlocks = blocks(footer.dictionariesLength(), footerLength, footer, true);
            recordBlocks = blocks(footer.recordBatchesLength(), footerLength, footer, false);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // what flatbuffers throws when an offset in the footer points outside it
            throw new UnreadableDatasetException(source + ": damaged Arrow file: its footer is malformed", e);
        }
        checkDisjoint(dictionaryBlocks, recordBlocks, footerStart);
        if (!recordBlocks.isEmpty() && dictionaryBlocks.size() < layout.dictionaryCount()) {
            // Arrow's file reader reads one dictionary batch per dictionary before the first record batch
            throw new UnreadableDatasetException(source + ": damaged Arrow file: its dictionary-encoded columns use "
                    + layout.dictionaryCount() + " dictionaries, but its footer lists " + dictionaryBlocks.size()
                    + " dictionary batches");
        }
        for (int d = 0; d < dictionaryBlocks.size(); d++) {
            long[] block = dictionaryBlocks.get(d);
            Header header = readHeader(block[0], block[1], "its message at byte offset " + block[0],
                    source + ", dictionary batch " + d);
            if (header.message == null || header.message.headerType() != MessageHeader.DictionaryBatch) {
                throw new UnreadableDatasetException(source + ", dictionary batch " + d + ": the footer points at "
                        + "a message that is not a dictionary batch");
            }
            checkDictionary(layout, header.message, block[0] + block[1], block[2], d);
        }
        long rows = 0;
        for (int k = 0; k < recordBlocks.size(); k++) {
            long[] block = recordBlocks.get(k);
            Header header = readHeader(block[0], block[1], "its message at byte offset " + block[0],
                    source + ", record batch " + k);
            if (header.message == null || header.message.headerType() != MessageHeader.RecordBatch) {
                throw new UnreadableDatasetException(source + ", record batch " + k
                        + ": the footer points at a message that is not a record batch");
            }
            rows += recordBatch(layout, header.message, block[0] + block[1], block[2], k);
        }
        return rows;
    }

    /** The footer's blocks as {offset, metadata length, body length}, each inside the file. */
    private List<long[]> blocks(int count, int footerLength, Footer footer, boolean dictionaries) {
        String kind = dictionaries ? "dictionary batch " : "record batch ";
        if (count < 0 || count > footerLength / BLOCK_BYTES) {
            throw new UnreadableDatasetException(source + ": damaged Arrow file: its footer lists " + count + " "
                    + kind.trim() + "es, more than its " + footerLength + " bytes can hold");
        }
        List<long[]> out = new ArrayList<>(count);
        Block block = new Block();
        for (int k = 0; k < count; k++) {
            if (dictionaries) {
                footer.dictionaries(block, k);
            } else {
                footer.recordBatches(block, k);
            }
            long offset = block.offset();
            long metadataLength = block.metaDataLength();
            long bodyLength = block.bodyLength();
            if (offset < FILE_HEAD || metadataLength < 8 || bodyLength < 0 || offset > size
                    || metadataLength > size - offset || bodyLength > size - offset - metadataLength) {
                throw new UnreadableDatasetException(source + ", " + kind + k + ": damaged or truncated Arrow file: "
                        + "the footer places it at byte offset " + offset + " with " + metadataLength + " + "
                        + bodyLength + " bytes, outside the " + size + "-byte file");
            }
            out.add(new long[] {offset, metadataLength, bodyLength, k, dictionaries ? 1 : 0});
        }
        return out;
    }

    /**
     * Fails unless the blocks lie before the footer and share no byte: a footer listing one batch
     * many times would otherwise multiply the rows a small file declares.
     */
    private void checkDisjoint(List<long[]> dictionaryBlocks, List<long[]> recordBlocks, long footerStart) {
        List<long[]> all = new ArrayList<>(dictionaryBlocks.size() + recordBlocks.size());
        all.addAll(dictionaryBlocks);
        all.addAll(recordBlocks);
        all.sort(Comparator.comparingLong(b -> b[0]));
        long end = FILE_HEAD;
        long[] previous = null;
        for (long[] block : all) {
            if (block[0] < end) {
                throw new UnreadableDatasetException(source + ", " + name(block) + ": damaged Arrow file: the "
                        + "footer places it at byte offset " + block[0] + ", inside " + name(previous)
                        + " (blocks of a file cannot overlap)");
            }
            end = block[0] + block[1] + block[2];
            if (end > footerStart) {
                throw new UnreadableDatasetException(source + ", " + name(block) + ": damaged Arrow file: the "
                        + "footer places it at byte offset " + block[0] + " with " + block[1] + " + " + block[2]
                        + " bytes, into the footer at byte offset " + footerStart);
            }
            previous = block;
        }
    }

    private static String name(long[] block) {
        return block == null ? "the file header" : (block[4] == 1 ? "dictionary batch " : "record batch ") + block[3];
    }

    /** Checks record batch {@code k}, whose body has {@code body} bytes, and returns its row count. */
    private long recordBatch(ArrowBatchLayout layout, Message message, long bodyStart, long body, int k)
            throws IOException {
        try {
            RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
            layout.checkRecordBatch(batch, body, k, offset -> prefixAt(bodyStart + offset));
            return batch.length();
        } catch (IndexOutOfBoundsException e) {
            // what flatbuffers throws when an offset in the metadata points outside it
            throw new UnreadableDatasetException(source + ", record batch " + k + ": malformed Arrow metadata", e);
        }
    }

    /** Checks dictionary batch {@code d} and the string offsets it holds. */
    private void checkDictionary(ArrowBatchLayout layout, Message message, long bodyStart, long body, int d)
            throws IOException {
        List<ArrowBatchLayout.Offsets> offsets;
        try {
            DictionaryBatch batch = (DictionaryBatch) message.header(new DictionaryBatch());
            offsets = layout.checkDictionaryBatch(batch, body, d, offset -> prefixAt(bodyStart + offset));
        } catch (IndexOutOfBoundsException e) {
            throw new UnreadableDatasetException(source + ", dictionary batch " + d + ": malformed Arrow metadata",
                    e);
        }
        for (ArrowBatchLayout.Offsets o : offsets) {
            checkOffsets(bodyStart + o.position(), o);
        }
    }

    /**
     * Reads a dictionary's {@code values + 1} offsets, a chunk at a time, and fails unless they
     * start at 0 or more, never decrease and end inside the data buffer.
     */
    private void checkOffsets(long position, ArrowBatchLayout.Offsets offsets) throws IOException {
        long remaining = ((long) offsets.values() + 1) * offsets.width();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(OFFSETS_CHUNK, remaining)).order(ByteOrder.LITTLE_ENDIAN);
        long previous = -1;
        long index = 0;
        while (remaining > 0) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), remaining));
            readFully(position, chunk);
            position += chunk.limit();
            remaining -= chunk.limit();
            chunk.flip();
            while (chunk.hasRemaining()) {
                long offset = offsets.width() == 8 ? chunk.getLong() : chunk.getInt();
                if (offset < 0 || offset < previous || offset > offsets.dataLength()) {
                    throw new UnreadableDatasetException(offsets.where() + ": malformed Arrow data: offset "
                            + index + " is " + offset + ", " + (offset < 0 ? "negative"
                                    : offset < previous ? "less than the one before (" + previous + ")"
                                            : "past the end of the " + offsets.dataLength() + "-byte data buffer"));
                }
                previous = offset;
                index++;
            }
        }
    }

    /**
     * The message whose framing starts at {@code position} and may use at most {@code available}
     * bytes; its {@code message} is {@code null} for the end-of-stream marker.
     */
    private Header readHeader(long position, long available, String what, String at) throws IOException {
        if (available < 4) {
            throw truncated(at, what + " is cut short after " + available + " bytes");
        }
        prefix.clear().limit(4);
        readFully(position, prefix);
        int first = prefix.getInt(0);
        int prefixLength = 4; // framing written before Arrow 0.15 has no continuation marker
        int length = first;
        if (first == CONTINUATION) {
            if (available < 8) {
                throw truncated(at, what + " is cut short after " + available + " bytes");
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
            throw truncated(at, what + " declares " + length + " bytes of metadata but only "
                    + (available - prefixLength) + " remain");
        }
        ByteBuffer metadata = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(position + prefixLength, metadata);
        metadata.flip();
        Message message;
        try {
            message = Message.getRootAsMessage(metadata);
            short version = message.version();
            if (version < MetadataVersion.V4 || version > MetadataVersion.V5) {
                throw new UnreadableDatasetException(at + ": " + what + " has Arrow metadata version "
                        + (version + 1) + "; only versions 4 and 5 (Arrow 0.8 "
                        + "and later) can be read");
            }
            message.headerType();
            message.bodyLength();
        } catch (IndexOutOfBoundsException e) {
            throw new UnreadableDatasetException(at + ": " + what + " has malformed metadata", e);
        }
        return new Header(message, prefixLength, length);
    }

    /** The 8-byte little-endian value at {@code position}: a compressed buffer's uncompressed length. */
    private long prefixAt(long position) throws IOException {
        prefix.clear();
        readFully(position, prefix);
        return prefix.getLong(0);
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

    private static UnreadableDatasetException truncated(String at, String detail) {
        return new UnreadableDatasetException(at + ": truncated Arrow data: " + detail);
    }

    private record Header(Message message, int prefixLength, int metadataLength) {
    }
}
