package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShortLabelCodesTest {

    @Test
    void keepsValuesApartThatDifferOnlyInLengthOrInTheSecondWord() {
        ShortLabelCodes codes = new ShortLabelCodes();
        codes.put(0x61L, 0L, 1, 0);       // "a"
        codes.put(0x61L, 0L, 2, 1);       // "a\0"
        codes.put(0x61L, 0x62L, 9, 2);    // "a" + 7 × "\0" + "b"

        assertThat(codes.find(0x61L, 0L, 1)).isZero();
        assertThat(codes.find(0x61L, 0L, 2)).isEqualTo(1);
        assertThat(codes.find(0x61L, 0x62L, 9)).isEqualTo(2);
        assertThat(codes.find(0x61L, 0L, 3)).isEqualTo(-1);
    }

    @Test
    void findsEveryValueAfterGrowing() {
        ShortLabelCodes codes = new ShortLabelCodes();
        for (int i = 0; i < 10_000; i++) {
            codes.put(i * 31L, i, 8 + i % 9, i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(codes.find(i * 31L, i, 8 + i % 9)).isEqualTo(i);
        }
    }

    @Test
    void stopsTakingValuesPastItsLimitButKeepsThoseItHas() {
        ShortLabelCodes codes = new ShortLabelCodes();
        for (int i = 0; i < 70_000; i++) {
            codes.put(i, 0L, 4, i);
        }
        assertThat(codes.find(65_535, 0L, 4)).isEqualTo(65_535);
        assertThat(codes.find(65_536, 0L, 4)).isEqualTo(-1);
    }

    @Test
    void masksAWordToTheValuesBytes() {
        long word = 0x1122334455667788L;
        assertThat(ShortLabelCodes.low(word, 0)).isZero();
        assertThat(ShortLabelCodes.low(word, -3)).isZero();
        assertThat(ShortLabelCodes.low(word, 3)).isEqualTo(0x667788L);
        assertThat(ShortLabelCodes.low(word, 8)).isEqualTo(word);
        assertThat(ShortLabelCodes.low(word, 12)).isEqualTo(word);
    }
}
