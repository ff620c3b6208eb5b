package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The MT19937 port against outputs of NumPy's legacy RandomState (NumPy 1.24 and 2.x agree). */
class MersenneTwisterTest {

    @Test
    void randomSampleMatchesNumpySeedZero() {
        // np.random.seed(0); [np.random.random_sample() for _ in range(4)]
        MersenneTwister rng = new MersenneTwister(0);
        assertThat(rng.nextDouble()).isEqualTo(0.5488135039273248);
        assertThat(rng.nextDouble()).isEqualTo(0.7151893663724195);
        assertThat(rng.nextDouble()).isEqualTo(0.6027633760716439);
        assertThat(rng.nextDouble()).isEqualTo(0.5448831829968969);
    }

    @Test
    void rawOutputsMatchReferenceImplementationSeed5489() {
        // Matsumoto & Nishimura's mt19937ar with init_genrand(5489); also
        // np.random.RandomState(5489).randint(0, 2**32, dtype=np.uint64).
        MersenneTwister rng = new MersenneTwister(5489);
        assertThat(rng.nextInt32() & 0xffffffffL).isEqualTo(3499211612L);
        assertThat(rng.nextInt32() & 0xffffffffL).isEqualTo(581869302L);
        assertThat(rng.nextInt32() & 0xffffffffL).isEqualTo(3890346734L);
    }

    @Test
    void permutationMatchesNumpy() {
        // np.random.seed(0); np.random.permutation(10)
        assertThat(new MersenneTwister(0).permutation(10)).containsExactly(2, 8, 4, 9, 1, 6, 7, 3, 0, 5);
        // np.random.seed(12345); np.random.permutation(20)
        assertThat(new MersenneTwister(12345).permutation(20))
                .containsExactly(13, 8, 16, 3, 15, 12, 0, 10, 7, 11, 6, 17, 19, 18, 14, 9, 4, 1, 5, 2);
        // np.random.seed(0); np.random.permutation(300)[:10]: crosses the 8-bit mask boundary
        int[] p = new MersenneTwister(0).permutation(300);
        assertThat(java.util.Arrays.copyOf(p, 10)).containsExactly(208, 188, 12, 221, 239, 136, 230, 206, 52, 108);
    }

    @Test
    void choiceWithoutReplacementIsPermutationPrefix() {
        // np.random.seed(0); np.random.choice(7, 3, replace=False) -> [6 2 1]
        int[] p = new MersenneTwister(0).permutation(7);
        assertThat(java.util.Arrays.copyOf(p, 3)).containsExactly(6, 2, 1);
    }

    @Test
    void choiceWithProbabilitiesMatchesNumpy() {
        // np.random.seed(0); np.random.choice(3, 12, p=[0.5, 0.3, 0.2])
        assertThat(new MersenneTwister(0).choice(new double[] {0.5, 0.3, 0.2}, 12))
                .containsExactly(1, 1, 1, 1, 0, 1, 0, 2, 2, 0, 1, 1);
        // np.random.seed(7); np.random.choice(4, 8, p=[0.1, 0.2, 0.3, 0.4])
        assertThat(new MersenneTwister(7).choice(new double[] {0.1, 0.2, 0.3, 0.4}, 8))
                .containsExactly(0, 3, 2, 3, 3, 2, 2, 0);
        // np.random.seed(0); np.random.choice(3, 6, p=[0.0, 1/3, 2/3]): a zero share is never drawn
        assertThat(new MersenneTwister(0).choice(new double[] {0.0, 1.0 / 3, 2.0 / 3}, 6))
                .containsExactly(2, 2, 2, 2, 2, 2);
    }

    @Test
    void choiceRejectsProbabilitiesNumpyRejects() {
        assertThatThrownBy(() -> new MersenneTwister(0).choice(new double[] {0.5, 0.4}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not sum to 1");
        assertThatThrownBy(() -> new MersenneTwister(0).choice(new double[] {1.5, -0.5}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThatThrownBy(() -> new MersenneTwister(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MersenneTwister(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        new MersenneTwister(0xffffffffL).nextInt32();
    }

    @Test
    void pairwiseSummationRoundsLikeNumpy() {
        // np.sum(np.full(60, 0.1)) and np.mean(...): the rounding behind Evidently's fp-sensitive t-tests
        double[] tenths = new double[60];
        java.util.Arrays.fill(tenths, 0.1);
        assertThat(PairwiseSummation.sum(tenths, 0, 60)).isEqualTo(5.999999999999998);
        assertThat(PairwiseSummation.mean(tenths, 0, 60)).isEqualTo(0.09999999999999996);
        // np.sum(np.sin(np.arange(333))): recursion above the 128-value block
        double[] sines = new double[333];
        for (int i = 0; i < sines.length; i++) {
            sines[i] = Math.sin(i);
        }
        assertThat(PairwiseSummation.sum(sines, 0, 333)).isCloseTo(0.00444619267195856,
                org.assertj.core.data.Offset.offset(1e-15));
    }
}
