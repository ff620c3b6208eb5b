package io.driftwatch.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Joining builders in bulk gives the column that appending every cell to one builder gives. */
class ColumnBuilderAppendAllTest {

    private static double cell(int i) {
        return i % 7 == 3 ? Double.NaN : i * 0.5 - 10;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 100, 128, 200})
    void numericAppendAllKeepsValuesAndMissingCellsAtAnyBitOffset(int firstLength) {
        int secondLength = 150;
        NumericColumnBuilder one = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        NumericColumnBuilder first = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        NumericColumnBuilder second = new NumericColumnBuilder("x", PhysicalType.INTEGER, 4);
        for (int i = 0; i < firstLength + secondLength; i++) {
            double v = cell(i);
            NumericColumnBuilder target = i < firstLength ? first : second;
            if (i % 11 == 5) {
                one.appendMissing();
                target.appendMissing();
            } else {
                one.append(v);
                target.append(v);
            }
        }
        first.appendAll(second);
        assertThat(second.length()).isEqualTo(secondLength);
        NumericColumn expected = one.build();
        NumericColumn actual = first.build();
        assertThat(actual.physicalType()).isEqualTo(PhysicalType.FLOAT);
        assertThat(actual.length()).isEqualTo(expected.length());
        assertThat(actual.missingCount()).isEqualTo(expected.missingCount());
        for (int i = 0; i < expected.length(); i++) {
            assertThat(actual.isMissing(i)).as("row %d", i).isEqualTo(expected.isMissing(i));
            assertThat(Double.doubleToLongBits(actual.value(i))).isEqualTo(Double.doubleToLongBits(expected.value(i)));
        }
        assertThat(actual.values()).hasSize(expected.length());
    }

    @Test
    void numericAppendAllOfAnArrayRangeAndMissingRuns() {
        NumericColumnBuilder builder = new NumericColumnBuilder("x", PhysicalType.FLOAT, 2);
        builder.append(1);
        builder.appendMissing(3);
        builder.appendAll(new double[] {9, 2, Double.NaN, 4, 9}, 1, 3);
        NumericColumn column = builder.build();
        assertThat(column.values()).containsExactly(1, Double.NaN, Double.NaN, Double.NaN, 2, Double.NaN, 4);
        assertThat(column.missingCount()).isEqualTo(4);
        assertThat(column.isMissing(4)).isFalse();
        assertThat(column.isMissing(5)).isTrue();
    }

    /** Ranges of every length appended at every bit offset give the column of appending cell by cell. */
    @Test
    void numericAppendAllOfRangesAtEveryBitOffsetIsAppendingCellByCell() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        double[] source = new double[300];
        for (int i = 0; i < source.length; i++) {
            source[i] = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble();
        }
        NumericColumnBuilder bulk = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        NumericColumnBuilder one = new NumericColumnBuilder("x", PhysicalType.FLOAT, 4);
        for (int round = 0; round < 400; round++) {
            int offset = random.nextInt(source.length);
            int count = random.nextInt(Math.min(source.length - offset, 140) + 1);
            bulk.appendAll(source, offset, count);
            for (int i = offset; i < offset + count; i++) {
                one.append(source[i]);
            }
        }
        NumericColumn expected = one.build();
        NumericColumn actual = bulk.build();
        assertThat(actual.length()).isEqualTo(expected.length()).isGreaterThan(20_000);
        assertThat(actual.missingCount()).isEqualTo(expected.missingCount());
        for (int row = 0; row < expected.length(); row++) {
            assertThat(actual.isMissing(row)).as("row %d", row).isEqualTo(expected.isMissing(row));
        }
        assertThat(actual.values()).isEqualTo(expected.values());
    }

    @Test
    void builtColumnsRespectTheirLengthWhenTheArrayIsHandedOverWithSlack() {
        NumericColumnBuilder numbers = new NumericColumnBuilder("x", PhysicalType.FLOAT, 1000);
        CategoricalColumnBuilder labels = new CategoricalColumnBuilder("c", 1000);
        for (int i = 0; i < 990; i++) {
            numbers.append(i == 5 ? Double.NaN : 1.0);
            labels.append(i % 2 == 0 ? "a" : "b");
        }
        NumericColumn n = numbers.build();
        assertThat(n.length()).isEqualTo(990);
        assertThat(n.values()).hasSize(990);
        assertThat(n.finiteValues()).hasSize(989);
        assertThat(n.copyValues(new double[990], 0)).isEqualTo(990);
        assertThat(n.sizeInBytes()).isEqualTo(8L * 990 + 8L * 16);
        CategoricalColumn c = labels.build();
        assertThat(c.codes()).hasSize(990);
        assertThat(c.countsByCode()).containsExactly(495, 495);
        assertThat(c.sizeInBytes()).isEqualTo(4L * 990);
    }

    @Test
    void categoricalAppendAllRemapsCodesAndKeepsFirstAppearanceOrder() {
        String[] firstLabels = {"b", null, "a", "b"};
        String[] secondLabels = {"c", "a", null, "d", "c"};
        CategoricalColumnBuilder first = new CategoricalColumnBuilder("x", 2);
        CategoricalColumnBuilder second = new CategoricalColumnBuilder("x", 2);
        CategoricalColumnBuilder one = new CategoricalColumnBuilder("x", 2);
        for (String label : firstLabels) {
            add(first, label);
            add(one, label);
        }
        for (String label : secondLabels) {
            add(second, label);
            add(one, label);
        }
        first.appendMissing(2);
        one.appendMissing();
        one.appendMissing();
        first.appendAll(second);
        // appendAll after the missing run: rebuild the expected order the same way
        CategoricalColumnBuilder expectedBuilder = new CategoricalColumnBuilder("x", 2);
        for (String label : firstLabels) {
            add(expectedBuilder, label);
        }
        expectedBuilder.appendMissing(2);
        for (String label : secondLabels) {
            add(expectedBuilder, label);
        }
        CategoricalColumn actual = first.build();
        CategoricalColumn expected = expectedBuilder.build();
        assertThat(actual.dictionary()).containsExactly("b", "a", "c", "d");
        assertThat(actual.dictionary()).containsExactly(expected.dictionary());
        assertThat(actual.codes()).containsExactly(expected.codes());
        assertThat(actual.missingCount()).isEqualTo(4);
        assertThat(actual.labelAt(6)).isEqualTo("c");
        assertThat(actual.labelAt(8)).isNull();
        assertThat(one.build().cardinality()).isEqualTo(4);
    }

    @Test
    void categoricalAppendAllWithManyLabelsGrowsTheDictionary() {
        CategoricalColumnBuilder first = new CategoricalColumnBuilder("x", 2);
        CategoricalColumnBuilder second = new CategoricalColumnBuilder("x", 2);
        for (int i = 0; i < 500; i++) {
            first.append("l" + i);
            second.append("l" + (999 - i));
        }
        first.appendAll(second);
        CategoricalColumn column = first.build();
        assertThat(column.cardinality()).isEqualTo(1000);
        assertThat(column.labelAt(500)).isEqualTo("l999");
        assertThat(column.code(500)).isEqualTo(500);
        assertThat(column.label(999)).isEqualTo("l500");
    }

    @Test
    void codesLookedUpFirstAndAppendedInBulkGiveTheColumnOfAppend() {
        CategoricalColumnBuilder bulk = new CategoricalColumnBuilder("x", 2);
        CategoricalColumnBuilder single = new CategoricalColumnBuilder("x", 2);
        String[] cells = {"q", null, "r", "q", null, "s"};
        int[] staged = new int[cells.length + 2];
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            staged[i + 1] = cell == null ? CategoricalColumn.MISSING : bulk.code(cell.toCharArray(), 0, cell.length());
            add(single, cell);
        }
        bulk.appendCodes(staged, 1, cells.length);
        CategoricalColumn expected = single.build();
        CategoricalColumn actual = bulk.build();
        assertThat(actual.codes()).containsExactly(expected.codes());
        assertThat(actual.dictionary()).containsExactly(expected.dictionary());
        assertThat(actual.missingCount()).isEqualTo(2);
    }

    private static void add(CategoricalColumnBuilder builder, String label) {
        if (label == null) {
            builder.appendMissing();
        } else {
            builder.append(label.toCharArray(), 0, label.length());
        }
    }
}
