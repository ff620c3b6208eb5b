package io.driftwatch.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.analysis.Chunking;
import io.driftwatch.analysis.ModelTask;
import io.driftwatch.analysis.Sections;
import io.driftwatch.data.Chunks;
import io.driftwatch.estimate.ChunkEstimate;
import io.driftwatch.estimate.EstimateResult;
import io.driftwatch.estimate.MetricEstimates;
import io.driftwatch.multivariate.ClassifierChunk;
import io.driftwatch.multivariate.ColumnContribution;
import io.driftwatch.multivariate.ColumnImportance;
import io.driftwatch.multivariate.MultivariateResult;
import io.driftwatch.multivariate.ReconstructionChunk;
import io.driftwatch.stats.ChunkThreshold;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert lines of the estimate and multivariate sections: one per alerting metric or method, with
 * the count of alerting chunks, the range of their values, the thresholds, the method and whether labels
 * were known; the multivariate lines name the columns that weigh most over the alerting chunks.
 */
class LabelFreeLinesTest {
    private static final ChunkThreshold.Band ROC_BAND = new ChunkThreshold.Band(0.865, 0.943);

    private static ChunkEstimate chunk(int i, double value, ChunkThreshold.Band band, int labelled) {
        return new ChunkEstimate(i, 100, value, 0.01, value - 0.03, value + 0.03, band.lower(), band.upper(),
                band.alerts(value), Double.NaN, labelled);
    }

    private static EstimateResult estimate(ModelTask task, String method, MetricEstimates... metrics) {
        return new EstimateResult(task, method, Chunking.count(3), List.of(), 3, List.of(metrics), List.of(), List.of(),
                7, List.of());
    }

    @Test
    void anEstimateBelowItsBandInSomeChunksIsOneLineWithCountRangeAndThresholds() {
        MetricEstimates roc = new MetricEstimates("roc_auc", ROC_BAND, List.of(chunk(0, 0.9, ROC_BAND, 0),
                chunk(1, 0.72, ROC_BAND, 0), chunk(2, 0.8, ROC_BAND, 0)));
        ChunkThreshold.Band f1Band = new ChunkThreshold.Band(0.5, 0.8);
        MetricEstimates f1 = new MetricEstimates("f1_score", f1Band, List.of(chunk(0, 0.6, f1Band, 0),
                chunk(1, 0.7, f1Band, 0), chunk(2, 0.65, f1Band, 0)));

        assertThat(LabelFreeLines.estimate(Sections.of(estimate(ModelTask.BINARY_CLASSIFICATION, "cbpe", roc, f1))))
                .containsExactly("Estimated roc_auc below its threshold in 2 of 3 chunks: 0.72–0.8 against [0.865, 0.943]"
                        + " (CBPE, no labels)");
    }

    @Test
    void aLossAboveItsBandSaysAboveAndCountsTheLabelledRows() {
        ChunkThreshold.Band band = new ChunkThreshold.Band(10, 12.5);
        MetricEstimates mae = new MetricEstimates("mae", band, List.of(chunk(0, 14.25, band, 40), chunk(1, 11, band, 0)));

        assertThat(LabelFreeLines.estimate(Sections.of(estimate(ModelTask.REGRESSION, "dle", mae))))
                .containsExactly("Estimated mae above its threshold in 1 of 2 chunks: 14.25 against [10, 12.5]"
                        + " (DLE, 40 of 200 rows labelled)");
    }

    @Test
    void noSectionsOrNoAlertsMakeNoLines() {
        MetricEstimates calm = new MetricEstimates("roc_auc", ROC_BAND, List.of(chunk(0, 0.9, ROC_BAND, 0)));
        assertThat(LabelFreeLines.estimate(Sections.of())).isEmpty();
        assertThat(LabelFreeLines.multivariate(Sections.of())).isEmpty();
        assertThat(LabelFreeLines.estimate(Sections.of(estimate(ModelTask.BINARY_CLASSIFICATION, "cbpe", calm))))
                .isEmpty();
    }

    @Test
    void multivariateLinesNameTheMethodTheRangeAndTheColumnsDrivingTheAlertingChunks() {
        Chunks.RowChunk a = new Chunks.RowChunk(0, 100);
        Chunks.RowChunk b = new Chunks.RowChunk(100, 200);
        Chunks.RowChunk c = new Chunks.RowChunk(200, 300);
        MultivariateResult.Reconstruction pca = new MultivariateResult.Reconstruction(2, 0.65, 0.23, 0.26, 5, List.of(
                new ReconstructionChunk(a, 100, 0.24, 0.01, 0.2, 0.3, 0.23, 0.26, false,
                        List.of(new ColumnContribution("z", 9.0, 0.9), new ColumnContribution("x", 0.1, 0.1))),
                new ReconstructionChunk(b, 100, 1.05, 0.01, 1, 1.1, 0.23, 0.26, true,
                        List.of(new ColumnContribution("x", 0.6, 0.6), new ColumnContribution("y", 0.3, 0.3),
                                new ColumnContribution("z", 0.1, 0.1))),
                new ReconstructionChunk(c, 100, 1.21, 0.01, 1.1, 1.3, 0.23, 0.26, true,
                        List.of(new ColumnContribution("y", 0.5, 0.5), new ColumnContribution("x", 0.4, 0.4),
                                new ColumnContribution("z", 0, 0)))));
        MultivariateResult.Classifier classifier = new MultivariateResult.Classifier(0.45, 0.65, 5, 11, List.of(
                new ClassifierChunk(a, 100, 0.5, 0.45, 0.65, false, List.of()),
                new ClassifierChunk(b, 100, 0.91, 0.45, 0.65, true,
                        List.of(new ColumnImportance("y", 0.8), new ColumnImportance("x", Double.NaN)))));
        MultivariateResult result = new MultivariateResult(Chunking.count(3), List.of(), List.of("x", "y", "z"), pca,
                classifier, List.of());

        assertThat(LabelFreeLines.multivariate(Sections.of(result))).containsExactly(
                "Multivariate drift (PCA reconstruction error) in 2 of 3 chunks: 1.05–1.21 against [0.23, 0.26];"
                        + " driven by x, y, z",
                "Multivariate drift (domain classifier ROC AUC) in 1 of 2 chunks: 0.91 against [0.45, 0.65];"
                        + " driven by y");
    }
}
