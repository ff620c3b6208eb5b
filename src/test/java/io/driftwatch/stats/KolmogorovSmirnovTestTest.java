package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.driftwatch.stats.KolmogorovSmirnovTest.PValueMethod;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KolmogorovSmirnovTestTest {
    private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

    /** Oracle case visible-ks-num-tiny_5_3-0 (Evidently 0.7.21 / SciPy 1.10.1 ks_2samp). */
    private static final double[] REF_5 = {-0.972907, -0.212509, 0.374146, 0.372447, -0.678612};
    private static final double[] CUR_3 = {0.175409, 1.12868, -0.071543};

    @Test
    void matchesScipyExactAndAsymptoticOnUnequalSizes() {
        NumericSamples s = NumericSamples.clean(REF_5, CUR_3);
        TestResult exact = KS.test(s);
        assertThat(exact.statistic()).isEqualTo(0.6);
        assertThat(exact.method()).isEqualTo("exact");
        assertClose(exact.score(), 0.4642857142857143, 1e-12);
        assertThat(exact.drifted()).isFalse();
        // details.ks_pvalue_asymp of the same case: kstwo.sf(0.6, round(1.875) = 2).
        TestResult asymptotic = KS.withPValueMethod(PValueMethod.ASYMPTOTIC).test(s);
        assertThat(asymptotic.method()).isEqualTo("asymptotic");
        assertClose(asymptotic.score(), 0.32000000000000006, 1e-12);
    }

    @Test
    void matchesScipyExactOnEqualSizes() {
        // Oracle case visible-ks-num-tiny_3_3-1: D = 2/3, p = 0.6.
        NumericSamples s = NumericSamples.clean(new double[] {0.33668, -1.92257, 0.755726},
                new double[] {0.783123, 0.385294, 1.05429});
        TestResult r = KS.test(s);
        assertThat(r.statistic()).isEqualTo(0.6666666666666666);
        assertClose(r.score(), 0.6, 1e-12);
    }

    static Stream<Arguments> kstwoGolden() {
        // scipy.stats.kstwo.sf(x, n), SciPy 1.17.1 (same _ksstats algorithm as 1.10), one per branch.
        return Stream.of(
                Arguments.of(100, 0.15, 0.019839242125641813), // Pomeranz
                Arguments.of(100, 0.05, 0.9532159710635725), // Durbin matrix, n <= 140
                Arguments.of(10000, 0.0135, 0.05177037642783333), // Pelz-Good
                Arguments.of(10000, 0.02, 0.0006616848639387309), // 2 * Smirnov, n x^2 >= 2.2
                Arguments.of(500, 0.3, 2.0976835679070943e-40), // 2 * Smirnov, deep tail
                Arguments.of(50, 0.6, 9.634070456142374e-18), // exact 2 * Smirnov, x >= 1/2
                Arguments.of(5, 0.9, 1.9999999999999978e-05), // Ruben-Gambino, n x >= n - 1
                Arguments.of(10, 0.08, 0.9999978058034054)); // Ruben-Gambino, n x <= 1
    }

    @ParameterizedTest
    @MethodSource("kstwoGolden")
    void oneSampleKolmogorovSurvivalMatchesScipyInEveryBranch(int n, double x, double expected) {
        assertClose(KolmogorovDistribution.sf(n, x), expected, 1e-9);
    }

    @Test
    void identicalSamplesGiveZeroStatisticAndPValueOne() {
        double[] a = {1, 2, 2, 3, 5};
        TestResult r = KS.test(NumericSamples.ofSorted(a, a.clone()));
        assertThat(r.statistic()).isZero();
        assertThat(r.score()).isEqualTo(1.0);
    }

    @Test
    void distinctConstantSamplesGiveStatisticOne() {
        double[] ref = new double[50];
        double[] cur = new double[60];
        java.util.Arrays.fill(cur, 1.0);
        TestResult r = KS.test(NumericSamples.ofSorted(ref, cur));
        assertThat(r.statistic()).isEqualTo(1.0);
        // Oracle case visible-ks-num-constant_diff-0.
        assertClose(r.score(), 3.186853303986419e-32, 1e-7);
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void tiesJumpBothEmpiricalDistributionsTogether() {
        // F_R - F_C at 1: 2/3 - 1/3, at 2: 1 - 1, so D = 1/3 (not 2/3, which ignoring ties would give).
        double d = KS.statistic(new double[] {1, 1, 2}, new double[] {1, 2, 2});
        assertThat(d).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void statisticIsSymmetric() {
        assertThat(KS.statistic(curSorted(), refSorted())).isEqualTo(KS.statistic(refSorted(), curSorted()));
    }

    @Test
    void emptySideIsInsufficientData() {
        assertThatThrownBy(() -> KS.test(NumericSamples.ofSorted(new double[0], new double[] {1})))
                .isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void categoricalColumnIsInapplicable() {
        CategoryCounts counts = CategoryCounts.ofLabels(new String[] {"a"}, new long[] {1}, new long[] {1});
        assertThatThrownBy(() -> KS.test(counts)).isInstanceOf(InapplicableTestException.class);
    }

    @Test
    void autoUsesAsymptoticAboveTenThousand() {
        double[] a = new double[10_001];
        double[] b = new double[10_001];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
            b[i] = i + 0.5;
        }
        assertThat(KS.test(NumericSamples.ofSorted(a, b)).method()).isEqualTo("asymptotic");
        assertThat(KS.withPValueMethod(PValueMethod.EXACT).test(NumericSamples.ofSorted(a, b)).method())
                .isEqualTo("exact");
    }

    private static double[] refSorted() {
        return NumericSamples.cleanSorted(REF_5);
    }

    private static double[] curSorted() {
        return NumericSamples.cleanSorted(CUR_3);
    }

    @Test
    void statisticEqualsTheEcdfDifferenceAtEveryDistinctValueWithHeavyTiesAndSignedZeros() {
        // The merge takes values without branching and compares only at the end of each tie run; check it
        // against the definition: max over distinct pooled x of |#{r <= x}/n - #{c <= x}/m|, same doubles.
        double[] pool = {-3.5, -1, -0.0, 0.0, 0.25, 1, 2, 1e300};
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            double[] r = sample(random, pool, 1 + random.nextInt(trial < 250 ? 12 : 400));
            double[] c = sample(random, pool, 1 + random.nextInt(trial < 250 ? 12 : 400));
            double expected = 0;
            for (double[] side : new double[][] {r, c}) {
                for (double x : side) {
                    expected = Math.max(expected, Math.abs(countAtMost(r, x) / (double) r.length
                            - countAtMost(c, x) / (double) c.length));
                }
            }
            assertThat(KS.statistic(r, c)).as("trial %d", trial).isEqualTo(expected);
        }
    }

    static double[] sample(SplittableRandom random, double[] pool, int size) {
        double[] a = new double[size];
        // Some samples spread over many values, some over few (long runs of ties).
        int distinct = 1 + random.nextInt(pool.length);
        for (int i = 0; i < size; i++) {
            a[i] = random.nextInt(4) == 0 ? random.nextGaussian() : pool[random.nextInt(distinct)];
        }
        Arrays.sort(a);
        return a;
    }

    private static int countAtMost(double[] sorted, double x) {
        int k = 0;
        for (double v : sorted) {
            if (v <= x) {
                k++;
            }
        }
        return k;
    }

    static void assertClose(double actual, double expected, double relative) {
        assertThat(actual).isCloseTo(expected, within(relative * Math.abs(expected)));
    }
}
