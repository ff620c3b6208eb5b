package io.driftwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinningTest {

    @Test
    void sturgesFallsIntoThePowerOfTwoTrap() {
        // Oracle README 5.0: N = 1024 over [0, 1.4757] gives 12 bins, not log2(1024) + 1 = 11, because
        // 1.4757 / (1.4757 / 11) rounds to just above 11 in doubles (NumPy's histogram_bin_edges does the same).
        assertThat(Binning.sturgesEdges(0, 1.4757, 1024)).hasSize(13);
        // Control: 1000 values over [0, 1] → ceil(log2(1000) + 1) = 11 bins.
        assertThat(Binning.sturgesEdges(0, 1, 1000)).hasSize(12);
    }

    @Test
    void sturgesEdgesEndExactlyAtMaximumAndConstantPoolGetsUnitRange() {
        double[] e = Binning.sturgesEdges(0.1, 0.7, 50);
        assertThat(e[e.length - 1]).isEqualTo(0.7);
        assertThat(e[0]).isEqualTo(0.1);
        assertThat(Binning.sturgesEdges(3, 3, 10)).containsExactly(2.5, 3.5);
    }

    @Test
    void countsLikeNumpyHistogramWithLastBinClosed() {
        double[] edges = {0, 1, 2, 3};
        assertThat(Binning.counts(new double[] {-1, 0, 0.5, 1, 2.999, 3, 4}, edges)).containsExactly(2, 1, 2);
    }

    @Test
    void switchesToPerValueBinsAtTwentyDistinctReferenceValues() {
        double[] twenty = new double[20];
        double[] twentyOne = new double[21];
        for (int i = 0; i < twentyOne.length; i++) {
            twentyOne[i] = i;
            if (i < 20) {
                twenty[i] = i;
            }
        }
        double[] manyCurrent = new double[100];
        for (int i = 0; i < manyCurrent.length; i++) {
            manyCurrent[i] = i * 0.5;
        }
        // The current side's distinct count does not matter.
        assertThat(Binning.evidently(NumericSamples.ofSorted(twenty, manyCurrent)).method).isEqualTo("per_value");
        assertThat(Binning.evidently(NumericSamples.ofSorted(twentyOne, manyCurrent)).method).isEqualTo("sturges");
    }

    @Test
    void smoothingUsesSmallestNonzeroShareOfThatSide() {
        double[] coarse = {0.5, 0, 0.5};
        Binning.smoothZeros(coarse);
        assertThat(coarse).containsExactly(0.5, 1e-4, 0.5);
        double[] fine = {0.99995, 0, 0.00005};
        Binning.smoothZeros(fine);
        assertThat(fine).containsExactly(0.99995, 0.00005 / 1e6, 0.00005);
    }

    @Test
    void referenceQuantileEdgesInterpolateAndMergeTies() {
        // 1..9, quartiles at positions 2, 4, 6 → 3, 5, 7.
        assertThat(Binning.referenceQuantileEdges(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 4))
                .containsExactly(Double.NEGATIVE_INFINITY, 3, 5, 7, Double.POSITIVE_INFINITY);
        // Mostly zeros: the 0.25 and 0.5 quantiles are both 0 and merge.
        assertThat(Binning.referenceQuantileEdges(new double[] {0, 0, 0, 0, 0, 0, 0, 8, 9}, 4))
                .containsExactly(Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
    }
}
