package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.data.CategoricalColumnBuilder;
import io.driftwatch.data.Column;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumnBuilder;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.io.TypeInference;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.OracleCase;
import io.driftwatch.stats.OracleConformanceTest;
import io.driftwatch.stats.OracleConformanceTest.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-DataFrame oracle cases ({@code datasets.json}: Evidently's {@code DataDriftPreset} on a
 * frame of mixed columns): inferred types, the automatically chosen test, score and verdict per
 * column, and the dataset counts and verdict, exactly.
 */
class DatasetOracleTest {

    static Stream<OracleCase> cases() {
        return OracleCase.load("datasets.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesEvidentlysDataDriftPreset(OracleCase c) {
        List<Column> reference = new ArrayList<>();
        List<Column> current = new ArrayList<>();
        for (JsonNode col : c.json().get("columns")) {
            reference.add(column(col.get("name").asText(), col.get("dtype").asText(), col.get("reference")));
            current.add(column(col.get("name").asText(), col.get("dtype").asText(), col.get("current")));
        }
        Table ref = Table.of(reference);
        Table cur = Table.of(current);
        Map<String, ColumnType> types = TypeInference.infer(cur, Map.of());
        for (JsonNode col : c.json().get("columns")) {
            assertThat(types.get(col.get("name").asText()).label()).as("type of %s", col.get("name").asText())
                    .isEqualTo(label(col.get("inferred_type").asText()));
        }

        DriftResult result = DriftAnalysis.sequential().run(ReferenceProfile.of(ref), cur, types, DriftOptions.defaults());

        JsonNode expected = c.expected();
        JsonNode columns = expected.get("columns");
        assertThat(result.columns()).extracting(ColumnDrift::name)
                .containsExactlyInAnyOrderElementsOf(() -> columns.fieldNames());
        for (ColumnDrift drift : result.columns()) {
            JsonNode want = columns.get(drift.name());
            assertThat(drift.error()).as("%s error", drift.name()).isNull();
            assertThat(drift.result().test()).as("%s test", drift.name()).isEqualTo(want.get("stattest").asText());
            assertThat(drift.result().threshold()).isEqualTo(want.get("threshold").asDouble());
            double score = OracleCase.number(want.get("drift_score"));
            Tolerance tol = Tolerance.of(drift.result().test(), drift.result().method());
            OracleConformanceTest.assertClose(drift.result().score(), score, tol.relative(), tol.absolute(),
                    c.id() + " " + drift.name());
            assertThat(drift.drifted()).as("%s drift", drift.name()).isEqualTo(want.get("drift_detected").asBoolean());
        }
        assertThat(result.dataset().numberOfColumns()).isEqualTo(expected.get("number_of_columns").asInt());
        assertThat(result.dataset().numberOfDriftedColumns()).isEqualTo(expected.get("number_of_drifted_columns").asInt());
        assertThat(result.dataset().share()).isEqualTo(expected.get("share_of_drifted_columns").asDouble());
        assertThat(result.dataset().detected()).isEqualTo(expected.get("dataset_drift").asBoolean());
    }

    static String label(String evidentlyType) {
        return switch (evidentlyType) {
            case "num" -> "numerical";
            case "cat" -> "categorical";
            default -> evidentlyType;
        };
    }

    /** A column as pandas held it: the dtype decides the physical type. */
    static Column column(String name, String dtype, JsonNode values) {
        if (dtype.equals("string")) {
            CategoricalColumnBuilder b = new CategoricalColumnBuilder(name, values.size());
            for (JsonNode v : values) {
                if (v.isNull()) {
                    b.appendMissing();
                } else {
                    b.append(v.asText());
                }
            }
            return b.build();
        }
        PhysicalType type = switch (dtype) {
            case "float64" -> PhysicalType.FLOAT;
            case "int64" -> PhysicalType.INTEGER;
            case "bool" -> PhysicalType.BOOLEAN;
            default -> throw new IllegalArgumentException("dtype " + dtype);
        };
        NumericColumnBuilder b = new NumericColumnBuilder(name, type, values.size());
        for (JsonNode v : values) {
            b.append(OracleCase.number(v));
        }
        return b.build();
    }
}
