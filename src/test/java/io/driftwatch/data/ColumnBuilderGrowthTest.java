package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Builders grow geometrically however they are fed: a reader that cannot know the row count (gzip)
 * appends a few hundred cells at a time, and each of those calls must not copy the whole column, or
 * reading n rows costs O(n²).
 */
class ColumnBuilderGrowthTest {
    private static final int ROWS = 1 << 20;
    private static final int BATCH = 256; // what the CSV reader hands over per call
    /** Growing by half each time from 16 reaches a million cells in about 30 steps. */
    private static final int MAX_REALLOCATIONS = 40;

    @Test
    void numericBuilderFedInSmallBatchesReallocatesLogarithmicallyOften() {
        NumericColumnBuilder builder = new NumericColumnBuilder("x", PhysicalType.FLOAT, 1024);
        double[] batch = new double[BATCH];
        int reallocations = 0;
        int capacity = builder.capacity();
        for (int appended = 0; appended < ROWS; appended += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                batch[i] = appended + i;
            }
            builder.appendAll(batch, 0, BATCH);
            if (builder.capacity() != capacity) {
                reallocations++;
                capacity = builder.capacity();
            }
        }

        assertThat(reallocations).isLessThanOrEqualTo(MAX_REALLOCATIONS);
        NumericColumn column = builder.build();
        assertThat(column.length()).isEqualTo(ROWS);
        assertThat(column.value(ROWS - 1)).isEqualTo(ROWS - 1);
    }

    @Test
    void categoricalBuilderFedInSmallBatchesReallocatesLogarithmicallyOften() {
        CategoricalColumnBuilder builder = new CategoricalColumnBuilder("c", 1024);
        int[] batch = new int[BATCH];
        int a = builder.code("a".toCharArray(), 0, 1);
        int b = builder.code("b".toCharArray(), 0, 1);
        int reallocations = 0;
        int capacity = builder.capacity();
        for (int appended = 0; appended < ROWS; appended += BATCH) {
            for (int i = 0; i < BATCH; i++) {
                batch[i] = (appended + i) % 2 == 0 ? a : b;
            }
            builder.appendCodes(batch, 0, BATCH);
            if (builder.capacity() != capacity) {
                reallocations++;
                capacity = builder.capacity();
            }
        }

        assertThat(reallocations).isLessThanOrEqualTo(MAX_REALLOCATIONS);
        assertThat(builder.build().length()).isEqualTo(ROWS);
    }

    @Test
    void anExactReservationLargerThanGeometricGrowthIsKeptExact() {
        NumericColumnBuilder builder = new NumericColumnBuilder("x", PhysicalType.FLOAT, 16);

        builder.ensureCapacity(10_000);

        assertThat(builder.capacity()).isEqualTo(10_000);
    }
}
