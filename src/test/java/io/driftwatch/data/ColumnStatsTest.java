package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnStatsTest {
    private static NumericColumn column(double... values) {
        return NumericColumn.wrap("x", PhysicalType.FLOAT, values, values.length);
    }

    @Test
    void atMostDistinctCountsValuesNotCellsAndSkipsMissingCells() {
        NumericColumn tenValues = column(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 0, Double.NaN, 5, Double.NaN);
        assertThat(ColumnStats.atMostDistinct(tenValues, 10)).isTrue();
        assertThat(ColumnStats.atMostDistinct(tenValues, 9)).isFalse();
        assertThat(ColumnStats.distinctCount(tenValues)).isEqualTo(10);
    }

    @Test
    void atMostDistinctAgreesWithTheCountOnEveryLimit() {
        double[] values = new double[5_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919) % 37 - 3.5;
        }
        NumericColumn c = column(values);
        int distinct = ColumnStats.distinctCount(c);
        for (int limit = 0; limit <= 40; limit++) {
            assertThat(ColumnStats.atMostDistinct(c, limit)).as("limit %d", limit).isEqualTo(distinct <= limit);
        }
    }

    @Test
    void aColumnOfOnlyMissingCellsHasNoValues() {
        assertThat(ColumnStats.atMostDistinct(column(Double.NaN, Double.NaN), 0)).isTrue();
    }
}
