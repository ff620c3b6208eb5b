package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The LZ4 frame decoder on a frame written by the lz4 tool (linked blocks) and on hand-made frames
 * (byte layouts from the LZ4 frame and block format descriptions) that are damaged or hostile.
 */
class Lz4FrameDecoderTest {
    /** A frame header without options (FLG: version 1, independent blocks; BD: 64 KiB; HC byte). */
    private static final byte[] HEADER = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, (byte) 0x82};

    private static byte[] frame(byte[]... blocks) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN).put(HEADER);
        for (byte[] block : blocks) {
            b.putInt(block.length).put(block);
        }
        b.putInt(0);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void decodesLinkedBlocksWrittenByTheLz4Tool() throws IOException {
        byte[] frame = Files.readAllBytes(FormatFixtures.fixture("linked-blocks.lz4"));
        byte[] out = new byte[160_000];

        Lz4FrameDecoder.decode(frame, 0, frame.length, out);

        ByteBuffer values = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 20_000; i++) {
            assertThat(values.getLong()).as("value %d", i).isEqualTo((i % 500) * 2654435761L);
        }
    }

    @Test
    void decodesLiteralsThenAnOverlappingMatch() {
        // token 0x21: 2 literals "ab", match of 1 + 4 bytes at offset 2 -> "ababababa"... then 0x10 "!"
        byte[] block = {0x21, 'a', 'b', 0x02, 0x00, 0x10, '!'};
        byte[] out = new byte[8];

        Lz4FrameDecoder.decode(frame(block), 0, frame(block).length, out);

        assertThat(new String(out, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abababa!");
    }

    @Test
    void refusesAMatchReachingBeforeTheData() {
        byte[] block = {0x10, 'a', 0x05, 0x00, 0x10, '!'};
        byte[] frame = frame(block);

        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, 0, frame.length, new byte[64]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a match offset of 5 reaches before the data");
    }

    @Test
    void refusesAMatchIntoAnEarlierIndependentBlock() {
        byte[] first = {0x40, 'a', 'b', 'c', 'd'};
        byte[] second = {0x00, 0x04, 0x00, 0x10, '!'};
        byte[] frame = frame(first, second);

        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, 0, frame.length, new byte[9]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a match offset of 4 reaches before the data");
    }

    @Test
    void refusesOutputLongerOrShorterThanDeclared() {
        byte[] block = {0x21, 'a', 'b', 0x02, 0x00, 0x10, '!'};
        byte[] frame = frame(block);

        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, 0, frame.length, new byte[5]))
                .hasMessage("it decodes to more than the 5 bytes declared");
        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, 0, frame.length, new byte[20]))
                .hasMessage("it decodes to 8 bytes, not the 20 declared");
    }

    @Test
    void refusesATruncatedFrameAndSomethingElse() {
        byte[] block = {0x21, 'a', 'b', 0x02, 0x00, 0x10, '!'};
        byte[] frame = frame(block);

        assertThatThrownBy(() -> Lz4FrameDecoder.decode(frame, 0, frame.length - 6, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lz4FrameDecoder.decode(new byte[] {1, 2, 3, 4, 5}, 0, 5, new byte[8]))
                .hasMessage("not an LZ4 frame (magic number 04030201)");
    }
}
