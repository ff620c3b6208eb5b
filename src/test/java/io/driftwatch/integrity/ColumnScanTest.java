package io.driftwatch.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColumnScanTest {

    @Test
    void distinctValuesAndRunLengthsMatchANaiveCountOnRunsOfEveryLength() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(1, 3000);
            int span = 1 + random.nextInt(trial % 2 == 0 ? 5 : 5000);
            double[] sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = random.nextInt(span);
            }
            Arrays.sort(sorted);
            List<Double> values = new ArrayList<>();
            List<Long> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    values.add(sorted[i]);
                    runs.add(0L);
                }
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
            }
            assertThat(ColumnScan.distinct(sorted)).containsExactly(values.stream().mapToDouble(Double::doubleValue).toArray());
            assertThat(ColumnScan.runLengths(sorted)).containsExactly(runs.stream().mapToLong(Long::longValue).toArray());
        }
        assertThat(ColumnScan.distinct(new double[0])).isEmpty();
        assertThat(ColumnScan.runLengths(new double[] {-0.0, 0.0, 1})).containsExactly(2, 1);
    }

    @Test
    void rangeCountsBothSidesSkipsMissingCellsAndFindsTheExtremes() {
        NumericColumn column = column(5, Double.NaN, -1, 12, Double.POSITIVE_INFINITY, 7, -3, Double.NaN, 11, 20);
        ColumnScan scan = ColumnScan.range(column, 0, 10);
        assertThat(scan.above).isEqualTo(4);
        assertThat(scan.below).isEqualTo(2);
        assertThat(scan.min).isEqualTo(-3);
        assertThat(scan.max).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(scan.varied()).isTrue();
        assertThat(scan.highestCount).isZero();

        scan.keepExtremes(column, 0, 10);
        assertThat(Arrays.copyOf(scan.highest, scan.highestCount)).containsExactly(Double.POSITIVE_INFINITY, 20, 12, 11);
        assertThat(Arrays.copyOf(scan.lowest, scan.lowestCount)).containsExactly(-3, -1);
    }

    @Test
    void keepsOnlyTheFiveMostExtremeValuesOfManyOutOfRange() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + (i * 37 % 1000); // a permutation of 100 … 1099
        }
        ColumnScan scan = ColumnScan.range(column(values), 0, 10);
        scan.keepExtremes(column(values), 0, 10);
        assertThat(scan.above).isEqualTo(1000);
        assertThat(Arrays.copyOf(scan.highest, scan.highestCount)).containsExactly(1099, 1098, 1097, 1096, 1095);
    }

    @Test
    void aColumnOfOneValueIsNotVariedNegativeZeroIncluded() {
        assertThat(ColumnScan.constancy(column(0.0, Double.NaN, -0.0, 0.0)).varied()).isFalse();
        assertThat(ColumnScan.constancy(column(Double.NaN, 2, 2, 3)).varied()).isTrue();
        assertThat(ColumnScan.constancy(column(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).varied()).isTrue();
    }

    @Test
    void unknownValuesAreFoundByTableForCodesAndBySearchOtherwise() {
        NumericColumn column = column(1, 2, 9, Double.NaN, 2.5, -0.0, 3, 4096, 9);
        ColumnScan codes = ColumnScan.unknownValues(column, new double[] {0, 1, 2, 3});
        assertThat(Arrays.copyOf(codes.unknown, codes.unknownCount)).containsExactly(9, 2.5, 4096, 9);

        ColumnScan decimals = ColumnScan.unknownValues(column, new double[] {0, 0.5, 1, 2, 3});
        assertThat(Arrays.copyOf(decimals.unknown, decimals.unknownCount)).containsExactly(9, 2.5, 4096, 9);

        ColumnScan wide = ColumnScan.unknownValues(column, new double[] {0, 1, 2, 3, 1e6});
        assertThat(Arrays.copyOf(wide.unknown, wide.unknownCount)).containsExactly(9, 2.5, 4096, 9);
        assertThat(wide.min).isEqualTo(-0.0);
        assertThat(wide.max).isEqualTo(4096);
    }

    private static NumericColumn column(double... values) {
        NumericColumnBuilder b = new NumericColumnBuilder("x", PhysicalType.FLOAT, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }
}
