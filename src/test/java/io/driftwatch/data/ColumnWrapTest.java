package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnWrapTest {

    @Test
    void wrappedNumbersTreatNaNAsMissingAndIgnoreTheUnusedTail() {
        double[] values = {1.5, Double.NaN, 3, Double.POSITIVE_INFINITY, 99, 99};
        NumericColumn column = NumericColumn.wrap("x", PhysicalType.FLOAT, values, 4);
        assertThat(column.length()).isEqualTo(4);
        assertThat(column.missingCount()).isEqualTo(1);
        assertThat(column.isMissing(1)).isTrue();
        assertThat(column.isMissing(3)).isFalse();
        assertThat(column.values()).containsExactly(1.5, Double.NaN, 3, Double.POSITIVE_INFINITY);
        assertThat(column.sortedFiniteValues()).containsExactly(1.5, 3);
        assertThat(column.infiniteCount()).isEqualTo(1);
    }

    @Test
    void infiniteCellsAreThoseNeitherFiniteNorMissingHoweverTheColumnWasBuilt() {
        NumericColumnBuilder builder = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        builder.append(Double.NEGATIVE_INFINITY);
        builder.append(Double.NaN);
        builder.appendMissing();
        builder.appendAll(new double[] {1, Double.POSITIVE_INFINITY, Double.NaN, -2}, 0, 4);
        builder.appendMissing(2);
        NumericColumn built = builder.build();
        assertThat(built.missingCount()).isEqualTo(5);
        assertThat(built.finiteCount()).isEqualTo(2);
        assertThat(built.infiniteCount()).isEqualTo(2);

        double[] tail = {Double.POSITIVE_INFINITY, 1, Double.NaN, Double.NEGATIVE_INFINITY};
        NumericColumn wrapped = NumericColumn.wrap("y", PhysicalType.FLOAT, tail, 3);
        assertThat(wrapped.infiniteCount()).as("not the infinity past the length").isEqualTo(1);
    }

    @Test
    void wrappedCodesCountMissingAndRejectCodesOutsideTheDictionary() {
        CategoricalColumn column = CategoricalColumn.wrap("c", new int[] {0, 1, CategoricalColumn.MISSING, 1, 7}, 4,
                new String[] {"a", "b"});
        assertThat(column.missingCount()).isEqualTo(1);
        assertThat(column.countsByCode()).containsExactly(1, 2);
        assertThat(column.labelAt(2)).isNull();
        assertThatThrownBy(() -> CategoricalColumn.wrap("c", new int[] {0, 2}, 2, new String[] {"a", "b"}))
                .hasMessage("code 2 at row 1 outside dictionary of 2");
        assertThatThrownBy(() -> CategoricalColumn.wrap("c", new int[] {0}, 1, new String[] {"a", "a"}))
                .hasMessage("dictionary label 'a' repeated");
    }

    @Test
    void consumingSortSortsTheColumnsOwnArrayWhenEveryCellIsFinite() {
        double[] values = {3, -0.0, 2, 0.0, -7.5, 2};
        NumericColumn column = NumericColumn.wrap("x", PhysicalType.FLOAT, values, 6);
        double[] expected = NumericColumn.wrap("x", PhysicalType.FLOAT, values.clone(), 6).sortedFiniteValues();

        double[] sorted = column.sortedFiniteValuesConsuming();

        assertThat(sorted).as("no new array").isSameAs(values);
        assertThat(sorted).containsExactly(expected);
    }

    @Test
    void consumingSortCopiesAndLeavesTheColumnAloneWhenACellIsMissingInfiniteOrTheArrayIsLonger() {
        double[][] cases = {{3, Double.NaN, 1}, {3, Double.NEGATIVE_INFINITY, 1}, {3, 2, 1, 99}};
        int[] lengths = {3, 3, 3};
        for (int k = 0; k < cases.length; k++) {
            double[] values = cases[k];
            double[] before = values.clone();
            NumericColumn column = NumericColumn.wrap("x", PhysicalType.FLOAT, values, lengths[k]);

            double[] sorted = column.sortedFiniteValuesConsuming();

            assertThat(sorted).isNotSameAs(values).containsExactly(column.sortedFiniteValues());
            assertThat(values).as("case %d untouched", k).containsExactly(before);
        }
    }

    @Test
    void sortsTheFiniteValuesIntoAGivenArrayOfExactlyTheirCount() {
        NumericColumn column = NumericColumn.wrap("x", PhysicalType.FLOAT,
                new double[] {4, Double.NaN, -1, Double.POSITIVE_INFINITY, 2}, 5);
        double[] reused = {9, 9, 9};

        assertThat(column.finiteCount()).isEqualTo(3);
        assertThat(column.sortedFiniteValues(reused, Parallelism.SINGLE_THREAD)).isSameAs(reused)
                .containsExactly(-1, 2, 4);
        assertThatThrownBy(() -> column.sortedFiniteValues(new double[4], Parallelism.SINGLE_THREAD))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an array of 4 for 3 finite values");
    }
}
