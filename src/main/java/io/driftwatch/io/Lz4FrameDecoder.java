package io.driftwatch.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the LZ4 frame format (lz4.org, "LZ4 Frame Format Description" 1.6.x) into an array of
 * known length: the codec of compressed Arrow buffers ({@code LZ4_FRAME}).
 *
 * <p>Why here and not a library: pyarrow (Arrow C++ with LZ4F's default preferences) writes frames
 * of <em>linked</em> 64 KiB blocks, whose matches may reach back into the blocks before. The fast
 * pure-Java block decoders on Maven Central (aircompressor's, lz4-java's) refuse a match before the
 * block they are given, and the one that accepts them (Commons Compress's frame stream) decoded a
 * 1,000,000 × 50 Feather file at about 9 MB/s here (docs/formats.md). So the frame and block formats,
 * both short and fully specified, are decoded here, over heap arrays only, so that every read and
 * write is bounds-checked by the JVM: damaged or hostile input ends in an
 * {@link IllegalArgumentException} (or an {@link ArrayIndexOutOfBoundsException}, which the caller
 * treats alike), never in a read outside the input.
 *
 * <p>What is decoded: one or more frames, skippable frames skipped; linked and independent blocks;
 * compressed and stored blocks. Block and content checksums are skipped, not verified (xxHash32;
 * Arrow's reader does not verify them either). A frame that needs a dictionary is refused.
 *
 * <p>Deliberately low-level: indexed loops over {@code byte[]}, short sequences copied in 8-byte
 * words through a {@link VarHandle} view of the arrays (still bounds-checked), {@link System#arraycopy}
 * for long literals and for matches that do not overlap their own output.
 *
 * <p>Thread-safe: stateless.
 */
final class Lz4FrameDecoder {
    /** Little-endian 8-byte words of a {@code byte[]}, bounds-checked like any array access. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int MIN_MATCH = 4;

    private Lz4FrameDecoder() {
    }

    /** Decodes the frames in {@code in[from, to)} into {@code out}, which they must fill exactly. */
    static void decode(byte[] in, int from, int to, byte[] out) {
        decode(in, from, to, out, out.length);
    }

    /**
     * Decodes the frames in {@code in[from, to)} into {@code out[0, length)}, which they must fill
     * exactly ({@code out} may be longer: a reused scratch array).
     *
     * @throws IllegalArgumentException when the input is not LZ4 frames, is damaged, or does not
     *     decode to exactly {@code length} bytes
     */
    static void decode(byte[] in, int from, int to, byte[] out, int length) {
        int p = from;
        int o = 0;
        while (p < to) {
            int magic = intAt(in, p, to);
            p += 4;
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                int skip = intAt(in, p, to);
                if (skip < 0 || skip > to - p - 4) {
                    throw new IllegalArgumentException("a skippable frame runs past the data");
                }
                p += 4 + skip;
                continue;
            }
            if (magic != MAGIC) {
                throw new IllegalArgumentException(String.format("not an LZ4 frame (magic number %08X)", magic));
            }
            if (to - p < 3) {
                throw new IllegalArgumentException("the frame header is cut short");
            }
            int flags = in[p] & 0xFF;
            if ((flags >>> 6) != 1) {
                throw new IllegalArgumentException("unknown LZ4 frame version " + (flags >>> 6));
            }
            boolean independent = (flags & 0x20) != 0;
            boolean blockChecksum = (flags & 0x10) != 0;
            boolean contentSize = (flags & 0x08) != 0;
            boolean contentChecksum = (flags & 0x04) != 0;
            if ((flags & 0x01) != 0) {
                throw new IllegalArgumentException("the frame needs a dictionary, which Arrow data never uses");
            }
            p += 2 + (contentSize ? 8 : 0) + 1; // FLG, BD, content size, header checksum
            if (p > to) {
                throw new IllegalArgumentException("the frame header is cut short");
            }
            int frameStart = o;
            while (true) {
                int size = intAt(in, p, to);
                p += 4;
                if (size == 0) {
                    break; // end mark
                }
                boolean stored = size < 0;
                int blockLength = size & 0x7FFFFFFF;
                if (blockLength > to - p) {
                    throw new IllegalArgumentException("a block of " + blockLength + " bytes runs past the data");
                }
                if (stored) {
                    if (blockLength > length - o) {
                        throw new IllegalArgumentException("it decodes to more than the " + length
                                + " bytes declared");
                    }
                    System.arraycopy(in, p, out, o, blockLength);
                    o += blockLength;
                } else {
                    o = block(in, p, p + blockLength, out, o, independent ? o : frameStart, length);
                }
                p += blockLength + (blockChecksum ? 4 : 0);
            }
            p += contentChecksum ? 4 : 0;
            if (p > to) {
                throw new IllegalArgumentException("the frame's checksum is cut short");
            }
        }
        if (o != length) {
            throw new IllegalArgumentException("it decodes to " + o + " bytes, not the " + length + " declared");
        }
    }

    /**
     * Decodes one compressed block {@code in[p, end)} at {@code out[o…]}; matches may reach back to
     * {@code window}, writing nothing at or past {@code outLimit}. Returns the output position after
     * the block.
     *
     * <p>The fast path (most sequences: up to 14 literals, a match of up to 18 bytes whose offset is
     * at least 8, far from either end) copies in whole 8-byte words, possibly writing a few bytes past
     * the sequence's end: bytes the next sequences overwrite before anything reads them, and always
     * before {@code outLimit}. Everything else goes the checked way below.
     */
    private static int block(byte[] in, int p, int end, byte[] out, int o, int window, int outLimit) {
        int fastInEnd = end - 16 - 2;   // room for 16 literal bytes and the match offset
        int fastOutEnd = outLimit - 40; // room for 16 literal and 24 match bytes
        while (true) {
            if (p < fastInEnd && o < fastOutEnd) {
                int token = in[p] & 0xFF;
                int literals = token >>> 4;
                int match = token & 0x0F;
                if (literals != 15 && match != 15) {
                    long a = (long) LONGS.get(in, p + 1);
                    long b = (long) LONGS.get(in, p + 9);
                    LONGS.set(out, o, a);
                    LONGS.set(out, o + 8, b);
                    p += 1 + literals;
                    o += literals;
                    int offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
                    if (offset >= 8 && offset <= o - window) {
                        p += 2;
                        int from = o - offset;
                        LONGS.set(out, o, (long) LONGS.get(out, from));
                        LONGS.set(out, o + 8, (long) LONGS.get(out, from + 8));
                        LONGS.set(out, o + 16, (long) LONGS.get(out, from + 16));
                        o += match + MIN_MATCH;
                        continue;
                    }
                    // a short or bad offset: undo the literals and take the checked path
                    p -= 1 + literals;
                    o -= literals;
                }
            }
            if (p >= end) {
                throw new IllegalArgumentException("a block ends inside a sequence");
            }
            int token = in[p++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new IllegalArgumentException("a block ends inside a literal length");
                    }
                    b = in[p++] & 0xFF;
                    literals += b;
                } while (b == 255 && literals < Integer.MAX_VALUE - 255);
            }
            if (literals > end - p || literals > outLimit - o) {
                throw new IllegalArgumentException(literals > end - p ? "literals run past the block"
                        : "it decodes to more than the " + outLimit + " bytes declared");
            }
            System.arraycopy(in, p, out, o, literals);
            p += literals;
            o += literals;
            if (p == end) {
                return o; // the last sequence has literals only
            }
            if (end - p < 2) {
                throw new IllegalArgumentException("a block ends inside a match offset");
            }
            int offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
            p += 2;
            if (offset == 0 || offset > o - window) {
                throw new IllegalArgumentException("a match offset of " + offset + " reaches before the data");
            }
            int match = token & 0x0F;
            if (match == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new IllegalArgumentException("a block ends inside a match length");
                    }
                    b = in[p++] & 0xFF;
                    match += b;
                } while (b == 255 && match < Integer.MAX_VALUE - 255);
            }
            match += MIN_MATCH;
            if (match > outLimit - o) {
                throw new IllegalArgumentException("it decodes to more than the " + outLimit + " bytes declared");
            }
            int from = o - offset;
            if (offset >= match) {
                System.arraycopy(out, from, out, o, match);
            } else if (offset >= 8) {
                // overlapping, but each word reads bytes already written: word by word, the tail by bytes
                int i = 0;
                for (; i + 8 <= match; i += 8) {
                    LONGS.set(out, o + i, (long) LONGS.get(out, from + i));
                }
                for (; i < match; i++) {
                    out[o + i] = out[from + i];
                }
            } else {
                // the match overlaps what it writes: a repeating pattern of `offset` bytes
                for (int i = 0; i < match; i++) {
                    out[o + i] = out[from + i];
                }
            }
            o += match;
        }
    }

    private static int intAt(byte[] in, int p, int to) {
        if (to - p < 4) {
            throw new IllegalArgumentException("the data ends inside a frame");
        }
        return (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
    }
}
