package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExceedancesTest {

    @Test
    void matchesTheRatioOfBinomialCoefficients() {
        // C(m, k) / C(n + m, k), computed exactly with Python's math.comb and fractions.Fraction.
        assertThat(Exceedances.tailProbability(2000, 2000, 1)).isEqualTo(0.5);
        assertThat(Exceedances.tailProbability(2000, 2000, 13)).isCloseTo(0.00011970567845316109, within(1e-17));
        assertThat(Exceedances.tailProbability(30000, 100, 2)).isCloseTo(1.0927394746837098e-05, within(1e-18));
        assertThat(Exceedances.tailProbability(10, 1_000_000, 5)).isCloseTo(0.9999500013999707, within(1e-13));
    }

    @Test
    void edgesOfTheCount() {
        assertThat(Exceedances.tailProbability(10, 10, 0)).isEqualTo(1.0);
        assertThat(Exceedances.tailProbability(10, 10, 11)).isZero();
        assertThat(Exceedances.tailProbability(0, 10, 10)).isEqualTo(1.0);
    }

    @Test
    void minimumCountIsTheFirstCountWhoseTailIsAtMostAlpha() {
        long k = Exceedances.minimumCount(2000, 2000, 0.01 / 50);
        assertThat(Exceedances.tailProbability(2000, 2000, k)).isLessThanOrEqualTo(0.01 / 50);
        assertThat(Exceedances.tailProbability(2000, 2000, k - 1)).isGreaterThan(0.01 / 50);
        assertThat(k).isEqualTo(13);
    }

    @Test
    void aSmallBatchAgainstALargeReferenceNeedsFewExceedances() {
        assertThat(Exceedances.minimumCount(30000, 100, 0.01)).isEqualTo(1);
        assertThat(Exceedances.minimumCount(30000, 100, 1e-4)).isEqualTo(2);
    }

    @Test
    void noCountIsEnoughWithoutAReferenceOrWithTooFewCurrentValues() {
        assertThat(Exceedances.minimumCount(0, 100, 0.01)).isEqualTo(101);
        assertThat(Exceedances.minimumCount(100, 3, 1e-6)).isEqualTo(4);
    }

    @Test
    void batchesDrawnAlikeExceedTheBoundAtMostAlphaOfTheTime() {
        // 2,000 exchangeable splits of 200 standard uniforms into 100 + 100: the share of splits with
        // at least minimumCount values above the reference's maximum stays below alpha = 0.05.
        SplittableRandom random = new SplittableRandom(7);
        long k = Exceedances.minimumCount(100, 100, 0.05);
        int hits = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] cur = new double[100];
            for (int i = 0; i < 100; i++) {
                max = Math.max(max, random.nextDouble());
                cur[i] = random.nextDouble();
            }
            int above = 0;
            for (double v : cur) {
                above += v > max ? 1 : 0;
            }
            hits += above >= k ? 1 : 0;
        }
        assertThat(hits / 2000.0).isLessThanOrEqualTo(0.05).isGreaterThan(0.01);
    }

    @Test
    void refusesNegativeSizesAndLevelsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> Exceedances.tailProbability(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample sizes");
        assertThatThrownBy(() -> Exceedances.minimumCount(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
