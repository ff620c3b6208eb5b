package io.driftwatch.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.validate.ValidateUtil;

/**
 * The oracle for a table read from Arrow bytes: Arrow Java's own reader (compressed buffers decoded by
 * Arrow's own codecs, not Driftwatch's), with every vector and
 * dictionary checked by {@link ValueVector#validateFull()} (offsets in order and inside their data
 * buffer, buffers as long as the row count needs). The Driftwatch reader walks Arrow's buffers
 * through raw memory addresses; if it returns a table from data this validation refuses, it read
 * outside a buffer, which crashes the JVM only when the memory there happens not to be mapped.
 *
 * <p>Thread-safe: stateless.
 */
final class ArrowValidation {
    private static final byte[] FILE_MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};

    private ArrowValidation() {
    }

    /** Fails unless Arrow Java reads {@code input} and finds every vector valid. */
    static void assertValid(byte[] input) {
        String refusal;
        try {
            refusal = validate(input);
        } catch (IOException | RuntimeException e) {
            refusal = checksumOnly(e) ? null : e.toString();
        }
        if (refusal != null) {
            throw new AssertionError("the reader returned a table from Arrow data that Arrow Java refuses ("
                    + refusal + "): it read past a buffer");
        }
    }

    /** Why Arrow Java refuses {@code input}, or null; a leak on closing is not a refusal. */
    private static String validate(byte[] input) throws IOException {
        RootAllocator allocator = new RootAllocator();
        try {
            if (startsWithMagic(input)) {
                try (ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(input),
                        allocator, CommonsCompressionFactory.INSTANCE)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    for (ArrowBlock block : reader.getRecordBlocks()) {
                        reader.loadRecordBatch(block);
                        validateBatch(root, reader);
                    }
                }
            } else {
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(input), allocator,
                        CommonsCompressionFactory.INSTANCE)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    while (reader.loadNextBatch()) {
                        validateBatch(root, reader);
                    }
                }
            }
            return null;
        } finally {
            try {
                allocator.close();
            } catch (IllegalStateException leaked) {
                // Arrow Java's own leak on malformed data; the Driftwatch reader is checked for leaks apart
            }
        }
    }

    private static void validateBatch(VectorSchemaRoot root, org.apache.arrow.vector.ipc.ArrowReader reader)
            throws IOException {
        for (FieldVector vector : root.getFieldVectors()) {
            if (vector instanceof Float2Vector half) {
                validateHalfFloats(half); // Arrow Java's validator does not know float16 ("Unknown type")
            } else {
                validateFull(vector);
            }
        }
        for (long id : reader.getDictionaryIds()) {
            validateFull(reader.getDictionaryVectors().get(id).getVector());
        }
    }

    /**
     * Whether Arrow's LZ4 codec refused only an LZ4 frame's xxHash32 checksum: Driftwatch's decoder
     * skips those checksums (docs/formats.md), so its table says nothing about reading past a buffer.
     */
    private static boolean checksumOnly(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("checksum mismatch")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link ValueVector#validateFull()}, but malformed UTF-8 is no refusal: the reader turns it into
     * U+FFFD on purpose, as {@code new String(bytes, UTF_8)} does. Arrow checks a string vector's
     * offsets (in order, inside the data) before its UTF-8, so those were checked when it says so.
     */
    private static void validateFull(ValueVector vector) {
        try {
            vector.validateFull();
        } catch (ValidateUtil.ValidateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Non-UTF-8 data")) {
                throw e;
            }
        }
    }

    /** What {@code validateFull} checks of a fixed-width vector: buffers as long as its rows need. */
    private static void validateHalfFloats(Float2Vector vector) {
        long rows = vector.getValueCount();
        if (vector.getDataBuffer().capacity() < rows * Float2Vector.TYPE_WIDTH) {
            throw new IllegalArgumentException("float16 data buffer of " + vector.getDataBuffer().capacity()
                    + " bytes for " + rows + " values");
        }
        if (vector.getNullCount() > 0 && vector.getValidityBuffer().capacity() < (rows + 7) / 8) {
            throw new IllegalArgumentException("float16 validity buffer of " + vector.getValidityBuffer().capacity()
                    + " bytes for " + rows + " values");
        }
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
}
