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
 * {@link EstimateAnalysis} on a check's data, for what the CLI tests (CBPE on the Adult example) do
 * not reach: DLE for a regression, the reference's rows coming from its profile, the realized value
 * when the current batch has its target, the metrics asked for, and the error entries of an analysis
 * that cannot run.
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
