package io.driftwatch.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow IPC files and streams byte by byte, so a test can make every length in them say
 * what it likes: the schema message comes from Arrow Java's serializer, while record batches,
 * dictionary batches and the file footer are built here with the flatbuffers builder from the
 * row count, field nodes, buffer positions and body given. With honest values the result is a
 * well-formed file that Arrow Java reads (see {@code ArrowHostileInputTest}); each test then lies
 * about exactly one thing.
 *
 * <p>Not thread-safe.
 */
final class HandMadeArrowIpc {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    /** A message's metadata flatbuffer and its body. */
    private record Framed(byte[] metadata, byte[] body, boolean recordBatch) {
    }

    private final Schema schema;
    private final List<Framed> messages = new ArrayList<>();

    HandMadeArrowIpc(Schema schema) {
        this.schema = schema;
    }

    /** A record batch body: buffers appended one after the other, each padded to 8 bytes. */
    static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<long[]> buffers = new ArrayList<>();

        /** An empty buffer (an absent validity bitmap, say). */
        Body none() {
            buffers.add(new long[] {bytes.size(), 0});
            return this;
        }

        Body bytes(byte... data) {
            buffers.add(new long[] {bytes.size(), data.length});
            bytes.writeBytes(data);
            while (bytes.size() % 8 != 0) {
                bytes.write(0);
            }
            return this;
        }

