package io.driftwatch.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PcaComponentsTest {

    /** 0.4 + 0.25 == 0.65 in floating point: scikit-learn keeps a third component ("more than 0.65"); Smile would stop at two. */
    @Test
    void keepsOneMoreComponentWhenTheCumulativeRatioIsExactlyTheShare() {
        assertThat(0.4 + 0.25).isEqualTo(0.65);
        assertThat(ReconstructionModel.componentsFor(new double[] {0.4, 0.25, 0.2, 0.15}, 0.65)).isEqualTo(3);
    }

    @Test
    void keepsTheFewestComponentsExplainingMoreThanTheShare() {
        assertThat(ReconstructionModel.componentsFor(new double[] {0.4, 0.26, 0.2, 0.14}, 0.65)).isEqualTo(2);
        assertThat(ReconstructionModel.componentsFor(new double[] {0.7, 0.2, 0.1}, 0.65)).isEqualTo(1);
        assertThat(ReconstructionModel.componentsFor(new double[] {0.5, 0.5}, 0.99)).isEqualTo(2);
    }

    @Test
    void eigenvectorsAreOrthonormalAndDiagonaliseTheMatrix() {
        double[][] m = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 1}};
        SymmetricEigen.Decomposition e = SymmetricEigen.of(m);
        assertThat(e.values()).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 3; s++) {
                double dot = 0;
                double quadratic = 0;
                for (int i = 0; i < 3; i++) {
                    dot += e.vectors()[r][i] * e.vectors()[s][i];
                    for (int j = 0; j < 3; j++) {
                        quadratic += e.vectors()[r][i] * m[i][j] * e.vectors()[s][j];
                    }
                }
                assertThat(dot).isCloseTo(r == s ? 1 : 0, within(1e-14));
                assertThat(quadratic).isCloseTo(r == s ? e.values()[r] : 0, within(1e-13));
            }
        }
    }
}
