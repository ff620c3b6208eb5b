package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EppsSingletonTestTest {
    private static final EppsSingletonTest ES = EppsSingletonTest.withDefaults();

    @Test
    void matchesScipyWithSmallSampleCorrection() {
        // oracle visible-es-num-tiny_5_5-0: SciPy W = 20.366599066565545, p = 0.00042268726402722043
        TestResult r = ES.test(NumericSamples.clean(new double[] {0.287382, 0.830406, 0.0327335, -0.207739, -0.180839},
                new double[] {-0.37036, 1.27779, 1.18453, 1.37168, 1.47151}));
        assertThat(r.statistic()).isCloseTo(20.366599066565545, within(1e-10));
        assertThat(r.score()).isCloseTo(0.00042268726402722043, within(1e-13));
        assertThat(r.drifted()).isTrue();
        // oracle visible-es-num-tiny_5_5-1: W = 2.4031410843242917, p = 0.6620596948043624
        TestResult s = ES.test(NumericSamples.clean(new double[] {0.514013, 0.636403, 1.06094, 0.891659, 1.92359},
                new double[] {-0.712489, 0.506215, 0.619187, 1.42076, -0.880412}));
        assertThat(s.statistic()).isCloseTo(2.4031410843242917, within(1e-11));
        assertThat(s.score()).isCloseTo(0.6620596948043624, within(1e-11));
    }

    @Test
    void differentConstantsAreMaximalDrift() {
        double[] r = new double[50];
        double[] c = new double[60];
        Arrays.fill(r, 0.5);
        Arrays.fill(c, 1.5);
        assertThat(ES.test(NumericSamples.clean(r, c)).score()).isZero();
    }

    @Test
    void zeroInterquartileRangeIsInsufficientData() {
        double[] r = {1, 1, 1, 1, 1, 1, 2};
        double[] c = {1, 1, 1, 1, 1, 1, 0};
        assertThatThrownBy(() -> ES.test(NumericSamples.clean(r, c))).isInstanceOf(InsufficientDataException.class)
                .hasMessageContaining("interquartile range");
    }

    @Test
    void fewerThanFiveValuesIsInsufficientData() {
        assertThatThrownBy(() -> ES.test(NumericSamples.clean(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4, 5})))
                .isInstanceOf(InsufficientDataException.class).hasMessageContaining("at least 5");
    }

    @Test
    void categoricalColumnsAreInapplicable() {
        assertThatThrownBy(() -> ES.test(CategoryCounts.ofLabels(new String[] {"a"}, new long[] {9}, new long[] {9})))
                .isInstanceOf(InapplicableTestException.class);
    }

    @Test
    void pooledOrderStatisticsMatchAMergedSort() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = new double[random.nextInt(20)];
            double[] y = new double[1 + random.nextInt(20)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(8);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextInt(8);
            }
            Arrays.sort(x);
            Arrays.sort(y);
            double[] pool = new double[x.length + y.length];
            System.arraycopy(x, 0, pool, 0, x.length);
            System.arraycopy(y, 0, pool, x.length, y.length);
            Arrays.sort(pool);
            for (int k = 0; k < pool.length; k++) {
                assertThat(EppsSingletonTest.kthOfUnion(x, y, k)).isEqualTo(pool[k]);
            }
        }
    }

    @Test
    void interquartileRangeUsesNumpyLinearInterpolation() {
        // np.percentile([1..10], [25, 75]) = [3.25, 7.75]
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {6, 7, 8, 9, 10};
        assertThat(EppsSingletonTest.pooledInterquartileRange(x, y)).isEqualTo(4.5);
    }
}
