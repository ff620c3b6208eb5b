package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quartiles by selection against NumPy 1.24's linear method on the sorted values, bit for bit. */
class QuantilesTest {

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 24, 25, 26, 100, 1001, 50_000})
    void selectsWhatSortingGivesOnDataWithTies(int m) {
        SplittableRandom random = new SplittableRandom(m);
        for (int trial = 0; trial < 5; trial++) {
            double[] a = new double[m];
            int distinct = trial == 0 ? 2 : trial == 1 ? 10 : Integer.MAX_VALUE;
            for (int i = 0; i < m; i++) {
                a[i] = distinct == Integer.MAX_VALUE ? random.nextGaussian() : random.nextInt(distinct);
            }
            if (trial == 3) {
                Arrays.sort(a); // already sorted
            }
            if (trial == 4) {
                Arrays.sort(a);
                for (int i = 0; i < m / 2; i++) { // descending
                    double t = a[i];
                    a[i] = a[m - 1 - i];
                    a[m - 1 - i] = t;
                }
            }
            assertThat(selected(a)).as("trial %d", trial).isEqualTo(sorted(a));
        }
    }

    @Test
    void reproducesNumpysArithmeticOnInfinities() {
        // np.percentile([1, 2, inf], 50): 2 + (inf - 2) * 0 is NaN
        assertThat(selected(new double[] {Double.POSITIVE_INFINITY, 1, 2})[1]).isNaN();
        // np.percentile([-inf, 1, 2, 3, 4], 25): the index falls on 1 exactly, then lerp(1, 2, 0) = 1
        assertThat(selected(new double[] {3, Double.NEGATIVE_INFINITY, 1, 2, 4})[0]).isEqualTo(1.0);
        // one value +inf: NumPy's last-index branch gives inf - (inf - inf) * ... = NaN
        assertThat(selected(new double[] {Double.POSITIVE_INFINITY})).containsOnly(Double.NaN);
        assertThat(selected(new double[] {5})).containsExactly(5.0, 5.0, 5.0);
    }

    @Test
    void interpolatesAsPandasDoes() {
        // pd.Series([1, 2, 3, 4]).quantile([.25, .5, .75]) == [1.75, 2.5, 3.25]
        assertThat(selected(new double[] {4, 1, 3, 2})).containsExactly(1.75, 2.5, 3.25);
        double[] none = new double[3];
        Quantiles.linear(new double[0], 0, Quantiles.QUARTILES, none);
        assertThat(none).containsOnly(Double.NaN);
    }

    private static double[] selected(double[] values) {
        double[] a = values.clone();
        double[] out = new double[3];
        Quantiles.linear(a, a.length, Quantiles.QUARTILES, out);
        if (a.length > 0) {
            double[] s = values.clone();
            Arrays.sort(s);
            assertThat(a[(a.length - 1) / 2]).as("the median rank is in place").isEqualTo(s[(s.length - 1) / 2]);
        }
        return out;
    }

    /** NumPy 1.24's {@code _quantile} with the linear method, on a sorted copy. */
    private static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double v = (n - 1) * Quantiles.QUARTILES[k];
            int prev = (int) Math.floor(v);
            int next = prev + 1;
            if (v >= n - 1) {
                prev = -1;
                next = -1;
            }
            double gamma = v - prev;
            double a = s[prev < 0 ? n - 1 : prev];
            double b = s[next < 0 ? n - 1 : next];
            double diff = b - a;
            double lerp = a + diff * gamma;
            out[k] = gamma >= 0.5 ? b - diff * (1 - gamma) : lerp;
        }
        return out;
    }
}
