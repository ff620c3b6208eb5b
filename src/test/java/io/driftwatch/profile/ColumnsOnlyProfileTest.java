package io.driftwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ColumnsOnlyProfileTest {
    private static final Table REFERENCE = Table.of(List.of(
            NumericColumn.wrap("x", PhysicalType.FLOAT, new double[] {3, 1, Double.NaN, 2, 1}, 5),
            CategoricalColumn.of("k", new String[] {"a", "b", "a", null, "c"})));

    @Test
    void holdsTheSameColumnProfilesWithoutTheDatasetFacts() throws Exception {
        ReferenceProfile full = ReferenceProfile.of(REFERENCE, Set.of(), Runnable::run);
        ReferenceProfile columns = ReferenceProfile.columnsOnly(REFERENCE);

        assertThat(full.facts()).isPresent();
        assertThat(columns.facts()).isEmpty();
        assertThat(columns.rowCount()).isEqualTo(5);
        NumericProfile x = (NumericProfile) columns.column("x").orElseThrow();
        assertThat(x.sortedValues()).containsExactly(((NumericProfile) full.column("x").orElseThrow()).sortedValues());
        assertThat(x.missing()).isEqualTo(1);
        CategoricalProfile k = (CategoricalProfile) columns.column("k").orElseThrow();
        assertThat(k.size()).isEqualTo(3);
        assertThat(k.missing()).isEqualTo(1);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        columns.writeTo(bytes);
        ReferenceProfile back = ReferenceProfile.readFrom(new ByteArrayInputStream(bytes.toByteArray()), "test");
        assertThat(back.facts()).as("written and read back as a profile without facts").isEmpty();
        assertThat(back.columns()).hasSize(2);
    }

    @Test
    void aConsumingProfileEqualsTheProfileOfAnUntouchedTableAndLeavesIntactColumnsInRowOrder() {
        ReferenceProfile untouched = ReferenceProfile.of(table(), Set.of(), Runnable::run);
        Table consumed = table();

        ReferenceProfile profile = ReferenceProfile.consuming(consumed, ReferenceProfile.Facts.ALL, Set.of(),
                Set.of("kept"), Runnable::run);

        for (String name : List.of("finite", "missing", "kept")) {
            NumericProfile expected = (NumericProfile) untouched.column(name).orElseThrow();
            NumericProfile actual = (NumericProfile) profile.column(name).orElseThrow();
            assertThat(actual.sortedValues()).as(name).containsExactly(expected.sortedValues());
            assertThat(actual.missing()).isEqualTo(expected.missing());
            assertThat(actual.rows()).isEqualTo(expected.rows());
        }
        assertThat(profile.facts().orElseThrow().duplicatedRows())
                .as("facts read the rows before any column was sorted")
                .isEqualTo(untouched.facts().orElseThrow().duplicatedRows());
        assertThat(((NumericColumn) consumed.column("kept").orElseThrow()).values()).containsExactly(5, 4, 5, 1);
        assertThat(((NumericColumn) consumed.column("missing").orElseThrow()).values()).containsExactly(2, Double.NaN, 2, 0);
        assertThat(ReferenceProfile.consuming(table(), ReferenceProfile.Facts.NONE, Set.of(), Set.of(),
                Runnable::run).facts()).isEmpty();
    }

    /** The columns are profiled on the executor's threads: every one, in the table's order, as on one thread. */
    @Test
    void aConsumingProfileOnTwoThreadsHoldsEveryColumnInTheTablesOrder() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                ReferenceProfile expected = ReferenceProfile.of(wide(round), Set.of(), Runnable::run);
                ReferenceProfile actual = ReferenceProfile.consuming(wide(round), ReferenceProfile.Facts.NONE,
                        Set.of(), Set.of(), pool);

                assertThat(actual.columns()).extracting(ColumnProfile::name)
                        .containsExactlyElementsOf(expected.columns().stream().map(ColumnProfile::name).toList());
                for (int i = 0; i < expected.columns().size(); i++) {
                    if (expected.columns().get(i) instanceof NumericProfile numbers) {
                        NumericProfile got = (NumericProfile) actual.columns().get(i);
                        assertThat(Arrays.equals(got.sortedValues(), numbers.sortedValues())).as(got.name()).isTrue();
                        assertThat(got.missing()).isEqualTo(numbers.missing());
                    } else {
                        CategoricalProfile labels = (CategoricalProfile) expected.columns().get(i);
                        CategoricalProfile got = (CategoricalProfile) actual.columns().get(i);
                        assertThat(got.labels()).containsExactly(labels.labels());
                        assertThat(got.counts()).containsExactly(labels.counts());
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Numeric columns, some with missing cells, between text columns; radix-sorted (past 4,096 rows). */
    private static Table wide(long seed) {
        Random random = new Random(seed);
        int rows = 20_000;
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            if (c % 4 == 3) {
                String[] labels = new String[rows];
                for (int r = 0; r < rows; r++) {
                    labels[r] = "v" + random.nextInt(20);
                }
                columns.add(CategoricalColumn.of("text" + c, labels));
            } else {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = c % 2 == 0 && r % 7 == 0 ? Double.NaN : random.nextGaussian() * c;
                }
                columns.add(NumericColumn.wrap("number" + c, PhysicalType.FLOAT, values, rows));
            }
        }
        return Table.of(columns);
    }

    private static Table table() {
        return Table.of(List.of(
                NumericColumn.wrap("finite", PhysicalType.FLOAT, new double[] {9, 1, 9, 3}, 4),
                NumericColumn.wrap("missing", PhysicalType.FLOAT, new double[] {2, Double.NaN, 2, 0}, 4),
                NumericColumn.wrap("kept", PhysicalType.INTEGER, new double[] {5, 4, 5, 1}, 4)));
    }
}
