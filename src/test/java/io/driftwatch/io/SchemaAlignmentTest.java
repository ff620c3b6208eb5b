package io.driftwatch.io;

import static io.driftwatch.io.TypeInferenceTest.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaAlignmentTest {
    static final Table REFERENCE = Table.of(List.of(
            numbers("temp", PhysicalType.FLOAT, 0.1, 0.2),
            CategoricalColumn.of("city", "a", "b"),
            numbers("id", PhysicalType.INTEGER, 1, 2)));

    @Test
    void acceptsMatchingBatches() {
        Table current = Table.of(List.of(numbers("temp", PhysicalType.FLOAT, 0.3, 0.4), CategoricalColumn.of("city", "b", "c"),
                numbers("id", PhysicalType.INTEGER, 3, 4)));
        assertThat(SchemaAlignment.problems(REFERENCE, current, TypeInference.infer(current, Map.of()), Set.of())).isEmpty();
    }

    @Test
    void namesColumnsMissingOnEitherSide() {
        Table current = Table.of(List.of(numbers("temp", PhysicalType.FLOAT, 0.3, 0.4), numbers("hum", PhysicalType.FLOAT, 1, 2)));
        assertThat(SchemaAlignment.problems(REFERENCE, current, TypeInference.infer(current, Map.of()), Set.of()))
                .extracting(SchemaAlignment.Problem::message)
                .containsExactly(
                        "column 'hum': expected it in the reference (as in the current batch), found no such column in the reference",
                        "column 'city': expected it in the current batch (as in the reference), found no such column in the current batch",
                        "column 'id': expected it in the current batch (as in the reference), found no such column in the current batch");
    }

    @Test
    void ignoredColumnsAreNeverProblems() {
        Table current = Table.of(List.of(numbers("temp", PhysicalType.FLOAT, 0.3, 0.4), CategoricalColumn.of("city", "b", "c")));
        assertThat(SchemaAlignment.problems(REFERENCE, current, TypeInference.infer(current, Map.of()), Set.of("id"))).isEmpty();
    }

    @Test
    void reportsNumericalColumnHoldingTextOnOneSide() {
        Table current = Table.of(List.of(CategoricalColumn.of("temp", "warm", "cold"), CategoricalColumn.of("city", "b", "c"),
                numbers("id", PhysicalType.INTEGER, 3, 4)));
        assertThatThrownBy(() -> SchemaAlignment.check("ref.csv", "cur.csv", REFERENCE, current,
                Map.of("temp", ColumnType.NUMERICAL, "city", ColumnType.CATEGORICAL, "id", ColumnType.CATEGORICAL), Set.of()))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("reference ref.csv and current cur.csv do not line up")
                .hasMessageContaining("column 'temp': expected numbers in the current batch (the column is numerical), found text");
    }

    @Test
    void aColumnWithoutValuesOnOneSideConflictsWithNothing() {
        // A text column that went all-empty reads as numbers; an all-empty date column likewise.
        io.driftwatch.data.NumericColumnBuilder emptyCity = new io.driftwatch.data.NumericColumnBuilder("city",
                PhysicalType.FLOAT, 2);
        emptyCity.appendMissing();
        emptyCity.appendMissing();
        Table current = Table.of(List.of(numbers("temp", PhysicalType.FLOAT, 0.3, 0.4), emptyCity.build(),
                numbers("id", PhysicalType.INTEGER, 3, 4)));
        Map<String, ColumnType> types = Map.of("temp", ColumnType.NUMERICAL, "city", ColumnType.CATEGORICAL, "id",
                ColumnType.CATEGORICAL);

        assertThat(SchemaAlignment.problems(REFERENCE, current, types, Set.of())).isEmpty();
        assertThat(SchemaAlignment.problems(current, REFERENCE, types, Set.of())).as("either side").isEmpty();
    }

    @Test
    void reportsCategoriesOfDifferentKinds() {
        Table current = Table.of(List.of(numbers("temp", PhysicalType.FLOAT, 0.3, 0.4), numbers("city", PhysicalType.INTEGER, 1, 2),
                numbers("id", PhysicalType.INTEGER, 3, 4)));
        assertThat(SchemaAlignment.problems(REFERENCE, current, TypeInference.infer(current, Map.of()), Set.of()))
                .extracting(SchemaAlignment.Problem::message)
                .containsExactly("column 'city': expected the same kind of categories on both sides, found text in the reference "
                        + "and whole numbers in the current batch");
    }

    @Test
    void reportsDeclaredColumnInNeitherBatch() {
        assertThat(SchemaAlignment.problems(REFERENCE, REFERENCE, Map.of("price", ColumnType.NUMERICAL), Set.of()))
                .extracting(SchemaAlignment.Problem::message)
                .contains("column 'price': expected a numerical column, found it in neither batch");
    }
}
