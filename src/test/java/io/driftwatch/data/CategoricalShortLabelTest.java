package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Short labels looked up by their bytes as a word get the codes the byte-by-byte lookup gives. */
class CategoricalShortLabelTest {

    private static long word(byte[] label) {
        long word = 0;
        for (int i = label.length - 1; i >= 0; i--) {
            word = word << 8 | (label[i] & 0xff);
        }
        return word;
    }

    @Test
    void aLabelHasOneCodeWhicheverWayItIsLookedUp() {
        SplittableRandom random = new SplittableRandom(3);
        CategoricalColumnBuilder byWord = new CategoricalColumnBuilder("c", 16);
        CategoricalColumnBuilder byBytes = new CategoricalColumnBuilder("c", 16);
        // thousands of labels, so that both tables grow many times, met in random order and ways
        for (int i = 0; i < 40_000; i++) {
            int length = random.nextInt(1, 8);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < length; k++) {
                text.append((char) random.nextInt(33, 127));
            }
            if (random.nextInt(3) == 0) {
                text.setLength(1 + random.nextInt(length)); // many repeats of the shorter labels
            }
            byte[] label = text.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[label.length + 5];
            System.arraycopy(label, 0, buf, 2, label.length);
            int expected = byBytes.codeOfAscii(buf, 2, label.length);
            int code = random.nextBoolean() ? byWord.codeOfShortAscii(word(label), buf, 2, label.length)
                    : byWord.codeOfAscii(buf, 2, label.length);
            assertThat(code).as(text.toString()).isEqualTo(expected);
            assertThat(byWord.codeOfShortAscii(word(label), buf, 2, label.length)).as(text.toString())
                    .isEqualTo(expected);
        }
        assertThat(byWord.dictionarySize()).isEqualTo(byBytes.dictionarySize()).isGreaterThan(10_000);
    }
}
