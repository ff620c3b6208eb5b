package io.driftwatch.stats;

import static io.driftwatch.stats.KolmogorovSmirnovTestTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.stats.MannWhitneyTest.AlternativeHypothesis;
import io.driftwatch.stats.MannWhitneyTest.PValueMethod;
import org.junit.jupiter.api.Test;

class MannWhitneyTestTest {
    private static final MannWhitneyTest MW = MannWhitneyTest.withDefaults();
    private static final MannWhitneyTest TWO_SIDED = MW.withAlternative(AlternativeHypothesis.TWO_SIDED);

    // SciPy 1.17.1 mannwhitneyu(X, Y, alternative=...) with ties (asymptotic path).
    private static final double[] X = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    private static final double[] Y = {8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3};

    @Test
    void exactOneSidedMatchesEvidently() {
        // Oracle case visible-mannw-num-tiny_5_3-0: every reference value below every current value.
        TestResult r = MW.test(NumericSamples.clean(new double[] {-0.00288138, -1.13332, -0.786328, -1.74364, 0.138995},
                new double[] {0.966931, 0.581387, 0.254926}));
        assertThat(r.statistic()).isZero();
        assertThat(r.method()).isEqualTo("exact");
        assertClose(r.score(), 0.017857142857142856, 1e-12); // 1/56
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void asymptoticWithTiesMatchesScipy() {
        NumericSamples s = NumericSamples.clean(X, Y);
        TestResult less = MW.test(s);
        assertThat(less.method()).isEqualTo("asymptotic");
        assertClose(less.score(), 0.15966162541583945, 1e-10);
        assertClose(TWO_SIDED.test(s).score(), 0.3193232508316789, 1e-10);
    }

    @Test
    void exactDistributionForLargeOtherSideMatchesScipy() {
        // SciPy 1.17.1 mannwhitneyu(8 values, 3000 values, alternative="less", method="exact").
        double[] small = new double[8];
        double[] large = new double[3000];
        for (int i = 0; i < large.length; i++) {
            large[i] = i + 0.5;
        }
        for (int i = 0; i < small.length; i++) {
            small[i] = i * 300.0;
        }
        assertClose(MW.test(NumericSamples.ofSorted(small, large)).score(), 0.07228993744917009, 1e-8);
        for (int i = 0; i < small.length; i++) {
            small[i] = i;
        }
        assertClose(MW.test(NumericSamples.ofSorted(small, large)).score(), 6.472932402432116e-20, 1e-8);
    }

    @Test
    void twoSidedExactMatchesScipy() {
        // SciPy 1.17.1 mannwhitneyu(1..10, 11..21, alternative="two-sided", method="exact").
        double[] a = new double[10];
        double[] b = new double[11];
        for (int i = 0; i < a.length; i++) {
            a[i] = i + 1;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i + 11;
        }
        assertClose(TWO_SIDED.withPValueMethod(PValueMethod.EXACT).test(NumericSamples.ofSorted(a, b)).score(),
                5.670284308055206e-06, 1e-10);
    }

    @Test
    void twoSidedIsSymmetricInTheSides() {
        NumericSamples forward = NumericSamples.clean(X, Y);
        NumericSamples backward = NumericSamples.clean(Y, X);
        assertThat(TWO_SIDED.test(backward).score()).isEqualTo(TWO_SIDED.test(forward).score());
    }

    @Test
    void leftShiftOfCurrentLowersTwoSidedButNotEvidentlysOneSidedPValue() {
        double[] ref = new double[40];
        double[] cur = new double[40];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i;
            cur[i] = i - 15.5; // current shifted to the left
        }
        NumericSamples s = NumericSamples.ofSorted(ref, cur);
        assertThat(TWO_SIDED.test(s).score()).isLessThan(0.01);
        assertThat(MW.test(s).score()).isGreaterThan(0.99);
        assertThat(MW.withAlternative(AlternativeHypothesis.GREATER).test(s).score()).isLessThan(0.01);
    }

    @Test
    void allValuesTiedGivesPValueOne() {
        double[] ref = new double[50];
        double[] cur = new double[60];
        TestResult r = MW.test(NumericSamples.ofSorted(ref, cur));
        assertThat(r.statistic()).isEqualTo(1500.0); // half of 50 * 60
        assertThat(r.score()).isEqualTo(1.0);
    }

    @Test
    void singleValuePerSideIsAllowed() {
        // Oracle cases visible-mannw-num-tiny_1_1-*: p = P(U >= U2) with U in {0, 1}.
        assertThat(MW.test(NumericSamples.ofSorted(new double[] {2}, new double[] {1})).score()).isEqualTo(1.0);
        assertThat(MW.test(NumericSamples.ofSorted(new double[] {1}, new double[] {2})).score()).isEqualTo(0.5);
    }

    @Test
    void emptySideIsInsufficientData() {
        assertThatThrownBy(() -> MW.test(NumericSamples.ofSorted(new double[] {1}, new double[0])))
                .isInstanceOf(InsufficientDataException.class);
    }
}
