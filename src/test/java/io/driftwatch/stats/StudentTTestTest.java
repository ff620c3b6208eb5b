package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StudentTTestTest {
    private static final StudentTTest T = StudentTTest.withDefaults();

    @Test
    void matchesScipyOnSmallSamples() {
        // oracle visible-t_test-num-tiny_3_3-1: SciPy p = 0.04926817628118631, t = -2.790871872348079
        TestResult r = T.test(NumericSamples.clean(new double[] {-0.521448, 0.0979697, -1.72324},
                new double[] {0.778284, 0.604772, 1.12846}));
        assertThat(r.score()).isCloseTo(0.04926817628118631, within(1e-17));
        assertThat(r.statistic()).isCloseTo(-2.790871872348079, within(1e-14));
        assertThat(r.drifted()).isTrue();
        // oracle visible-t_test-num-tiny_5_3-0: unequal sizes, p = 0.9682351504929643, t = -0.04151132922080736
        TestResult u = T.test(NumericSamples.clean(new double[] {0.240849, -0.103365, 2.4992, 1.18773, 0.322481},
                new double[] {1.88116, 0.26257, 0.435128}));
        assertThat(u.score()).isCloseTo(0.9682351504929643, within(1e-14));
        assertThat(u.statistic()).isCloseTo(-0.04151132922080736, within(1e-15));
    }

    @Test
    void identicalConstantSamplesGivePOne() {
        double[] r = new double[50];
        double[] c = new double[60];
        Arrays.fill(r, 0.1);
        Arrays.fill(c, 0.1);
        TestResult result = T.test(NumericSamples.clean(r, c));
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.statistic()).isZero();
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void differentConstantSamplesGivePZero() {
        double[] r = new double[5];
        double[] c = new double[7];
        Arrays.fill(r, 2.0);
        Arrays.fill(c, 1.0);
        TestResult result = T.test(NumericSamples.clean(r, c));
        assertThat(result.score()).isZero();
        assertThat(result.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void oneConstantSideUsesTheOtherSidesVariance() {
        // pooled variance = (0 + 2·1)/3, t = (1 − 3)/sqrt(2/3 · (1/2 + 1/3))
        TestResult r = T.test(NumericSamples.clean(new double[] {1, 1}, new double[] {2, 3, 4}));
        assertThat(r.statistic()).isCloseTo(-2 / Math.sqrt(2.0 / 3 * (1.0 / 2 + 1.0 / 3)), within(1e-15));
    }

    @Test
    void singleValueSideGivesNaNAndNoDrift() {
        TestResult r = T.test(NumericSamples.clean(new double[] {1.0}, new double[] {1, 2, 3, 4, 5}));
        assertThat(r.score()).isNaN();
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void emptyAndCategoricalInputsThrow() {
        assertThatThrownBy(() -> T.test(NumericSamples.clean(new double[0], new double[] {1, 2})))
                .isInstanceOf(InsufficientDataException.class);
        assertThatThrownBy(() -> T.test(CategoryCounts.ofLabels(new String[] {"a"}, new long[] {2}, new long[] {2})))
                .isInstanceOf(InapplicableTestException.class);
    }
}
