package io.driftwatch.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.ColumnType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import io.driftwatch.stats.OracleCase;
import io.driftwatch.stats.OracleConformanceTest;
import io.driftwatch.stats.OracleConformanceTest.Tolerance;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-column oracle cases where Evidently chose the test itself ({@code stattest_auto.json}):
 * the boundaries of the automatic choice (1,000 reference rows after cleaning; 2, 5 distinct
 * values in the union), run through the whole drift layer.
 */
class AutomaticTestChoiceOracleTest {

    static Stream<OracleCase> cases() {
        return OracleCase.load("stattest_auto.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheTestEvidentlyChooses(OracleCase c) {
        Table reference = Table.of(List.of(DatasetOracleTest.column("x", c.dtype(), c.json().get("reference"))));
        Table current = Table.of(List.of(DatasetOracleTest.column("x", c.dtype(), c.json().get("current"))));
        ColumnType type = c.numerical() ? ColumnType.NUMERICAL : ColumnType.CATEGORICAL;

        DriftResult result = DriftAnalysis.sequential().run(ReferenceProfile.of(reference), current, Map.of("x", type),
                DriftOptions.defaults());

        ColumnDrift drift = result.columns().get(0);
        assertThat(drift.error()).isNull();
        assertThat(drift.result().test()).isEqualTo(c.expected().get("stattest").asText());
        Tolerance tol = Tolerance.of(drift.result().test(), drift.result().method());
        OracleConformanceTest.assertClose(drift.result().score(), OracleCase.number(c.expected().get("drift_score")),
                tol.relative(), tol.absolute(), c.id());
        assertThat(drift.drifted()).isEqualTo(c.expected().get("drift_detected").asBoolean());
    }
}
