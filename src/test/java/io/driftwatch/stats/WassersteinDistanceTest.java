package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WassersteinDistanceTest {
    private static final WassersteinDistance W = WassersteinDistance.withDefaults();

    @Test
    void shiftByOneIsNormalisedByReferenceStd() {
        // {0,1,2,3} vs {1,2,3,4}: the ECDFs differ by 1/4 over [0, 4], W1 = 1; std(ref, ddof 0) = sqrt(1.25);
        // score = 1/sqrt(1.25) = 0.8944271909999159 (by hand; scipy.stats.wasserstein_distance agrees).
        TestResult r = W.test(NumericSamples.ofSorted(new double[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4}));
        assertThat(r.statistic()).isCloseTo(1.0, within(1e-15));
        assertThat(r.score()).isCloseTo(1 / Math.sqrt(1.25), within(1e-15));
        assertThat(r.drifted()).isTrue();
    }

    @Test
    void constantReferenceUsesTheFloor() {
        // Constants 0 and 1: W1 = 1, std 0 → floor 0.001 → 1000 (Evidently's constant_diff score).
        assertThat(W.distance(NumericSamples.clean(new double[] {0, 0, 0}, new double[] {1, 1})))
                .isCloseTo(1000.0, within(1e-9));
    }

    @Test
    void tiesAndUnequalSizes() {
        // R = {0, 0, 2}, C = {2}: F_R − F_C = 2/3 on [0, 2) → W1 = 4/3; std(R) = sqrt(8/9).
        double w = W.distance(NumericSamples.ofSorted(new double[] {0, 0, 2}, new double[] {2}));
        assertThat(w).isCloseTo((4.0 / 3.0) / Math.sqrt(8.0 / 9.0), within(1e-14));
    }

    @Test
    void identicalSamplesScoreZero() {
        double[] x = {1, 2, 2, 5};
        assertThat(W.distance(NumericSamples.ofSorted(x, x))).isZero();
    }

    @Test
    void refusesCategoriesAndEmptySides() {
        assertThat(W.appliesTo(ColumnKind.CATEGORICAL)).isFalse();
        assertThatThrownBy(() -> W.test(CategoryCounts.ofLabels(new String[] {"a"}, new long[] {1}, new long[] {1})))
                .isInstanceOf(InapplicableTestException.class);
        assertThatThrownBy(() -> W.test(NumericSamples.clean(new double[] {1}, new double[0])))
                .isInstanceOf(InsufficientDataException.class);
    }

    @Test
    void ecdfIntegralsEqualScipysTermsSummedPairwiseWithHeavyTiesAndSignedZeros() {
        // SciPy's _cdf_distance: pooled sorted values v_k, term |F_R(v_k) - F_C(v_k)|^p (v_{k+1} - v_k) with
        // F = #{<= v_k}/size, summed in NumPy's order. The merge must give exactly that sum.
        double[] pool = {-3.5, -1, -0.0, 0.0, 0.25, 1, 2, 1e300};
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 412; trial++) {
            // The last trials have enough terms for the two-cursor path (EcdfIntegral.SPLIT_MIN_TERMS).
            int bound = trial < 200 ? 12 : trial < 400 ? 700 : 40_000;
            double[] r = KolmogorovSmirnovTestTest.sample(random, pool, (trial < 400 ? 1 : 20_000) + random.nextInt(bound));
            double[] c = KolmogorovSmirnovTestTest.sample(random, pool, (trial < 400 ? 1 : 20_000) + random.nextInt(bound));
            double[] all = new double[r.length + c.length];
            System.arraycopy(r, 0, all, 0, r.length);
            System.arraycopy(c, 0, all, r.length, c.length);
            Arrays.sort(all);
            double[] absolute = new double[all.length - 1];
            double[] squared = new double[all.length - 1];
            for (int k = 0; k < absolute.length; k++) {
                double d = atMost(r, all[k]) / (double) r.length - atMost(c, all[k]) / (double) c.length;
                double width = all[k + 1] - all[k];
                absolute[k] = Math.abs(d) * width;
                squared[k] = d * d * width;
            }
            assertThat(EcdfIntegral.absolute(r, c)).as("trial %d", trial)
                    .isCloseTo(PairwiseSummation.sum(absolute), within(0.0));
            assertThat(EcdfIntegral.squared(r, c)).as("trial %d", trial)
                    .isCloseTo(PairwiseSummation.sum(squared), within(0.0));
        }
    }

    private static int atMost(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
