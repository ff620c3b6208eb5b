package io.driftwatch.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.CheckData;
import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelSpec;
import io.driftwatch.data.ColumnType;
import io.driftwatch.data.NumericColumn;
import io.driftwatch.data.PhysicalType;
import io.driftwatch.data.Table;
import io.driftwatch.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EstimateAnalysis} on a check's data, for what the CLI tests (binary CBPE on the Adult example)
 * do not reach: DLE for a regression, multiclass CBPE with text classes, a binary model without a
 * prediction column, the reference's rows coming from its profile, the realized value when the current
 * batch has its target, the metrics asked for, and the error entries of an analysis that cannot run.
 *
 * <p>The regression: {@code y = 2a + ε}, predicted {@code 2a}, with {@code ε ~ N(0, 0.1)} where
 * {@code a < 0.5} and {@code N(0, 2)} from 0.5 on: the model errs far more on high {@code a}. The
 * reference draws {@code a} uniform on [−1, 1] (a quarter of its rows err much); the current batch's
 * second half draws it on [0.5, 1], where every row does — inside the reference's range, so the
 * loss model has seen it.
 */
class EstimateAnalysisTest {
    private static final ModelSpec MODEL = ModelSpec.regression("y", "pred");

    @Test
    void dleEstimatesAHigherLossWhereTheInputsMoveToWhereTheModelErrsMore() {
        Table reference = regression(1000, new Random(1), false);
        Table labelled = regression(400, new Random(2), true);
        Table current = Table.of(List.of(labelled.column("a").orElseThrow(), labelled.column("pred").orElseThrow()));
        EstimateOptions options = new EstimateOptions(Chunking.count(4), Calibration.AUTO, List.of("mae"));

        EstimateResult r = EstimateAnalysis.of(MODEL, options).run(data(reference, current, true));

        assertThat(r.errors()).isEmpty();
        assertThat(r.method()).isEqualTo("dle");
        assertThat(r.referenceChunks()).isEqualTo(4);
        assertThat(r.features()).containsExactly("a", "__prediction");
        assertThat(r.seed()).isEqualTo(Dle.DEFAULT_SEED);
        assertThat(r.metrics()).extracting(MetricEstimates::metric).containsExactly("mae");
        List<ChunkEstimate> chunks = r.metrics().get(0).chunks();
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(0).alert()).isFalse();
        assertThat(chunks.get(1).alert()).isFalse();
        assertThat(chunks.get(2).alert()).isTrue();
        assertThat(chunks.get(3).alert()).isTrue();
        assertThat(chunks.get(3).value()).isGreaterThan(3 * chunks.get(0).value());
        assertThat(r.alerts()).isTrue();
        assertThat(r.alertingMetrics()).containsExactly("mae");
        assertThat(r.hasRealized()).isFalse();
        assertThat(r.chunks().get(2).fromRow()).isEqualTo(200);
    }

    @Test
    void theCurrentBatchsTargetGivesTheRealizedValueBesideTheEstimate() {
        Table reference = regression(1000, new Random(1), false);
        Table current = regression(400, new Random(3), false);
        EstimateOptions options = new EstimateOptions(Chunking.count(2), Calibration.AUTO, List.of());

        EstimateResult r = EstimateAnalysis.of(MODEL, options).run(data(reference, current, true));

        assertThat(r.metrics()).extracting(MetricEstimates::metric).containsExactly("mae", "mse", "rmse", "mape");
        ChunkEstimate first = r.metrics().get(0).chunks().get(0);
        assertThat(first.labelledRows()).isEqualTo(200);
        // E|ε| = √(2/π) · (0.75 · 0.1 + 0.25 · 2) = 0.459
        assertThat(first.realized()).isBetween(0.3, 0.6);
        assertThat(Math.abs(first.value() - first.realized())).isLessThan(0.15);
    }

    @Test
    void aProfileThatKeepsNoRowsIsAnErrorEntryNotAFailedCheck() {
        Table reference = regression(100, new Random(1), false);
        CheckData data = new CheckData(Optional.of(ReferenceProfile.columnsOnly(reference)), reference,
                types(reference));

        EstimateResult r = EstimateAnalysis.of(MODEL, EstimateOptions.defaults()).run(data);

        assertThat(r.metrics()).isEmpty();
        assertThat(r.alerts()).isFalse();
        assertThat(r.errors()).containsExactly("the reference profile keeps no rows of columns 'y', 'pred': profile"
                + " the reference again with this monitor");
    }

    @Test
    void moreChunksThanRowsIsAnErrorEntry() {
        Table reference = regression(5, new Random(1), false);
        EstimateResult r = EstimateAnalysis.of(MODEL, EstimateOptions.defaults())
                .run(data(reference, reference, true));

        assertThat(r.errors()).containsExactly("cannot split 5 rows into 10 chunks: give fewer chunks (chunks:"
                + " {count: …}) or a size ({size: …})");
    }

    @Test
    void withoutAReferenceNothingIsEstimated() {
        Table current = regression(100, new Random(1), false);
        EstimateResult r = EstimateAnalysis.of(MODEL, EstimateOptions.defaults())
                .run(new CheckData(Optional.empty(), current, types(current)));

        assertThat(r.errors()).singleElement().asString().startsWith("estimating performance needs a reference");
    }

    @Test
    void multiclassCbpeReadsTheClassesFromTheProbabilityColumnsAndEstimatesNearTheRealizedAccuracy() {
        ModelSpec spec = ModelSpec.multiclass("y", "pred", Map.of("c", "pc", "a", "pa", "b", "pb"));
        Table reference = multiclass(3000, new Random(11));
        Table current = multiclass(1000, new Random(12));
        EstimateOptions options = new EstimateOptions(Chunking.count(2), Calibration.NEVER, List.of("accuracy"));
        ReferenceProfile profile = ReferenceProfile.columnsOnly(reference)
                .keepingRows(reference, spec.columns());

        EstimateResult r = EstimateAnalysis.of(spec, options).run(new CheckData(Optional.of(profile), current,
                Map.of()));

        assertThat(r.errors()).isEmpty();
        assertThat(r.method()).isEqualTo("cbpe");
        assertThat(r.calibration()).hasSize(3).allMatch(d -> !d.calibrated());
        for (ChunkEstimate c : r.metrics().get(0).chunks()) {
            // the probabilities are the classes' true chances: the estimate and the realized value agree
            assertThat(c.labelledRows()).isEqualTo(500);
            assertThat(Math.abs(c.value() - c.realized())).isLessThan(0.06);
        }
    }

    @Test
    void aLabelThatIsNoneOfTheClassesIsAnErrorEntryNamingIt() {
        ModelSpec spec = ModelSpec.multiclass("y", "pred", Map.of("a", "pa", "b", "pb", "c", "pc"));
        Table reference = multiclass(300, new Random(11));
        Table current = multiclass(100, new Random(12));
        List<io.driftwatch.data.Column> columns = new java.util.ArrayList<>(current.columns());
        String[] labels = new String[100];
        java.util.Arrays.fill(labels, "a");
        labels[41] = "z";
        columns.set(0, io.driftwatch.data.CategoricalColumn.of("y", labels));
        ReferenceProfile profile = ReferenceProfile.columnsOnly(reference).keepingRows(reference, spec.columns());

        EstimateResult r = EstimateAnalysis.of(spec, new EstimateOptions(Chunking.count(2), Calibration.NEVER,
                List.of())).run(new CheckData(Optional.of(profile), Table.of(columns), Map.of()));

        assertThat(r.errors()).containsExactly("current: 'y' holds 'z' at row 42, which is none of the classes"
                + " model.probabilities names (a, b, c)");
    }

    @Test
    void aBinaryModelWithProbabilitiesOnlyPredictsFromTheThreshold() {
        // a 0/1 target, no prediction column: predicted 1 where the probability is at least 0.5
        ModelSpec spec = ModelSpec.binary("y", null, "p");
        Random random = new Random(5);
        Table reference = binary(2000, random);
        Table current = binary(1000, random);
        ReferenceProfile profile = ReferenceProfile.columnsOnly(reference).keepingRows(reference, spec.columns());

        EstimateResult r = EstimateAnalysis.of(spec, new EstimateOptions(Chunking.size(500), Calibration.AUTO,
                List.of("accuracy", "roc_auc"))).run(new CheckData(Optional.of(profile), current, Map.of()));

        assertThat(r.errors()).isEmpty();
        assertThat(r.metrics()).extracting(MetricEstimates::metric).containsExactly("accuracy", "roc_auc");
        assertThat(r.chunks()).hasSize(2);
        for (ChunkEstimate c : r.metrics().get(0).chunks()) {
            assertThat(Math.abs(c.value() - c.realized())).isLessThan(0.06);
        }
    }

    @Test
    void theRealizedValuesOfABatchAreThoseOfItsRowsAsOneChunkForEveryTask() {
        // what the service stores beside the estimates (and computes on labels that arrive later) is the
        // chunk's realized value of a one-chunk estimate, metric for metric
        Table regressionReference = regression(1000, new Random(1), false);
        Table regressionCurrent = regression(300, new Random(4), true);
        EstimateOptions oneChunk = new EstimateOptions(Chunking.count(1), Calibration.AUTO, List.of());
        assertRealizedIsTheOneChunks(EstimateAnalysis.of(MODEL, oneChunk), data(regressionReference,
                regressionCurrent, true), 4);

        ModelSpec multiclass = ModelSpec.multiclass("y", "pred", Map.of("c", "pc", "a", "pa", "b", "pb"));
        Table reference = multiclass(1000, new Random(11));
        assertRealizedIsTheOneChunks(EstimateAnalysis.of(multiclass, oneChunk), new CheckData(Optional.of(
                ReferenceProfile.columnsOnly(reference).keepingRows(reference, multiclass.columns())),
                multiclass(400, new Random(13)), Map.of()), 7);

        ModelSpec binary = ModelSpec.binary("y", null, "p");
        Table binaryReference = binary(1000, new Random(6));
        assertRealizedIsTheOneChunks(EstimateAnalysis.of(binary, oneChunk), new CheckData(Optional.of(
                ReferenceProfile.columnsOnly(binaryReference).keepingRows(binaryReference, binary.columns())),
                binary(400, new Random(7)), Map.of()), 7);

        Table unlabelled = Table.of(List.of(binary(10, new Random(8)).column("p").orElseThrow()));
        assertThat(EstimateAnalysis.of(binary, oneChunk).realized(unlabelled)).as("no target column").isEmpty();
    }

    private static void assertRealizedIsTheOneChunks(EstimateAnalysis analysis, CheckData data, int metrics) {
        EstimateResult r = analysis.run(data);
        assertThat(r.errors()).isEmpty();
        Map<String, Double> realized = analysis.realized(data.current());
        assertThat(realized).hasSize(metrics);
        for (MetricEstimates m : r.metrics()) {
            assertThat(m.chunks()).hasSize(1);
            assertThat(realized.get(m.metric())).as(m.metric()).isEqualTo(m.chunks().get(0).realized());
        }
    }

    /** Probabilities p = softmax of three normals; the label drawn from p; predicted the most probable class. */
    private static Table multiclass(int rows, Random random) {
        String[] classes = {"a", "b", "c"};
        double[][] p = new double[3][rows];
        String[] y = new String[rows];
        String[] pred = new String[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            double[] e = new double[3];
            for (int k = 0; k < 3; k++) {
                e[k] = Math.exp(1.5 * random.nextGaussian());
                sum += e[k];
            }
            int best = 0;
            for (int k = 0; k < 3; k++) {
                p[k][i] = e[k] / sum;
                if (p[k][i] > p[best][i]) {
                    best = k;
                }
            }
            double u = random.nextDouble();
            int drawn = u < p[0][i] ? 0 : u < p[0][i] + p[1][i] ? 1 : 2;
            y[i] = classes[drawn];
            pred[i] = classes[best];
        }
        return Table.of(List.of(io.driftwatch.data.CategoricalColumn.of("y", y),
                io.driftwatch.data.CategoricalColumn.of("pred", pred),
                NumericColumn.wrap("pa", PhysicalType.FLOAT, p[0], rows),
                NumericColumn.wrap("pb", PhysicalType.FLOAT, p[1], rows),
                NumericColumn.wrap("pc", PhysicalType.FLOAT, p[2], rows)));
    }

    /** A calibrated binary model: p uniform, the label 1 with chance p. */
    private static Table binary(int rows, Random random) {
        double[] y = new double[rows];
        double[] p = new double[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = random.nextDouble();
            y[i] = random.nextDouble() < p[i] ? 1 : 0;
        }
        return Table.of(List.of(NumericColumn.wrap("y", PhysicalType.INTEGER, y, rows),
                NumericColumn.wrap("p", PhysicalType.FLOAT, p, rows)));
    }

    private static CheckData data(Table reference, Table current, boolean keep) {
        ReferenceProfile profile = ReferenceProfile.columnsOnly(reference);
        if (keep) {
            profile = profile.keepingRows(reference, List.of("a", "y", "pred"));
        }
        Map<String, ColumnType> types = types(current);
        return new CheckData(Optional.of(profile), current, types);
    }

    private static Map<String, ColumnType> types(Table t) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        t.columns().forEach(c -> types.put(c.name(), ColumnType.NUMERICAL));
        return types;
    }

    /** {@code rows} rows; {@code a} uniform on [−1, 1], or on [0.5, 1] in the second half when {@code shift}. */
    private static Table regression(int rows, Random random, boolean shift) {
        double[] a = new double[rows];
        double[] y = new double[rows];
        double[] pred = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = shift && i >= rows / 2 ? 0.5 + 0.5 * random.nextDouble() : 2 * random.nextDouble() - 1;
            pred[i] = 2 * a[i];
            y[i] = pred[i] + (a[i] < 0.5 ? 0.1 : 2) * random.nextGaussian();
        }
        return Table.of(List.of(NumericColumn.wrap("a", PhysicalType.FLOAT, a, rows),
                NumericColumn.wrap("y", PhysicalType.FLOAT, y, rows),
                NumericColumn.wrap("pred", PhysicalType.FLOAT, pred, rows)));
    }
}