        Body ints(int... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putInt(v);
            }
            return bytes(b.array());
        }

        Body longs(long... values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            return bytes(b.array());
        }

        Body utf8(String text) {
            return bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Moves buffer {@code index} to say {@code offset} and {@code length} (no bytes change). */
        Body lie(int index, long offset, long length) {
            buffers.set(index, new long[] {offset, length});
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        long[][] buffers() {
            return buffers.toArray(new long[0][]);
        }
    }

    /** Field node lengths and null counts: {@code length0, nulls0, length1, nulls1, …}. */
    static long[] nodes(long... lengthsAndNulls) {
        return lengthsAndNulls;
    }

    HandMadeArrowIpc recordBatch(long length, long[] nodes, Body body) {
        return recordBatch(length, nodes, body, (byte) -1);
    }

    /** A record batch; {@code codec} is a {@code CompressionType} or -1 for none. */
    HandMadeArrowIpc recordBatch(long length, long[] nodes, Body body, byte codec) {
        return recordBatch(length, nodes, body, codec, null);
    }

    /**
     * A record batch whose view columns (string views) have {@code variadicCounts} data buffers
     * each, in the order of the columns.
     */
    HandMadeArrowIpc recordBatch(long length, long[] nodes, Body body, byte codec, long[] variadicCounts) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int batch = recordBatchTable(b, length, nodes, body.buffers(), codec, variadicCounts);
        byte[] bodyBytes = body.toByteArray();
        messages.add(new Framed(message(b, MessageHeader.RecordBatch, batch, bodyBytes.length), bodyBytes, true));
        return this;
    }

    HandMadeArrowIpc dictionaryBatch(long id, boolean delta, long length, long[] nodes, Body body) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int data = recordBatchTable(b, length, nodes, body.buffers(), (byte) -1, null);
        int dictionary = DictionaryBatch.createDictionaryBatch(b, id, data, delta);
        byte[] bodyBytes = body.toByteArray();
        messages.add(new Framed(message(b, MessageHeader.DictionaryBatch, dictionary, bodyBytes.length), bodyBytes,
                false));
        return this;
    }

    /** Appends a message whose metadata bytes are given as they are. */
    HandMadeArrowIpc rawMessage(byte[] metadata, byte[] body, boolean recordBatch) {
        messages.add(new Framed(metadata, body, recordBatch));
        return this;
    }

    private static int recordBatchTable(FlatBufferBuilder b, long length, long[] nodes, long[][] buffers, byte codec,
            long[] variadicCounts) {
        int variadic = variadicCounts == null ? 0 : RecordBatch.createVariadicBufferCountsVector(b, variadicCounts);
        int compression = codec < 0 ? 0
                : BodyCompression.createBodyCompression(b, codec, BodyCompressionMethod.BUFFER);
        RecordBatch.startNodesVector(b, nodes.length / 2);
        for (int i = nodes.length / 2 - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, nodes[2 * i], nodes[2 * i + 1]);
        }
        int nodeVector = b.endVector();
        RecordBatch.startBuffersVector(b, buffers.length);
        for (int i = buffers.length - 1; i >= 0; i--) {
            Buffer.createBuffer(b, buffers[i][0], buffers[i][1]);
        }
        int bufferVector = b.endVector();
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, length);
        RecordBatch.addNodes(b, nodeVector);
        RecordBatch.addBuffers(b, bufferVector);
        if (codec >= 0) {
            RecordBatch.addCompression(b, compression);
        }
        if (variadicCounts != null) {
            RecordBatch.addVariadicBufferCounts(b, variadic);
        }
        return RecordBatch.endRecordBatch(b);
    }

    private static byte[] message(FlatBufferBuilder b, byte headerType, int header, long bodyLength) {
        Message.startMessage(b);
        Message.addVersion(b, MetadataVersion.V5);
        Message.addHeaderType(b, headerType);
        Message.addHeader(b, header);
        Message.addBodyLength(b, bodyLength);
        b.finish(Message.endMessage(b));
        return b.sizedByteArray();
    }

    private byte[] schemaMetadata() {
        ByteBuffer buffer = MessageSerializer.serializeMetadata(schema);
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Writes continuation marker, padded metadata length, metadata and padding; returns the framed length. */
    private static int frame(ByteArrayOutputStream out, byte[] metadata) {
        int padded = (metadata.length + 8 + 7) / 8 * 8 - 8;
        writeInt(out, -1);
        writeInt(out, padded);
        out.writeBytes(metadata);
        for (int i = metadata.length; i < padded; i++) {
            out.write(0);
        }
        return padded + 8;
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    /** The IPC stream: schema, the messages in order, end-of-stream marker. */
    byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, schemaMetadata());
        for (Framed m : messages) {
            frame(out, m.metadata);
            out.writeBytes(m.body);
        }
        writeInt(out, -1);
        writeInt(out, 0);
        return out.toByteArray();
    }

    /** The IPC file with a footer listing every message. */
    byte[] file() {
        return file(null);
    }

    /** Rewrites the blocks a file's footer lists before it is written. */
    @FunctionalInterface
    interface FooterEdit {
        void edit(List<long[]> dictionaryBlocks, List<long[]> recordBlocks);
    }

    /** The IPC file; {@code edit} may change the blocks {offset, metadata length, body length} first. */
    byte[] file(FooterEdit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(0);
        out.write(0);
        frame(out, schemaMetadata());
        List<long[]> dictionaryBlocks = new ArrayList<>();
        List<long[]> recordBlocks = new ArrayList<>();
        for (Framed m : messages) {
            long offset = out.size();
            int framed = frame(out, m.metadata);
            out.writeBytes(m.body);
            (m.recordBatch ? recordBlocks : dictionaryBlocks).add(new long[] {offset, framed, m.body.length});
        }
        if (edit != null) {
            edit.edit(dictionaryBlocks, recordBlocks);
        }
        byte[] footer = footer(dictionaryBlocks, recordBlocks);
        out.writeBytes(footer);
        writeInt(out, footer.length);
        out.writeBytes(MAGIC);
        return out.toByteArray();
    }

    private byte[] footer(List<long[]> dictionaryBlocks, List<long[]> recordBlocks) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int schemaTable = schema.getSchema(b);
        Footer.startDictionariesVector(b, dictionaryBlocks.size());
        for (int i = dictionaryBlocks.size() - 1; i >= 0; i--) {
            long[] block = dictionaryBlocks.get(i);
            Block.createBlock(b, block[0], (int) block[1], block[2]);
        }
        int dictionaries = b.endVector();
        Footer.startRecordBatchesVector(b, recordBlocks.size());
        for (int i = recordBlocks.size() - 1; i >= 0; i--) {
            long[] block = recordBlocks.get(i);
            Block.createBlock(b, block[0], (int) block[1], block[2]);
        }
        int records = b.endVector();
        Footer.startFooter(b);
        Footer.addVersion(b, MetadataVersion.V5);
        Footer.addSchema(b, schemaTable);
        Footer.addDictionaries(b, dictionaries);
        Footer.addRecordBatches(b, records);
        b.finish(Footer.endFooter(b));
        return b.sizedByteArray();
    }
}
