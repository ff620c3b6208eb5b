package io.driftwatch.io;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.util.Native;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * The decompressors of compressed Arrow IPC buffers (the {@code BodyCompression} of a record or
 * dictionary batch), as pyarrow and Feather v2 write them: each buffer is an 8-byte little-endian
 * uncompressed length ({@code -1}: the rest is stored as is) followed by one LZ4 frame or one
 * Zstandard frame. Arrow's own loader reads the length prefix and hands the rest here; this class
 * only decodes: Zstandard with aircompressor's pure-Java decoder, LZ4 frames (linked or independent
 * blocks, as pyarrow and Polars write them) with {@link Lz4FrameDecoder}.
 *
 * <p>A buffer must decode to exactly the length it declares; anything else (a damaged frame, a
 * frame that ends early or runs on) is a {@link BufferFault} naming the codec;
 * {@link CompressedBatches} adds the column whose buffer it was, and {@link ArrowReader} the source and batch. Writing
 * compressed buffers is not supported: Driftwatch writes its own Arrow files uncompressed.
 *
 * <p>Thread-safe: the factory is stateless; a codec it makes is used by one thread at a time (the LZ4
 * codec reuses its scratch arrays), as {@link CompressedBatches} and {@link #loadDictionary} use them.
 */
final class ArrowBufferCodecs implements CompressionCodec.Factory {
    static final ArrowBufferCodecs INSTANCE = new ArrowBufferCodecs();

    private ArrowBufferCodecs() {
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
        switch (codecType) {
            case NO_COMPRESSION:
                return CompressionCodec.Factory.INSTANCE.createCodec(codecType);
            case LZ4_FRAME:
                return new Lz4Frame();
            case ZSTD:
                return new Zstd();
            default:
                throw new IllegalArgumentException("unsupported Arrow compression codec " + codecType);
        }
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int compressionLevel) {
        return createCodec(codecType);
    }

    /** A compressed buffer that does not decode to what it declares; {@link #of} names its column. */
    static final class BufferFault extends ArrowColumnReader.ColumnFault {
        private static final long serialVersionUID = 1L;
        private final String column;

        BufferFault(String message, String column, Throwable cause) {
            super("malformed Arrow data: " + message);
            this.column = column;
            if (cause != null) {
                initCause(cause);
            }
        }

        /**
         * {@code failure} (a fault, or what Arrow's loader threw) as a fault naming {@code column},
         * which may be null when not known.
         */
        static BufferFault of(RuntimeException failure, String column) {
            String message = failure instanceof BufferFault ? failure.getMessage().substring(
                    "malformed Arrow data: ".length())
                    : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new BufferFault(message, column, failure);
        }

        /** The top-level column whose buffer could not be decoded, or null when not known. */
        String column() {
            return column;
        }
    }

    /**
     * Loads dictionary {@code batch} through {@code load}: a compressed one is decompressed here
     * first ({@link #decodeAll}), so that a buffer that fails to decode leaves none of its siblings'
     * decoded buffers behind (Arrow's loader, decoding one buffer after the other, keeps those it
     * decoded before a failure). Record batches are decoded column by column
     * ({@link CompressedBatches}).
     */
    static void loadDictionary(ArrowDictionaryBatch batch, BufferAllocator allocator,
            Consumer<ArrowDictionaryBatch> load) {
        ArrowRecordBatch values = batch.getDictionary();
        CompressionUtil.CodecType type = CompressionUtil.CodecType.fromCompressionType(
                values.getBodyCompression().getCodec());
        if (type == CompressionUtil.CodecType.NO_COMPRESSION) {
            load.accept(batch);
            return;
        }
        ArrowBuf[] out;
        CompressionCodec codec = INSTANCE.createCodec(type);
        try {
            out = decodeAll(values.getBuffers(), codec, allocator);
        } catch (BufferFault | IllegalArgumentException | OutOfMemoryException e) {
            values.close();
            throw BufferFault.of(e, null);
        } finally {
            release(codec);
        }
        try {
            ArrowRecordBatch plain = new ArrowRecordBatch(values.getLength(), values.getNodes(), Arrays.asList(out),
                    NoCompressionCodec.DEFAULT_BODY_COMPRESSION, values.getVariadicBufferCounts(), false);
            load.accept(new ArrowDictionaryBatch(batch.getDictionaryId(), plain, batch.isDelta())); // loads and closes it
        } finally {
            closeDecoded(out, values.getBuffers());
            values.close();
        }
    }

    /**
     * Decodes every buffer of {@code in} with {@code codec}, all or none: when one fails, those
     * decoded before it are closed and the failure thrown. An empty buffer is returned as it is.
     * The inputs keep their references (decoding takes one, given back here); the decoded buffers
     * are the caller's, to close with {@link #closeDecoded} once whatever loads them holds its own.
     */
    static ArrowBuf[] decodeAll(List<ArrowBuf> in, CompressionCodec codec, BufferAllocator allocator) {
        int count = in.size();
        ArrowBuf[] out = new ArrowBuf[count];
        boolean done = false;
        try {
            for (int i = 0; i < count; i++) {
                ArrowBuf buffer = in.get(i);
                if (buffer.writerIndex() == 0) {
                    out[i] = buffer;
                    continue;
                }
                out[i] = codec.decompress(allocator, buffer);
                // as Arrow's loader does: decompressing gave up a reference to the input
                buffer.getReferenceManager().retain();
            }
            done = true;
            return out;
        } finally {
            if (!done) {
                closeDecoded(out, in);
            }
        }
    }

    /** Closes what {@link #decodeAll} made of {@code in} (null: nothing); the inputs themselves stay open. */
    static void closeDecoded(ArrowBuf[] decoded, List<ArrowBuf> in) {
        if (decoded == null) {
            return;
        }
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] != null && decoded[i] != in.get(i)) {
                decoded[i].close();
            }
        }
    }

    /** Frees what {@code codec}, made by this factory, holds outside the heap (a native context). */
    static void release(CompressionCodec codec) {
        if (codec instanceof Zstd zstd) {
            zstd.close();
        }
    }

    /** The declared uncompressed length of {@code compressed}, checked to fit one buffer. */
    private static long declaredLength(ArrowBuf compressed, String codec) {
        long length = compressed.getLong(0);
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new BufferFault(codec + " buffer declares an uncompressed length of " + length + " bytes", null,
                    null);
        }
        return length;
    }

    /** Codecs that only decompress; shared by both kinds. */
    private abstract static class DecodeOnly extends AbstractCompressionCodec {
        @Override
        protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
            throw new UnsupportedOperationException("Driftwatch writes Arrow data uncompressed");
        }

        @Override
        protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
            String codec = getCodecType().name();
            long length = declaredLength(compressed, codec);
            long prefix = CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;
            ByteBuffer in = compressed.nioBuffer(prefix, (int) (compressed.writerIndex() - prefix));
            ArrowBuf out = allocator.buffer(length);
            boolean done = false;
            try {
                ByteBuffer target = out.nioBuffer(0, (int) length);
                decode(in, target);
                if (target.hasRemaining()) {
                    throw new BufferFault(codec + " buffer decodes to " + target.position() + " bytes, not the "
                            + length + " it declares", null, null);
                }
                out.writerIndex(length);
                done = true;
                return out;
            } catch (IOException | RuntimeException e) {
                if (e instanceof BufferFault fault) {
                    throw fault;
                }
                throw new BufferFault("damaged " + codec + " buffer (" + e.getMessage() + ")", null, e);
            } finally {
                if (!done) {
                    out.close();
                }
            }
        }

        /**
         * Decodes all of {@code in} into {@code out}; fails when the data is damaged or does not
         * fit (a codec's own exception: its message is quoted).
         */
        abstract void decode(ByteBuffer in, ByteBuffer out) throws IOException;
    }

    /**
     * Zstandard: one frame (or several, concatenated) per buffer. Decoded by the reference C library
     * through zstd-jni (about twice the speed of the pure-Java decoder, measured in the README), or by
     * aircompressor's pure-Java decoder where the native library cannot load (an unlisted platform, a
     * temporary folder mounted noexec). One native context per instance, so one instance serves one
     * thread at a time; {@link #close} frees it.
     */
    private static final class Zstd extends DecodeOnly implements AutoCloseable {
        private ZstdDecompressCtx context;

        @Override
        public CompressionUtil.CodecType getCodecType() {
            return CompressionUtil.CodecType.ZSTD;
        }

        @Override
        void decode(ByteBuffer in, ByteBuffer out) {
            if (NativeZstd.AVAILABLE && in.isDirect() && out.isDirect()) {
                if (context == null) {
                    context = new ZstdDecompressCtx();
                }
                try {
                    int written = context.decompressDirectByteBuffer(out, out.position(), out.remaining(), in,
                            in.position(), in.remaining());
                    out.position(out.position() + written);
                } catch (ZstdException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            } else {
                new ZstdDecompressor().decompress(in, out);
            }
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    /** Whether zstd-jni's native library loads here; tried once, on the first ZSTD buffer. */
    private static final class NativeZstd {
        static final boolean AVAILABLE = load();

        private static boolean load() {
            try {
                Native.load();
                return true;
            } catch (UnsatisfiedLinkError | SecurityException e) {
                return false;
            }
        }
    }

    /**
     * The LZ4 frame format: one frame per buffer, decoded between two scratch arrays that grow as
     * needed and are reused from buffer to buffer (so one instance serves one thread at a time).
     */
    private static final class Lz4Frame extends DecodeOnly {
        private byte[] compressed = new byte[0];
        private byte[] decoded = new byte[0];

        @Override
        public CompressionUtil.CodecType getCodecType() {
            return CompressionUtil.CodecType.LZ4_FRAME;
        }

        @Override
        void decode(ByteBuffer in, ByteBuffer out) {
            int stored = in.remaining();
            int length = out.remaining();
            if (compressed.length < stored) {
                compressed = new byte[stored];
            }
            if (decoded.length < length) {
                decoded = new byte[length];
            }
            in.get(compressed, 0, stored);
            try {
                Lz4FrameDecoder.decode(compressed, 0, stored, decoded, length);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("a damaged block", e);
            }
            out.put(decoded, 0, length);
        }
    }
}
