package io.driftwatch.stats;

import static io.driftwatch.stats.KolmogorovSmirnovTestTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.stats.CramerVonMisesTest.PValueMethod;
import org.junit.jupiter.api.Test;

class CramerVonMisesTestTest {
    private static final CramerVonMisesTest CVM = CramerVonMisesTest.withDefaults();

    @Test
    void exactPValueMatchesEvidently() {
        // Oracle case visible-cramer_von_mises-num-tiny_5_3-1 (Evidently 0.7.21 on SciPy 1.10.1).
        NumericSamples s = NumericSamples.clean(new double[] {0.03276, -0.396716, 0.235442, -1.15572, -0.996447},
                new double[] {1.54401, 1.17798, 1.61961});
        TestResult r = CVM.test(s);
        assertThat(r.method()).isEqualTo("exact");
        assertClose(r.statistic(), 0.6458333333333333, 1e-12);
        assertClose(r.score(), 0.03571428571428571, 1e-12); // 2/56: the most extreme split and its mirror
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void exactPValueOnUnbalancedSizes() {
        // Oracle case visible-cramer_von_mises-num-tiny_2_7-1.
        NumericSamples s = NumericSamples.clean(new double[] {0.785599, 0.850571},
                new double[] {0.674482, -0.364927, -0.104123, 0.77814, -0.096537, 0.89473, 0.5807});
        TestResult r = CVM.test(s);
        assertClose(r.statistic(), 0.3465608465608465, 1e-12);
        assertClose(r.score(), 0.16666666666666666, 1e-12);
    }

    @Test
    void limitingDistributionMatchesTabulatedQuantiles() {
        // Anderson & Darling (1952) / Csörgő & Faraway (1996) table of the limiting CvM distribution:
        // upper 10%, 5% and 1% points are 0.34730, 0.46136 and 0.74346.
        assertThat(1 - CramerVonMisesDistribution.limitingCdf(0.34730)).isCloseTo(0.10, within(1e-4));
        assertThat(1 - CramerVonMisesDistribution.limitingCdf(0.46136)).isCloseTo(0.05, within(1e-4));
        assertThat(1 - CramerVonMisesDistribution.limitingCdf(0.74346)).isCloseTo(0.01, within(1e-4));
    }

    @Test
    void identicalSamplesGivePValueOne() {
        double[] a = new double[40];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        TestResult r = CVM.test(NumericSamples.ofSorted(a, a.clone()));
        assertThat(r.method()).isEqualTo("asymptotic");
        assertThat(r.score()).isEqualTo(1.0);
    }

    @Test
    void tiesGetMidranks() {
        // All four values tied: every midrank is 2.5, so U = 2((2.5-1)^2 + (2.5-2)^2) * 2 = 10.
        assertThat(CramerVonMisesTest.rankStatisticU(new double[] {1, 1}, new double[] {1, 1})).isEqualTo(10.0);
    }

    @Test
    void fewerThanTwoValuesOnASideIsInsufficientData() {
        assertThatThrownBy(() -> CVM.test(NumericSamples.ofSorted(new double[] {1}, new double[] {1, 2, 3})))
                .isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void exactMethodRefusesLargeSamples() {
        double[] a = new double[31];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        assertThatThrownBy(() -> CVM.withPValueMethod(PValueMethod.EXACT).test(NumericSamples.ofSorted(a, a.clone())))
                .isInstanceOf(InapplicableTestException.class);
    }

    @Test
    void asymptoticMethodCanBeForcedOnSmallSamples() {
        TestResult r = CVM.withPValueMethod(PValueMethod.ASYMPTOTIC)
                .test(NumericSamples.ofSorted(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertThat(r.method()).isEqualTo("asymptotic");
        assertThat(r.score()).isBetween(0.0, 1.0);
    }
}
