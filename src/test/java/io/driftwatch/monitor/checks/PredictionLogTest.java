package io.driftwatch.monitor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.data.CategoricalColumn;
import io.driftwatch.data.Column;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.store.JoinedPredictions;
import io.driftwatch.store.PredictionBatch;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link PredictionLog} both ways: the rows a checked batch logs (rows without an id left out, numbers
 * as their shortest text, multiclass probabilities joined in the model's order), and the table of a
 * window's labelled rows typed as the reference's kept rows are, so that labels score as the
 * reference's target did.
 */
class PredictionLogTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private static NumericColumn numbers(String name, PhysicalType type, double... values) {
        return NumericColumn.wrap(name, type, values, values.length);
    }

    /** Window rows with these labels and predicted values (no text predictions, no probabilities). */
    private static JoinedPredictions rows(String[] labels, double[] predicted, String[] probabilities) {
        int n = labels.length;
        return new JoinedPredictions(n, null, null, new int[n], new String[n], predicted, new double[n],
                probabilities == null ? new String[n] : probabilities, new long[n], labels, new long[n]);
    }

    @Test
    void logsTheRowsThatHaveAnIdWithTheirPredictions() {
        ModelSpec spec = ModelSpec.binary("y", "label", "proba");
        Table batch = Table.of(List.of(numbers("id", PhysicalType.FLOAT, 7, Double.NaN, 1e15, 0.5),
                numbers("label", PhysicalType.INTEGER, 1, 0, 1, 0),
                numbers("proba", PhysicalType.FLOAT, 0.9, 0.2, Double.NaN, 0.4)));

        PredictionBatch logged = PredictionLog.of("c1", "m1", AT, spec, "id", batch);

        assertThat(logged.size()).as("the row without an id is left out").isEqualTo(3);
        assertThat(Arrays.copyOf(logged.rowIds(), 3)).containsExactly("7", "1000000000000000", "0.5");
        assertThat(Arrays.copyOf(logged.positions(), 3)).containsExactly(0, 2, 3);
        assertThat(Arrays.copyOf(logged.predictedValues(), 3)).containsExactly(1.0, 1.0, 0.0);
        assertThat(Arrays.copyOf(logged.probability(), 3)).containsExactly(0.9, Double.NaN, 0.4);
        assertThat(logged.predictedLabels()).isNull();
        assertThat(PredictionLog.of("c1", "m1", AT, spec, "request_id", batch)).as("no id column").isNull();
    }

    @Test
    void logsMulticlassProbabilitiesInTheModelsOrder() {
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("b", "p_b");
        classes.put("a", "p_a");
        classes.put("c", "p_c");
        ModelSpec spec = ModelSpec.multiclass("y", "label", classes);
        Table batch = Table.of(List.of(CategoricalColumn.of("id", "r1", "r2"), CategoricalColumn.of("label", "b", null),
                numbers("p_a", PhysicalType.FLOAT, 0.25, 0.5), numbers("p_b", PhysicalType.FLOAT, 0.5, Double.NaN),
                numbers("p_c", PhysicalType.FLOAT, 0.25, 0.5)));

        PredictionBatch logged = PredictionLog.of("c1", "m1", AT, spec, "id", batch);

        assertThat(Arrays.copyOf(logged.predictedLabels(), 2)).containsExactly("b", null);
        assertThat(Arrays.copyOf(logged.probabilities(), 2)).containsExactly("0.5,0.25,0.25", ",0.5,0.5");
        Table table = PredictionLog.labelledTable(spec, new JoinedPredictions(2, null, null, new int[2],
                logged.predictedLabels(), new double[] {Double.NaN, Double.NaN}, new double[2], logged.probabilities(),
                new long[2], new String[] {"b", "a"}, new long[2]), Optional.empty());
        NumericColumn pb = (NumericColumn) table.column("p_b").orElseThrow();
        assertThat(pb.value(0)).isEqualTo(0.5);
        assertThat(pb.isMissing(1)).isTrue();
        assertThat(((NumericColumn) table.column("p_a").orElseThrow()).value(1)).isEqualTo(0.5);
        assertThat(((CategoricalColumn) table.column("label").orElseThrow()).labelAt(0)).isEqualTo("b");
    }

    @Test
    void typesTheLabelsAsTheReferencesTargetSoTheyScoreTheSame() {
        ModelSpec spec = ModelSpec.binary("y", "label", null);
        JoinedPredictions rows = rows(new String[] {"1", "0", "1"}, new double[] {1, 0, 0}, null);

        Table asIntegers = PredictionLog.labelledTable(spec, rows, Optional.of(Table.of(List.of(
                numbers("y", PhysicalType.INTEGER, 0, 1), numbers("label", PhysicalType.INTEGER, 0, 1)))));
        Column target = asIntegers.column("y").orElseThrow();
        assertThat(target.physicalType()).isEqualTo(PhysicalType.INTEGER);
        assertThat(((NumericColumn) target).value(0)).isEqualTo(1.0);
        assertThat(asIntegers.column("label").orElseThrow().physicalType()).isEqualTo(PhysicalType.INTEGER);

        Table asText = PredictionLog.labelledTable(spec, rows, Optional.of(Table.of(List.of(
                CategoricalColumn.of("y", "0", "1"), CategoricalColumn.of("label", "0", "1")))));
        assertThat(((CategoricalColumn) asText.column("y").orElseThrow()).labelAt(2)).isEqualTo("1");
        assertThat(((CategoricalColumn) asText.column("label").orElseThrow()).labelAt(0))
                .as("a numeric prediction of a text target is its shortest text").isEqualTo("1");

        Table asBooleans = PredictionLog.labelledTable(spec, rows, Optional.of(Table.of(List.of(
                numbers("y", PhysicalType.BOOLEAN, 0, 1), numbers("label", PhysicalType.BOOLEAN, 0, 1)))));
        assertThat(asBooleans.column("y").orElseThrow().physicalType()).isEqualTo(PhysicalType.BOOLEAN);

        Table fractions = PredictionLog.labelledTable(ModelSpec.regression("y", "label"),
                rows(new String[] {"1.5", "-2", "3"}, new double[] {1, 2, 3}, null), Optional.of(Table.of(List.of(
                        numbers("y", PhysicalType.INTEGER, 0, 1), numbers("label", PhysicalType.INTEGER, 0, 1)))));
        NumericColumn y = (NumericColumn) fractions.column("y").orElseThrow();
        assertThat(y.physicalType()).as("a fraction makes a whole-number target decimal").isEqualTo(PhysicalType.FLOAT);
        assertThat(y.value(1)).isEqualTo(-2.0);

        Table words = PredictionLog.labelledTable(spec, rows(new String[] {"yes", "no", "yes"}, new double[] {1, 0, 0},
                null), Optional.empty());
        assertThat(words.column("y").orElseThrow()).as("without a reference, text stays text")
                .isInstanceOf(CategoricalColumn.class);
    }
}
