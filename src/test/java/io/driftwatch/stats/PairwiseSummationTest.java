package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseSummationTest {

    @Test
    void reproducesNumpyOrder() {
        // numpy.sum(numpy.full(10, 0.1)) == 1.0 (eight accumulators, then the rest), while a plain
        // left-to-right sum gives 0.9999999999999999 (NumPy 2.4.6; same algorithm as 1.24).
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertThat(PairwiseSummation.sum(tenths)).isEqualTo(1.0);
        double plain = 0;
        for (double x : tenths) {
            plain += x;
        }
        assertThat(plain).isEqualTo(0.9999999999999999);
    }

    @Test
    void streamedTermsSumExactlyLikeTheArray() {
        Random random = new Random(42);
        for (int n : new int[] {0, 1, 7, 8, 127, 128, 129, 1000, 4099}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextGaussian() * Math.exp(random.nextGaussian() * 5);
            }
            int[] next = {0};
            double streamed = PairwiseSummation.sum((buffer, count) -> {
                System.arraycopy(a, next[0], buffer, 0, count);
                next[0] += count;
            }, n);
            assertThat(streamed).as("n = %d", n).isEqualTo(PairwiseSummation.sum(a));
            assertThat(next[0]).isEqualTo(n);
        }
    }
}
