package io.driftwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evidently 0.7's inference rules (oracle README, section 3). */
class TypeInferenceTest {

    @Test
    void floatColumnsAreNumericalEvenWhenBinary() {
        assertThat(TypeInference.infer(numbers("flag", PhysicalType.FLOAT, 0, 1, 1, 0))).isEqualTo(ColumnType.NUMERICAL);
    }

    @Test
    void integerColumnsWithAtMostTenDistinctValuesAreCategorical() {
        assertThat(TypeInference.infer(numbers("ten", PhysicalType.INTEGER, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9)))
                .isEqualTo(ColumnType.CATEGORICAL);
        assertThat(TypeInference.infer(numbers("eleven", PhysicalType.INTEGER, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
                .isEqualTo(ColumnType.NUMERICAL);
    }

    @Test
    void stringColumnsAreTextWhenMostValuesAreDistinct() {
        assertThat(TypeInference.infer(CategoricalColumn.of("city", "a", "b", "a", "b"))).isEqualTo(ColumnType.CATEGORICAL);
        // 3 distinct of 4 non-missing > 0.5 * 4
        assertThat(TypeInference.infer(CategoricalColumn.of("note", "a", "b", "c", "a", null))).isEqualTo(ColumnType.TEXT);
        // exactly half is still categorical (the rule is "more than half")
        assertThat(TypeInference.infer(CategoricalColumn.of("half", "a", "b", "a", "b"))).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void allMissingStringColumnIsNotTested() {
        assertThat(TypeInference.infer(CategoricalColumn.of("empty", null, null))).isEqualTo(ColumnType.UNSUPPORTED);
    }

    @Test
    void booleansAreCategoricalAndTimestampsDatetime() {
        assertThat(TypeInference.infer(numbers("b", PhysicalType.BOOLEAN, 0, 1))).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(TypeInference.infer(numbers("t", PhysicalType.TIMESTAMP, 1e12, 2e12))).isEqualTo(ColumnType.DATETIME);
    }

    @Test
    void declaredTypesOverrideInference() {
        Table current = Table.of(List.of(numbers("season", PhysicalType.INTEGER, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                numbers("temp", PhysicalType.FLOAT, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2)));
        assertThat(TypeInference.infer(current, Map.of("season", ColumnType.CATEGORICAL)))
                .containsExactly(Map.entry("season", ColumnType.CATEGORICAL), Map.entry("temp", ColumnType.NUMERICAL));
    }

    static NumericColumn numbers(String name, PhysicalType type, double... values) {
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.length);
        for (double v : values) {
            b.append(v);
        }
        return b.build();
    }
}
